package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.ObservedBreaker.Outcome;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.testkit.BreakerKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances of a service, each with its own connection and one breaker, four threads calling each breaker, for
 * thousands of calls: every success and failure is counted exactly once, and the circuit opens exactly when the
 * rule's threshold is crossed. The breakers propagate storage failures, so none can hide behind a fallback.
 */
class ConcurrencyTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int INSTANCES = 2;
    private static final int THREADS_PER_INSTANCE = 4;
    private static final int THREADS = INSTANCES * THREADS_PER_INSTANCE;
    private static final int CALLS_PER_THREAD = 400;
    private static final int CALLS = THREADS * CALLS_PER_THREAD;

    private RedisStorage instanceA;
    private RedisStorage instanceB;

    @BeforeEach
    void connect() {
        instanceA = TestStorages.connect(REDIS.server());
        instanceB = TestStorages.connect(REDIS.server());
    }

    @AfterEach
    void disconnect() {
        instanceA.close();
        instanceB.close();
    }

    /** One breaker per instance, with the same rule. */
    private List<ObservedBreaker> breakers(BreakerKind kind, Rule rule) {
        List<ObservedBreaker> breakers = new ArrayList<>();
        for (RedisStorage instance : List.of(instanceA, instanceB)) {
            breakers.add(ObservedBreaker.of(kind, instance,
                    b -> b.rule(rule).storeFailurePolicy(StoreFailurePolicy.PROPAGATE)));
        }
        return breakers;
    }

    /**
     * Runs {@link #CALLS_PER_THREAD} calls on each of {@link #THREADS_PER_INSTANCE} threads per breaker, all
     * started at once; call {@code i} of a thread fails when {@code failing} says so. Answers the outcomes counted.
     */
    private static Map<Outcome, Integer> callConcurrently(List<ObservedBreaker> breakers, IntPredicate failing)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<Outcome, Integer>>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ObservedBreaker breaker = breakers.get(t % INSTANCES);
                done.add(pool.submit(() -> {
                    start.await();
                    Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        seen.merge(breaker.call(failing.test(i)), 1, Integer::sum);
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (Future<Map<Outcome, Integer>> future : done) {
                future.get().forEach((outcome, count) -> outcomes.merge(outcome, count, Integer::sum));
            }
        } finally {
            pool.shutdownNow();
        }
        for (ObservedBreaker breaker : breakers) {
            assertThat(breaker.unexpected()).isEmpty();
        }
        assertThat(outcomes).doesNotContainKeys(Outcome.UNEXPECTED, Outcome.STORE_ERROR);
        return outcomes;
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void everyFailureIsCountedOnceAndTheTotalsAreExact(BreakerKind kind) throws Exception {
        RecordingRule rule = new RecordingRule(Long.MAX_VALUE, "stock_failures");

        Map<Outcome, Integer> outcomes = callConcurrently(breakers(kind, rule), i -> true);

        assertThat(outcomes).containsExactlyEntriesOf(Map.of(Outcome.FAILED, CALLS));
        assertThat(REDIS.server().command("GET", "stock_failures")).isEqualTo(Integer.toString(CALLS));
        assertThat(rule.askedSorted()).as("each failure saw its own total: 1..%d, each once", CALLS)
                .isEqualTo(LongStream.rangeClosed(1, CALLS).boxed().collect(Collectors.toList()));
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void theCircuitOpensWhenTheRuleSaysAndNoLater(BreakerKind kind) throws Exception {
        long max = 1_500;
        RecordingRule rule = new RecordingRule(max, "stock_failures");
        List<ObservedBreaker> breakers = breakers(kind, rule);

        Map<Outcome, Integer> outcomes = callConcurrently(breakers, i -> true);

        List<Long> counted = rule.askedSorted().stream().filter(f -> f > 0).collect(Collectors.toList());
        long k = counted.get(counted.size() - 1);
        assertThat(counted).as("failures counted before opening: exactly 1..k, each once")
                .isEqualTo(LongStream.rangeClosed(1, k).boxed().collect(Collectors.toList()));
        // A failure in flight when another reached the threshold is still counted: at most one per other thread.
        assertThat(k).isBetween(max, max + THREADS - 1);
        assertThat(outcomes.get(Outcome.OPENED)).as("failures that opened: those at or above the threshold")
                .isEqualTo((int) (k - max + 1));
        // A failure in flight when the circuit opened finds it open: not counted (the store answers 0), passed on.
        long notCounted = rule.asked().stream().filter(f -> f == 0).count();
        assertThat(notCounted).isLessThanOrEqualTo(THREADS - 1);
        assertThat(outcomes.get(Outcome.FAILED)).as("failures below the threshold, and those not counted")
                .isEqualTo((int) (max - 1 + notCounted));
        int ran = breakers.get(0).ran() + breakers.get(1).ran();
        assertThat(ran + outcomes.get(Outcome.REJECTED)).isEqualTo(CALLS);
        assertThat(REDIS.server().command("GET", "circuit_stock_failures")).isEqualTo("1");
        assertThat(REDIS.server().command("EXISTS", "stock_failures")).isEqualTo(0L);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void everySuccessAndFailureIsCountedOnceUnderAPercentageRule(BreakerKind kind) throws Exception {
        PercentageFailuresRule rule = new PercentageFailuresRule(100, "search_failures", 1_000_000,
                "search_requests");

        Map<Outcome, Integer> outcomes = callConcurrently(breakers(kind, rule), i -> i % 4 == 0);

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(
                Map.of(Outcome.FAILED, CALLS / 4, Outcome.SERVED, CALLS - CALLS / 4));
        assertThat(REDIS.server().command("GET", "search_requests")).isEqualTo(Integer.toString(CALLS));
        assertThat(REDIS.server().command("GET", "search_failures")).isEqualTo(Integer.toString(CALLS / 4));
        assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
    }
}
