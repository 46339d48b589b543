package io.github.lasier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.BreakerBuilder;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.FailedResultException;
import io.github.lasier.Permit;
import io.github.lasier.rules.MaxFailuresRule;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The half-open state, run against both breakers on one store. The end of an open period is made by deleting the
 * open flag, exactly what its expiry does, so the tests need not wait for it; lease and marker expiry are waited for.
 */
public abstract class HalfOpenBehaviourSuite extends StoreSuite {

    private static final String FAILURES = "svc_failures";
    private static final String OPEN_FLAG = "circuit_svc_failures";
    private static final String MARKER = OPEN_FLAG + ":half_open";
    private static final String SUCCESSES = OPEN_FLAG + ":probe_successes";
    private static final Duration LONG = Duration.ofSeconds(60);

    private static String probeKey(int number) {
        return OPEN_FLAG + ":probe:" + number;
    }

    private TestBreaker breaker(BreakerKind kind, Consumer<BreakerBuilder<?, ?>> settings) {
        return TestBreaker.of(kind, storage(), asyncStorage(), b -> {
            b.rule(new MaxFailuresRule(1, FAILURES)).circuitTimeout(LONG);
            settings.accept(b);
        });
    }

    /** Opens the circuit through a failing call, then ends the open period as the flag's expiry would. */
    private void openThenEndOpenPeriod(TestBreaker breaker) {
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(CircuitOpenException.class);
        assertThat(keys.get(OPEN_FLAG)).hasValue(1);
        keys.delete(OPEN_FLAG);
    }

