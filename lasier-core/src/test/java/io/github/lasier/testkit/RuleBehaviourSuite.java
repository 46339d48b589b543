package io.github.lasier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.BreakerBuilder;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.FailedResultException;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.Counting;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.rules.SlowCallRule;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules beyond Lasier's two (consecutive failures, a sliding window, slow calls) and failing results, run against
 * both breakers on one store: each threshold exactly at, just below and just above its boundary, and the counters'
 * keys and TTLs in the store.
 */
public abstract class RuleBehaviourSuite extends StoreSuite {

    private static final String FAILURES = "svc_failures";
    private static final String REQUESTS = "svc_requests";
    private static final String OPEN_FLAG = "circuit_svc_failures";

    private TestBreaker breaker(BreakerKind kind, Rule rule, Consumer<BreakerBuilder<?, ?>> settings) {
        return TestBreaker.of(kind, storage(), asyncStorage(), b -> {
            b.rule(rule);
            settings.accept(b);
        });
    }

    private static void fail(TestBreaker breaker) {
        IOException failure = new IOException("failed");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    private static void failAndOpen(TestBreaker breaker) {
        IOException failure = new IOException("failed");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw failure;
        })).isInstanceOf(CircuitOpenException.class).hasCause(failure);
    }

    private static void succeed(TestBreaker breaker) throws Exception {
        assertThat(breaker.<String>call(() -> "ok")).isEqualTo("ok");
    }

    // Consecutive failures

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void consecutiveFailuresOpenExactlyAtTheRunLength(BreakerKind kind) {
        TestBreaker breaker = breaker(kind, new ConsecutiveFailuresRule(3, FAILURES), b -> { });
        fail(breaker);
        fail(breaker);
        assertThat(keys.get(FAILURES)).as("just below: two in a row").hasValue(2);
        assertThat(hasTtl(FAILURES)).isTrue();
        assertThat(breaker.isOpen()).isFalse();
        failAndOpen(breaker);
        assertThat(keys.get(OPEN_FLAG)).hasValue(1);
        assertThat(keys.get(FAILURES)).as("opening resets the run").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aSuccessEndsTheRun(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, new ConsecutiveFailuresRule(3, FAILURES), b -> { });
        fail(breaker);
        fail(breaker);
        succeed(breaker);
        assertThat(keys.get(FAILURES)).as("the run is over").isEmpty();
        fail(breaker);
        fail(breaker);
        assertThat(breaker.isOpen()).as("four failures, never three in a row").isFalse();
        failAndOpen(breaker);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void anExceptionThatIsNotAFailureAlsoEndsTheRun(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, new ConsecutiveFailuresRule(2, FAILURES),
                b -> b.catchExceptions(IOException.class));
        fail(breaker);
        IllegalStateException notCounted = new IllegalStateException("not a failure");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw notCounted;
        })).isSameAs(notCounted);
        fail(breaker);
        assertThat(breaker.isOpen()).isFalse();
    }

    // Sliding window

    private static SlidingWindowRule window(double percent, long minimumCalls) {
        return new SlidingWindowRule(percent, minimumCalls, Duration.ofSeconds(30), Duration.ofSeconds(1), FAILURES,
                REQUESTS);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void slidingWindowOpensExactlyAtTheMinimumCalls(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, window(50, 4), b -> { });
        succeed(breaker);
        fail(breaker);
        fail(breaker);
        assertThat(breaker.isOpen()).as("3 calls, below the minimum of 4, 67% failed").isFalse();
        failAndOpen(breaker);
        assertThat(keys.get(OPEN_FLAG)).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void slidingWindowOpensExactlyAtTheRateAndNotBelow(BreakerKind kind) throws Exception {
        TestBreaker below = breaker(kind, window(50, 4), b -> { });
        succeed(below);
        succeed(below);
        succeed(below);
        fail(below);
        fail(below);
        assertThat(below.isOpen()).as("2 of 5: 40%, below 50%").isFalse();
        keys.flush();

        TestBreaker at = breaker(kind, window(50, 4), b -> { });
        succeed(at);
        succeed(at);
        fail(at);
        failAndOpen(at); // 2 of 4: exactly 50%
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void slidingWindowBucketsHaveTtlsAndOpeningClearsThem(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, window(50, 3), b -> { });
        succeed(breaker);
        List<String> requestBuckets = keysStartingWith(REQUESTS + ":");
        assertThat(requestBuckets).as("one bucket, numbered by the store's clock in seconds").hasSize(1);
        assertThat(hasTtl(requestBuckets.get(0))).isTrue();
        fail(breaker);
        List<String> failureBuckets = keysStartingWith(FAILURES + ":");
        assertThat(failureBuckets).hasSize(1);
        assertThat(hasTtl(failureBuckets.get(0))).isTrue();
        failAndOpen(breaker); // 2 of 3
        assertThat(keysStartingWith(REQUESTS + ":")).as("opening starts a new window").isEmpty();
        assertThat(keysStartingWith(FAILURES + ":")).isEmpty();
    }

    /**
     * Bucket keys present within a minute of now: bucket numbers are the store clock's epoch milliseconds divided by
     * the bucket's, and listing by probing is the only way through the storage SPI.
     */
    private List<String> keysStartingWith(String prefix) {
        List<String> found = new CopyOnWriteArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (long bucket = now - 60; bucket <= now + 60; bucket++) {
            if (keys.get(prefix + bucket).isPresent()) {
                found.add(prefix + bucket);
            }
        }
        return found;
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void slidingWindowForgetsOldCallsOneBucketAtATime(BreakerKind kind) throws Exception {
        // Buckets of 1 s in a 3 s window. Failures at 0 s, 1.5 s and 3.2 s: at the third, the first is at least three
        // buckets back (forgotten) and the second at most two (still counted), however the buckets are aligned.
        List<long[]> totals = new CopyOnWriteArrayList<>();
        Rule recording = new Rule() {
            private final Counting counting = Counting.slidingWindow(Duration.ofSeconds(3), Duration.ofSeconds(1));

            public String failureKey() {
                return FAILURES;
            }

            public String requestKey() {
                return REQUESTS;
            }

            public Counting counting() {
                return counting;
            }

            public boolean shouldOpen(long failures, long requests) {
                totals.add(new long[] {failures, requests});
                return false;
            }
        };
        TestBreaker breaker = breaker(kind, recording, b -> { });
        long start = System.nanoTime();
        fail(breaker);
        sleepUntil(start, 1500);
        fail(breaker);
        sleepUntil(start, 3200);
        fail(breaker);
        assertThat(totals).extracting(t -> t[0]).containsExactly(1L, 2L, 2L);
        assertThat(totals).extracting(t -> t[1]).containsExactly(1L, 2L, 2L);
    }

    private static void sleepUntil(long startNanos, long millisAfterStart) throws InterruptedException {
        long waitMillis = millisAfterStart - (System.nanoTime() - startNanos) / 1_000_000;
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }

    // Slow calls

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void slowCallsCountAsFailuresAndFastOnesDoNot(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, new SlowCallRule(new MaxFailuresRule(2, FAILURES),
                Duration.ofMillis(150)), b -> { });
        succeed(breaker);
        assertThat(keys.get(FAILURES)).as("a fast call is no failure").isEmpty();
        assertThat(breaker.<String>call(() -> {
            Thread.sleep(300);
            return "slow";
        })).as("a slow call's value still reaches the caller").isEqualTo("slow");
        assertThat(keys.get(FAILURES)).hasValue(1);
        assertThatThrownBy(() -> breaker.call(() -> {
            Thread.sleep(300);
            return "slow";
        })).isInstanceOf(CircuitOpenException.class).hasCauseInstanceOf(FailedResultException.class);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aSlowCallRuleCanIgnoreExceptions(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, new SlowCallRule(new MaxFailuresRule(1, FAILURES),
                Duration.ofMillis(150), false), b -> { });
        fail(breaker);
        fail(breaker);
        assertThat(breaker.isOpen()).as("fast exceptions are not failures for this rule").isFalse();
        assertThatThrownBy(() -> breaker.call(() -> {
            Thread.sleep(300);
            throw new IOException("slow and failed");
        })).isInstanceOf(CircuitOpenException.class).hasCauseInstanceOf(IOException.class);
    }

    // Failing results

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aResultJudgedAFailureIsCountedAndStillReturned(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind, new MaxFailuresRule(2, FAILURES),
                b -> b.failureResult(result -> Integer.valueOf(503).equals(result)));
        assertThat(breaker.<Integer>call(() -> 200)).isEqualTo(200);
        assertThat(keys.get(FAILURES)).isEmpty();
        assertThat(breaker.<Integer>call(() -> 503)).isEqualTo(503);
        assertThat(keys.get(FAILURES)).hasValue(1);
        assertThatThrownBy(() -> breaker.call(() -> 503)).isInstanceOf(CircuitOpenException.class)
                .cause().isInstanceOf(FailedResultException.class)
                .satisfies(e -> assertThat(((FailedResultException) e).result()).isEqualTo(503));
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aResultPredicateThatThrowsReachesTheCallerAndRecordsNothing(BreakerKind kind) {
        IllegalStateException bug = new IllegalStateException("predicate bug");
        TestBreaker breaker = breaker(kind, new ConsecutiveFailuresRule(1, FAILURES), b -> b.failureResult(r -> {
            throw bug;
        }));
        keys.set(FAILURES, 0, Duration.ofSeconds(60));
        assertThatThrownBy(() -> breaker.call(() -> "x")).isSameAs(bug);
        assertThat(keys.get(FAILURES)).as("neither a failure nor a success was recorded").hasValue(0);
    }
}
