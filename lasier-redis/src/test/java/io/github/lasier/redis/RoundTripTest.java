package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.testing.CommandMonitor;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.RespConnection;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.rules.SlidingWindowRule;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands per call, as the server counts them: at most 2 for a success, 2 for a failure that does not open the
 * circuit, 3 for the failure that opens it, 1 for a rejected call; whatever the rule, sync and async alike.
 */
class RoundTripTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int CALLS = 200;
    /** A store failure must fail the test, not be served by a local fallback that sends no commands. */
    private static final StoreFailurePolicy PROPAGATE = StoreFailurePolicy.PROPAGATE;

    private RedisStorage storage;
    private CommandMonitor counter;

    @BeforeEach
    void connect() {
        storage = TestStorages.connect(REDIS.server());
        counter = new CommandMonitor(REDIS.server());
    }

    @AfterEach
    void disconnect() {
        counter.close();
        storage.close();
    }

    private static Rule percentage() {
        return new PercentageFailuresRule(100, "pct_failures", 1_000_000, "pct_requests");
    }

    private static Rule maxFailures(long max) {
        return new MaxFailuresRule(max, "max_failures");
    }

    private CircuitBreaker sync(Rule rule) {
        return CircuitBreaker.builder().rule(rule).storage(storage).storeFailurePolicy(PROPAGATE).build();
    }

    private AsyncCircuitBreaker async(Rule rule) {
        return AsyncCircuitBreaker.builder().rule(rule).storage(storage.async()).storeFailurePolicy(PROPAGATE)
                .build();
    }

    private static void fail(CircuitBreaker breaker) {
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("down");
        })).isInstanceOf(IOException.class);
    }

    private static void fail(AsyncCircuitBreaker breaker) {
        assertThatThrownBy(() -> breaker.execute(() -> CompletableFuture.failedFuture(new IOException("down")))
                .toCompletableFuture().join()).hasCauseInstanceOf(IOException.class);
    }

    /** Runs {@code calls} and answers the commands per call, after a warm-up call that loads the scripts. */
    private double perCall(Runnable call) {
        call.run();
        counter.mark();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        CommandMonitor.Counts counts = counter.countSinceMark();
        assertThat(counts.clientCommands() + counts.scriptCommands()).as("MONITOR agrees with INFO stats")
                .isEqualTo(counts.infoStatsTotal());
        return (double) counts.clientCommands() / CALLS;
    }

    private static void report(String what, double perCall) {
        System.out.printf("Redis commands per call, %s: %.2f%n", what, perCall);
    }

    @Test
    void successCountingRequestsTakesTwoCommands() {
        CircuitBreaker syncBreaker = sync(percentage());
        AsyncCircuitBreaker asyncBreaker = async(percentage());

        double sync = perCall(() -> syncBreaker.execute(() -> "ok"));
        double async = perCall(() -> asyncBreaker.execute(() -> CompletableFuture.completedFuture("ok"))
                .toCompletableFuture().join());

        report("success, percentage rule, sync", sync);
        report("success, percentage rule, async", async);
        assertThat(sync).isEqualTo(2);
        assertThat(async).isEqualTo(2);
    }

    @Test
    void successCountingNoRequestsTakesOneCommand() {
        CircuitBreaker syncBreaker = sync(maxFailures(1_000_000));
        AsyncCircuitBreaker asyncBreaker = async(maxFailures(1_000_000));

        double sync = perCall(() -> syncBreaker.execute(() -> "ok"));
        double async = perCall(() -> asyncBreaker.execute(() -> CompletableFuture.completedFuture("ok"))
                .toCompletableFuture().join());

        report("success, max-failures rule, sync", sync);
        report("success, max-failures rule, async", async);
        assertThat(sync).isEqualTo(1);
        assertThat(async).isEqualTo(1);
    }

    @Test
    void failureThatDoesNotOpenTakesTwoCommands() {
        for (Rule rule : new Rule[] {percentage(), maxFailures(1_000_000)}) {
            CircuitBreaker syncBreaker = sync(rule);
            AsyncCircuitBreaker asyncBreaker = async(rule);

            double sync = perCall(() -> fail(syncBreaker));
            double async = perCall(() -> fail(asyncBreaker));

            report("failure not opening, " + rule.getClass().getSimpleName() + ", sync", sync);
            report("failure not opening, " + rule.getClass().getSimpleName() + ", async", async);
            assertThat(sync).isEqualTo(2);
            assertThat(async).isEqualTo(2);
        }
    }

    @Test
    void failureThatOpensTakesThreeCommandsAndARejectionOne() {
        for (Rule rule : new Rule[] {maxFailures(1), new PercentageFailuresRule(50, "pct_failures", 0,
                "pct_requests")}) {
            CircuitBreaker syncBreaker = CircuitBreaker.builder().rule(rule).storage(storage)
                    .storeFailurePolicy(PROPAGATE).circuitTimeout(Duration.ofMillis(1)).build();
            AsyncCircuitBreaker asyncBreaker = AsyncCircuitBreaker.builder().rule(rule).storage(storage.async())
                    .storeFailurePolicy(PROPAGATE).circuitTimeout(Duration.ofMillis(1)).build();

            // With a 1 ms circuit timeout the circuit closes again by the next call: each call opens it anew.
            double sync = perCall(() -> {
                sleepPastOpenPeriod();
                assertThatThrownBy(() -> syncBreaker.execute(() -> {
                    throw new IOException("down");
                })).isInstanceOf(CircuitOpenException.class);
            });
            double async = perCall(() -> {
                sleepPastOpenPeriod();
                assertThatThrownBy(() -> asyncBreaker.execute(
                        () -> CompletableFuture.failedFuture(new IOException("down"))).toCompletableFuture().join())
                        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(CircuitOpenException.class);
            });

            report("failure opening, " + rule.getClass().getSimpleName() + ", sync", sync);
            report("failure opening, " + rule.getClass().getSimpleName() + ", async", async);
            assertThat(sync).isEqualTo(3);
            assertThat(async).isEqualTo(3);
        }
    }

    @Test
    void rejectedCallTakesOneCommand() {
        CircuitBreaker syncBreaker = sync(percentage());
        AsyncCircuitBreaker asyncBreaker = async(percentage());
        syncBreaker.open();

        double sync = perCall(() -> assertThatThrownBy(() -> syncBreaker.execute(() -> "never"))
                .isInstanceOf(CircuitOpenException.class));
        double async = perCall(() -> assertThatThrownBy(() -> asyncBreaker.execute(
                () -> CompletableFuture.completedFuture("never")).toCompletableFuture().join())
                .hasCauseInstanceOf(CircuitOpenException.class));

        report("rejected, sync", sync);
        report("rejected, async", async);
        assertThat(sync).isEqualTo(1);
        assertThat(async).isEqualTo(1);
    }

    @Test
    void failuresInARowAndSlidingWindowsTakeTwoCommandsPerCall() {
        for (Rule rule : new Rule[] {new ConsecutiveFailuresRule(1_000_000, "row_failures"),
            new SlidingWindowRule(100, 1_000_000, Duration.ofSeconds(10), Duration.ofSeconds(1), "sw_failures",
                    "sw_requests")}) {
            CircuitBreaker syncBreaker = sync(rule);
            AsyncCircuitBreaker asyncBreaker = async(rule);
            String name = rule.getClass().getSimpleName();

            double syncSuccess = perCall(() -> syncBreaker.execute(() -> "ok"));
            double asyncSuccess = perCall(() -> asyncBreaker.execute(() -> CompletableFuture.completedFuture("ok"))
                    .toCompletableFuture().join());
            double syncFailure = perCall(() -> fail(syncBreaker));
            double asyncFailure = perCall(() -> fail(asyncBreaker));

            report("success, " + name + ", sync", syncSuccess);
            report("success, " + name + ", async", asyncSuccess);
            report("failure not opening, " + name + ", sync", syncFailure);
            report("failure not opening, " + name + ", async", asyncFailure);
            assertThat(syncSuccess).isEqualTo(2);
            assertThat(asyncSuccess).isEqualTo(2);
            assertThat(syncFailure).isEqualTo(2);
            assertThat(asyncFailure).isEqualTo(2);
        }
    }

    @Test
    void halfOpenCostsNothingMoreWhileClosed() {
        CircuitBreaker syncBreaker = CircuitBreaker.builder().rule(maxFailures(1_000_000)).storage(storage)
                .storeFailurePolicy(PROPAGATE).halfOpen(3).build();
        AsyncCircuitBreaker asyncBreaker = AsyncCircuitBreaker.builder().rule(percentage()).storage(storage.async())
                .storeFailurePolicy(PROPAGATE).halfOpen(3).build();

        double syncSuccess = perCall(() -> syncBreaker.execute(() -> "ok"));
        double asyncSuccess = perCall(() -> asyncBreaker.execute(() -> CompletableFuture.completedFuture("ok"))
                .toCompletableFuture().join());
        double syncFailure = perCall(() -> fail(syncBreaker));

        report("success, half-open breaker, max-failures rule, sync", syncSuccess);
        report("success, half-open breaker, percentage rule, async", asyncSuccess);
        report("failure not opening, half-open breaker, sync", syncFailure);
        assertThat(syncSuccess).as("the permit replaces the check").isEqualTo(1);
        assertThat(asyncSuccess).isEqualTo(2);
        assertThat(syncFailure).isEqualTo(2);
    }

    @Test
    void aProbeTakesTwoCommands() {
        // One probe closes the circuit; before each call the test makes it half-open again, by one command.
        CircuitBreaker syncBreaker = CircuitBreaker.builder().rule(maxFailures(1)).storage(storage)
                .storeFailurePolicy(PROPAGATE).halfOpen(1).build();
        AsyncCircuitBreaker asyncBreaker = AsyncCircuitBreaker.builder().rule(maxFailures(1)).storage(storage.async())
                .storeFailurePolicy(PROPAGATE).halfOpen(1).build();
        String marker = syncBreaker.circuit().halfOpenKey();
        try (RespConnection fixture = REDIS.server().connect()) {
            double sync = perCall(() -> {
                fixture.command("SET", marker, "1", "PX", "60000");
                syncBreaker.execute(() -> "probe");
                assertThat(fixture.command("EXISTS", marker)).as("the probe closed the circuit").isEqualTo(0L);
            });
            double async = perCall(() -> {
                fixture.command("SET", marker, "1", "PX", "60000");
                asyncBreaker.execute(() -> CompletableFuture.completedFuture("probe")).toCompletableFuture().join();
                assertThat(fixture.command("EXISTS", marker)).as("the probe closed the circuit").isEqualTo(0L);
            });

            report("successful probe, sync (less the test's 2 commands)", sync - 2);
            report("successful probe, async (less the test's 2 commands)", async - 2);
            assertThat(sync - 2).as("permit and report").isEqualTo(2);
            assertThat(async - 2).as("permit and report").isEqualTo(2);
        }
    }

    @Test
    void eachEventIsOneScriptRunBySha() {
        CircuitBreaker breaker = sync(percentage());
        breaker.execute(() -> "warm-up");
        fail(breaker);
        counter.resetStats();

        for (int i = 0; i < CALLS; i++) {
            breaker.execute(() -> "ok");
            fail(breaker);
        }

        assertThat(counter.callsPerCommand()).containsEntry("evalsha", 4L * CALLS).doesNotContainKey("eval");
    }

    @Test
    void afterScriptFlushEachScriptIsSentOnceMore() {
        CircuitBreaker breaker = sync(percentage());
        breaker.execute(() -> "warm-up");
        fail(breaker);
        REDIS.server().command("SCRIPT", "FLUSH");
        counter.resetStats();

        for (int i = 0; i < CALLS; i++) {
            breaker.execute(() -> "ok");
            fail(breaker);
        }

        // check, record-request, record-failure: one NOSCRIPT answer and one EVAL each, then EVALSHA again.
        assertThat(counter.callsPerCommand()).containsEntry("eval", 3L).containsEntry("evalsha", 4L * CALLS);
    }

    private static void sleepPastOpenPeriod() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