    private static void assertRejected(TestBreaker breaker, AtomicInteger ran) {
        int before = ran.get();
        assertThatThrownBy(() -> breaker.call(() -> ran.incrementAndGet()))
                .isInstanceOf(CircuitOpenException.class).hasNoCause()
                .hasMessage("Circuit '" + FAILURES + "' is half-open: every probe it permits is in flight")
                .satisfies(e -> assertThat(((CircuitOpenException) e).isHalfOpen()).isTrue());
        assertThat(ran).hasValue(before);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void withoutHalfOpenEveryCallRunsWhenTheOpenPeriodEnds(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, b -> { });
        openThenEndOpenPeriod(breaker);
        assertThat(keys.get(MARKER)).as("Lasier's cycle writes no half-open key").isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(breaker.<String>call(() -> "ran")).isEqualTo("ran");
        }
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void openingStartsAHalfOpenRoundWithTtls(BreakerKind kind) {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(2));
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(CircuitOpenException.class);
        assertThat(keys.get(OPEN_FLAG)).hasValue(1);
        assertThat(keys.get(MARKER)).hasValue(1);
        assertThat(hasTtl(OPEN_FLAG)).isTrue();
        assertThat(hasTtl(MARKER)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void onlyThePermittedProbesRunAndTheOthersAreRejected(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(2));
        openThenEndOpenPeriod(breaker);
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<String> firstSeen = breaker.begin(first, ran);
        await().until(() -> ran.get() == 1);
        CompletableFuture<String> secondSeen = breaker.begin(second, ran);
        await().until(() -> ran.get() == 2);

        assertRejected(breaker, ran);
        assertThat(hasTtl(probeKey(1))).as("a lease has a TTL").isTrue();
        assertThat(hasTtl(probeKey(2))).isTrue();
        assertThat(hasTtl(MARKER)).isTrue();

        first.complete("one");
        second.complete("two");
        assertThat(TestBreaker.outcomeOf(firstSeen)).isEqualTo("one");
        assertThat(TestBreaker.outcomeOf(secondSeen)).isEqualTo("two");
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void enoughSuccessfulProbesCloseTheCircuitAndResetEverything(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(2));
        openThenEndOpenPeriod(breaker);
        assertThat(breaker.<String>call(() -> "probe one")).isEqualTo("probe one");
        assertThat(keys.get(MARKER)).as("one success of two: still half-open").hasValue(1);
        assertThat(keys.get(SUCCESSES)).hasValue(1);
        assertThat(hasTtl(SUCCESSES)).isTrue();
        assertThat(breaker.<String>call(() -> "probe two")).isEqualTo("probe two");

        assertThat(keys.get(MARKER)).as("closed").isEmpty();
        assertThat(keys.get(SUCCESSES)).isEmpty();
        assertThat(keys.get(probeKey(1))).isEmpty();
        assertThat(keys.get(probeKey(2))).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(breaker.<String>call(() -> "closed")).isEqualTo("closed");
        }
        assertThat(breaker.isOpen()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aFailedProbeOpensTheCircuitAgainForTheCircuitTimeout(BreakerKind kind) {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(3));
        openThenEndOpenPeriod(breaker);
        IOException stillDown = new IOException("still down");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw stillDown;
        })).isInstanceOf(CircuitOpenException.class).hasCause(stillDown)
                .satisfies(e -> assertThat(((CircuitOpenException) e).openFor()).hasValue(LONG));
        assertThat(keys.get(OPEN_FLAG)).hasValue(1);
        assertThat(hasTtl(OPEN_FLAG)).isTrue();
        assertThat(keys.get(MARKER)).as("a new half-open round follows").hasValue(1);
        assertThat(keys.get(probeKey(1))).as("the round's leases start free").isEmpty();
        assertThat(breaker.isOpen()).isTrue();
        assertThatThrownBy(() -> breaker.call(() -> "not run")).isInstanceOf(CircuitOpenException.class)
                .satisfies(e -> assertThat(((CircuitOpenException) e).isHalfOpen()).as("open, not half-open").isFalse());
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aProbeThatHangsGivesItsPermitBackWhenItsLeaseExpires(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(1, 1, Duration.ofMillis(300)));
        openThenEndOpenPeriod(breaker);
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<String> hung = new CompletableFuture<>();
        CompletableFuture<String> hungSeen = breaker.begin(hung, ran);
        await().until(() -> ran.get() == 1);
        assertRejected(breaker, ran);

        await().atMost(Duration.ofSeconds(5)).until(() -> keys.get(probeKey(1)).isEmpty());
        assertThat(breaker.<String>call(() -> "next probe")).isEqualTo("next probe");
        assertThat(keys.get(MARKER)).as("the next probe's success closed the circuit").isEmpty();

        IOException late = new IOException("late");
        hung.completeExceptionally(late);
        assertThatThrownBy(() -> TestBreaker.outcomeOf(hungSeen)).as("a late report changes nothing").isSameAs(late);
        assertThat(keys.get(OPEN_FLAG)).isEmpty();
        assertThat(breaker.<String>call(() -> "closed")).isEqualTo("closed");
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void anExceptionThatIsNotAFailureGivesThePermitBack(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(1).catchExceptions(IOException.class));
        openThenEndOpenPeriod(breaker);
        IllegalStateException ignored = new IllegalStateException("not a failure");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw ignored;
        })).isSameAs(ignored);
        assertThat(keys.get(probeKey(1))).isEmpty();
        assertThat(keys.get(MARKER)).as("still half-open").hasValue(1);
        assertThat(breaker.<String>call(() -> "probe")).isEqualTo("probe");
        assertThat(keys.get(MARKER)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void anErrorGivesThePermitBack(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(1));
        openThenEndOpenPeriod(breaker);
        AssertionError error = new AssertionError("an Error");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw error;
        })).isSameAs(error);
        assertThat(breaker.<String>call(() -> "probe")).isEqualTo("probe");
        assertThat(keys.get(MARKER)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aResultPredicateThatThrowsGivesThePermitBack(BreakerKind kind) throws Exception {
        IllegalArgumentException bug = new IllegalArgumentException("predicate bug");
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(1).failureResult(result -> {
            if ("boom".equals(result)) {
                throw bug;
            }
            return false;
        }));
        openThenEndOpenPeriod(breaker);
        assertThatThrownBy(() -> breaker.call(() -> "boom")).isSameAs(bug);
        assertThat(keys.get(probeKey(1))).as("no leaked permit").isEmpty();
        assertThat(breaker.<String>call(() -> "fine")).isEqualTo("fine");
        assertThat(keys.get(MARKER)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aProbeWhoseResultIsAFailureOpensTheCircuitAgain(BreakerKind kind) {
        TestBreaker breaker = breaker(kind, b -> b.halfOpen(1).failureResult("503"::equals));
        openThenEndOpenPeriod(breaker);
        assertThatThrownBy(() -> breaker.call(() -> "503")).isInstanceOf(CircuitOpenException.class)
                .cause().isInstanceOf(FailedResultException.class)
                .satisfies(e -> assertThat(((FailedResultException) e).result()).isEqualTo("503"));
        assertThat(keys.get(OPEN_FLAG)).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aHalfOpenCircuitNobodyCallsClosesByItself(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, b -> b.circuitTimeout(Duration.ofMillis(200))
                .halfOpen(1, 1, Duration.ofMillis(100)));
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(CircuitOpenException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> keys.get(MARKER).isEmpty());
        assertThat(breaker.<String>call(() -> "runs as a normal call")).isEqualTo("runs as a normal call");
        assertThat(keys.get(probeKey(1))).as("no probe was needed").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void twoBreakersShareTheLeases(BreakerKind kind) throws Exception {
        TestBreaker one = breaker(kind, b -> b.halfOpen(1));
        TestBreaker other = breaker(kind, b -> b.halfOpen(1));
        openThenEndOpenPeriod(one);
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<String> probe = new CompletableFuture<>();
        CompletableFuture<String> probeSeen = one.begin(probe, ran);
        await().until(() -> ran.get() == 1);
        assertRejected(other, ran);
        probe.complete("up");
        assertThat(TestBreaker.outcomeOf(probeSeen)).isEqualTo("up");
        assertThat(other.<String>call(() -> "closed for both")).isEqualTo("closed for both");
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void manyCallersOnTwoBreakersAtTheEndOfTheOpenPeriodLetOnlyThePermittedProbesThrough(BreakerKind kind)
            throws Exception {
        int permitted = 3;
        // Leases outlive the test's calls: a lease that expired would rightly admit another probe.
        Consumer<BreakerBuilder<?, ?>> settings = b -> b.circuitTimeout(Duration.ofMillis(400))
                .halfOpen(permitted, permitted, Duration.ofSeconds(30));
        TestBreaker one = breaker(kind, settings);
        TestBreaker other = breaker(kind, settings);
        assertThatThrownBy(() -> one.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(CircuitOpenException.class);

        // Eight callers keep calling through both breakers across the end of the open period. A call that gets
        // through waits for the downstream, which answers only once the test has counted who reached it.
        CompletableFuture<String> downstream = new CompletableFuture<>();
        AtomicInteger reached = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        long stopAt = System.nanoTime() + Duration.ofMillis(1200).toNanos();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestBreaker breaker = i % 2 == 0 ? one : other;
            Thread caller = new Thread(() -> {
                while (System.nanoTime() < stopAt) {
                    try {
                        breaker.callUntil(downstream, reached);
                        return;
                    } catch (CircuitOpenException refused) {
                        rejected.incrementAndGet();
                    } catch (Exception unexpected) {
                        throw new AssertionError(unexpected);
                    }
                }
            }, "caller-" + i);
            caller.start();
            callers.add(caller);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() > stopAt);
        assertThat(reached).as("calls that reached the downstream, across both breakers").hasValue(permitted);
        assertThat(rejected.get()).as("the others kept being rejected").isGreaterThan(permitted);

        downstream.complete("up");
        for (Thread caller : callers) {
            caller.join(10_000);
            assertThat(caller.isAlive()).isFalse();
        }
        assertThat(keys.get(MARKER)).as("the probes' successes closed the circuit").isEmpty();
        assertThat(other.<String>call(() -> "closed")).isEqualTo("closed");
    }

    @Test
    void thePermissionApiTellsAProbeAndItsSuccessClosesTheCircuit() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(1, FAILURES)).storage(storage())
                .halfOpen(1).build();
        breaker.open();
        assertThat(keys.get(MARKER)).as("a forced open starts a half-open round too").hasValue(1);
        keys.delete(OPEN_FLAG);
        Permit permit = breaker.acquirePermission();
        assertThat(permit.isProbe()).isTrue();
        assertThatThrownBy(breaker::acquirePermission).isInstanceOf(CircuitOpenException.class);
        breaker.onSuccess(permit);
        assertThat(keys.get(MARKER)).isEmpty();
        assertThat(breaker.acquirePermission().isProbe()).isFalse();
    }

    @Test
    void closeClearsTheHalfOpenState() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(1, FAILURES)).storage(storage())
                .halfOpen(2).build();
        breaker.open();
        keys.delete(OPEN_FLAG);
        breaker.acquirePermission();
        breaker.close();
        List<String> left = new ArrayList<>();
        for (String key : List.of(OPEN_FLAG, MARKER, SUCCESSES, probeKey(1), probeKey(2))) {
            if (keys.get(key).isPresent()) {
                left.add(key);
            }
        }
        assertThat(left).isEmpty();
        assertThat(breaker.acquirePermission().isProbe()).isFalse();
    }
}
