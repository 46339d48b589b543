package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.BreakerBuilder;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.ObservedBreaker.Outcome;
import io.github.lasier.redis.testing.LogCapture;
import io.github.lasier.redis.testing.RedisServerProcess;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.testkit.BreakerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One store fault, end to end, on two circuits of one kind of breaker sharing one {@link RedisStorage}: "guarded",
 * whose calls all fail under a rule opening at {@value #MAX_FAILURES} failures, and "busy", whose calls alternate
 * between failure and success under a rule that never opens. The steps: {@link #healthy()}, the fault,
 * {@link #callDuringOutage}, the repair, {@link #awaitRecovery()}, then the checks. A second storage on its own
 * connection stands for another instance of the service.
 */
final class FaultScenario implements AutoCloseable {

    /** The command timeout of the storages: modest, so outages are short, yet far above a loopback round trip. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(200);
    /** How long a failed store is left alone: the default, so outages of a second and a half see a probe or two. */
    static final Duration RETRY = BreakerBuilder.DEFAULT_STORE_RETRY_INTERVAL;
    static final int MAX_FAILURES = 5;
    static final String GUARDED = "guarded_failures";
    static final String BUSY = "busy_failures";

    private final RedisServerProcess server;
    private final BreakerKind kind;
    private final StoreFailurePolicy policy;
    private final Duration commandTimeout;
    private final RedisStorage storage;
    private final RedisStorage otherInstance;
    final RecordingRule guardedRule = new RecordingRule(MAX_FAILURES, GUARDED);
    final ObservedBreaker guarded;
    final ObservedBreaker busy;
    final List<Outcome> guardedOutcomes = Collections.synchronizedList(new ArrayList<>());
    final List<Outcome> busyOutcomes = Collections.synchronizedList(new ArrayList<>());
    final List<Outcome> guardedWhileRecovering = new ArrayList<>();
    final Latencies outage = new Latencies();
    private boolean guardedSawUnavailable;
    private boolean busySawUnavailable;
    private long outageMillis;
    private int ranBeforeOutage;
    private int ranDuringOutage;
    long recoveryMillis;

    FaultScenario(RedisServerProcess server, BreakerKind kind, StoreFailurePolicy policy) {
        this(server, kind, policy, COMMAND_TIMEOUT);
    }

    /**
     * A scenario whose storages wait {@code commandTimeout}: a long one for tests that count outages, where a
     * loaded machine must not pass for one.
     */
    FaultScenario(RedisServerProcess server, BreakerKind kind, StoreFailurePolicy policy, Duration commandTimeout) {
        this.server = server;
        this.kind = kind;
        this.policy = policy;
        this.commandTimeout = commandTimeout;
        this.storage = connect(server, commandTimeout);
        this.otherInstance = connect(server, commandTimeout);
        this.guarded = ObservedBreaker.of(kind, storage, b -> b.rule(guardedRule).storeFailurePolicy(policy)
                .storeRetryInterval(RETRY).circuitTimeout(Duration.ofSeconds(60)));
        this.busy = busyBreaker(storage);
    }

    static RedisStorage connect(RedisServerProcess server) {
        return connect(server, COMMAND_TIMEOUT);
    }

    static RedisStorage connect(RedisServerProcess server, Duration commandTimeout) {
        return RedisStorage.builder().uri(server.uri()).commandTimeout(commandTimeout).build();
    }

    private ObservedBreaker busyBreaker(RedisStorage on) {
        return ObservedBreaker.of(kind, on, b -> b.rule(new MaxFailuresRule(1_000_000, BUSY))
                .storeFailurePolicy(policy).storeRetryInterval(RETRY));
    }

    /**
     * Shared state works before the fault: a failure is counted in Redis. (On a loaded machine a first call can
     * outlast the short timeout and fall back; then the probe a retry interval later counts in Redis.)
     */
    void healthy() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            assertThat(System.nanoTime()).as("a failure counted in Redis within 10 s").isLessThan(deadline);
            assertThat(busy.call(true)).isEqualTo(Outcome.FAILED);
            pause(20);
        } while (!busy.storeAvailable() || server.command("GET", BUSY) == null);
        server.command("DEL", BUSY);
        assertThat(guarded.storeAvailable()).isTrue();
        assertThat(busy.storeAvailable()).isTrue();
    }

    /** Calls both circuits, one after the other with a short pause, for {@code duration}. */
    void callDuringOutage(Duration duration) {
        ranBeforeOutage = guarded.ran() + busy.ran();
        guarded.executeReturns().clear();
        busy.executeReturns().clear();
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        for (int i = 0; System.nanoTime() < end || i < 3 * MAX_FAILURES; i++) {
            long callStarted = System.nanoTime();
            guardedOutcomes.add(guarded.call(true));
            outage.add(System.nanoTime() - callStarted);
            callStarted = System.nanoTime();
            busyOutcomes.add(busy.call(i % 2 == 0));
            outage.add(System.nanoTime() - callStarted);
            guardedSawUnavailable |= !guarded.storeAvailable();
            busySawUnavailable |= !busy.storeAvailable();
            pause(2);
        }
        outageMillis = (System.nanoTime() - started) / 1_000_000;
        ranDuringOutage = guarded.ran() + busy.ran() - ranBeforeOutage;
    }

    /** Keeps calling until both breakers use the store again; measures how long that took from now. */
    void awaitRecovery() {
        awaitRecovery(true);
    }

    /** {@link #awaitRecovery()}, the guarded calls succeeding unless {@code guardedFails}. */
    void awaitRecovery(boolean guardedFails) {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(20).toNanos();
        while (!(guarded.storeAvailable() && busy.storeAvailable())) {
            assertThat(System.nanoTime()).as("both breakers use the store again within 20 s").isLessThan(deadline);
            guardedWhileRecovering.add(guarded.call(guardedFails));
            busy.call(false);
            pause(20);
        }
        recoveryMillis = (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * Waits out one retry interval after the recovery and calls both circuits: the store has now been back long
     * enough for its return to be logged.
     */
    void settle() {
        pause(RETRY.toMillis() + 50);
        guarded.call(false);
        busy.call(false);
    }

    /** Each circuit's breaker logged {@code outages} warnings and as many infos (after {@link #settle()}). */
    static void assertOutagesLogged(LogCapture log, int outages) {
        for (String circuit : new String[] {GUARDED, BUSY}) {
            assertThat(log.lines("WARN", "Store of circuit '" + circuit + "' is unavailable"))
                    .as("warnings for %s", circuit).hasSize(outages);
            assertThat(log.lines("INFO", "Store of circuit '" + circuit + "' is available again"))
                    .as("infos for %s", circuit).hasSize(outages);
        }
    }

    /** No caller saw anything but its own exception, the failure exception, or (PROPAGATE) a storage exception. */
    void assertNoForeignExceptionReachedACaller() {
        List<Throwable> unexpected = new ArrayList<>(guarded.unexpected());
        unexpected.addAll(busy.unexpected());
        assertThat(unexpected).as("throwables callers saw: %s", unexpected.stream()
                .map(t -> t.getClass().getName() + ": " + t.getMessage()).collect(Collectors.toList())).isEmpty();
        assertThat(guardedOutcomes).doesNotContain(Outcome.UNEXPECTED);
        assertThat(busyOutcomes).doesNotContain(Outcome.UNEXPECTED);
        if (policy != StoreFailurePolicy.PROPAGATE) {
            assertThat(guardedOutcomes).doesNotContain(Outcome.STORE_ERROR);
            assertThat(busyOutcomes).doesNotContain(Outcome.STORE_ERROR);
        }
    }

    /**
     * The outage, call by call, as the policy says: with the local fallback the guarded circuit failed four times,
     * opened on the fifth failure (its rule saw exactly the totals 1 to 5) and then rejected, while every busy call
     * went ahead; failing closed, every call was rejected; propagating, every call got a storage exception.
     */
    void assertOutcomesFollowThePolicy() {
        switch (policy) {
            case LOCAL_FALLBACK:
                List<Outcome> expected = new ArrayList<>(Collections.nCopies(MAX_FAILURES - 1, Outcome.FAILED));
                expected.add(Outcome.OPENED);
                expected.addAll(Collections.nCopies(guardedOutcomes.size() - MAX_FAILURES, Outcome.REJECTED));
                assertThat(guardedOutcomes).as("the local breaker opened at the rule's threshold")
                        .isEqualTo(expected);
                assertThat(guardedRule.asked()).containsExactly(1L, 2L, 3L, 4L, 5L);
                for (int i = 0; i < busyOutcomes.size(); i++) {
                    assertThat(busyOutcomes.get(i)).as("busy call %d went ahead", i)
                            .isEqualTo(i % 2 == 0 ? Outcome.FAILED : Outcome.SERVED);
                }
                break;
            case FAIL_CLOSED:
                assertThat(guardedOutcomes).containsOnly(Outcome.REJECTED);
                assertThat(busyOutcomes).containsOnly(Outcome.REJECTED);
                assertThat(ranDuringOutage).as("calls that ran").isZero();
                break;
            default:
                assertThat(guardedOutcomes).containsOnly(Outcome.STORE_ERROR);
                assertThat(busyOutcomes).containsOnly(Outcome.STORE_ERROR);
                assertThat(ranDuringOutage).as("calls that ran").isZero();
                break;
        }
    }

    /**
     * The outage did not add the store's timeout to every call: most calls took a small fraction of it, at most one
     * call per breaker and retry interval (plus the first) waited for the store, and the 99th percentile stays
     * under twice the timeout (a call makes at most two store operations). A bound far above normal, not a speed
     * measurement; the maximum is only reported, as a loaded machine can stall any thread.
     */
    void assertLatencyBounded() {
        double timeout = commandTimeout.toMillis();
        assertThat(outage.percentileMillis(50)).as("p50 of %s", outage).isLessThan(timeout / 4);
        assertThat(outage.percentileMillis(99)).as("p99 of %s", outage).isLessThan(2 * timeout + 100);
        long probesBound = 2 * (outageMillis / RETRY.toMillis() + 2);
        assertThat(outage.countAbove(timeout / 2)).as("calls that waited for the store, in %s", outage)
                .isLessThanOrEqualTo(probesBound);
    }

    /** Async: no call held the calling thread for as long as the store may take to answer. */
    void assertAsyncCallersNeverWaitedForTheStore() {
        for (ObservedBreaker breaker : List.of(guarded, busy)) {
            assertThat(breaker.executeReturns().maxMillis()).as("execute() returned at once: %s",
                    breaker.executeReturns()).isLessThan(commandTimeout.toMillis() / 2.0);
        }
    }

    /** Both breakers took the store for unavailable at some point of the outage. */
    void assertStoreWasUnavailable() {
        assertThat(guardedSawUnavailable).as("guarded saw the store unavailable").isTrue();
        assertThat(busySawUnavailable).as("busy saw the store unavailable").isTrue();
    }

    void assertStoreUnavailable() {
        assertThat(guarded.storeAvailable()).as("guarded: store available").isFalse();
        assertThat(busy.storeAvailable()).as("busy: store available").isFalse();
    }

    /** The circuit the local breaker opened during the outage is still open, though Redis never heard of it. */
    void assertLocallyOpenedCircuitStaysOpen() {
        assertThat(guardedWhileRecovering).containsOnly(Outcome.REJECTED);
        assertThat(guarded.isOpen()).isTrue();
        assertThat(guarded.call(true)).isEqualTo(Outcome.REJECTED);
        assertThat(server.command("EXISTS", "circuit_" + GUARDED)).isEqualTo(0L);
    }

    /** Failures are counted in Redis again, and another instance sees a circuit this one opens. */
    void assertSharingResumed() {
        long before = counter(BUSY);
        assertThat(busy.call(true)).isEqualTo(Outcome.FAILED);
        assertThat(counter(BUSY)).as("the failure was counted in Redis").isEqualTo(before + 1);

        ObservedBreaker onOtherInstance = busyBreaker(otherInstance);
        assertThat(onOtherInstance.call(false)).isEqualTo(Outcome.SERVED);
        busy.open();
        assertThat(server.command("GET", "circuit_" + BUSY)).isEqualTo("1");
        assertThat(onOtherInstance.call(false)).as("the other instance sees the circuit open")
                .isEqualTo(Outcome.REJECTED);
        busy.close();
        assertThat(onOtherInstance.call(false)).isEqualTo(Outcome.SERVED);
    }

    private long counter(String key) {
        Object value = server.command("GET", key);
        return value == null ? 0 : Long.parseLong((String) value);
    }

    /** What the scenario measured, for the test report. */
    String report(String fault) {
        return String.format("%s, %s, %s: outage %d ms, %s; async execute() %s; recovered %d ms after the repair",
                fault, kind, policy, outageMillis, outage, busy.isAsync() ? busy.executeReturns() : "-",
                recoveryMillis);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        storage.close();
        otherInstance.close();
    }
}
