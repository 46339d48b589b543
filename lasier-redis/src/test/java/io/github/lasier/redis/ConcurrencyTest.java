package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several threads on two instances: the counters stay exact and the circuit opens exactly when the rule says. */
class ConcurrencyTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int THREADS = 6;
    private static final int CALLS_PER_THREAD = 100;

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

    /** A max-failures rule that records every total it is asked about. */
    private static final class RecordingRule implements Rule {
        final long maxFailures;
        final Queue<Long> askedFailures = new ConcurrentLinkedQueue<>();

        RecordingRule(long maxFailures) {
            this.maxFailures = maxFailures;
        }

        @Override
        public String failureKey() {
            return "stock_failures";
        }

        @Override
        public boolean shouldOpen(long totalFailures, long totalRequests) {
            askedFailures.add(totalFailures);
            return totalFailures >= maxFailures;
        }
    }

    private CircuitBreaker breakerOn(int thread, Rule rule) {
        RedisStorage instance = thread % 2 == 0 ? instanceA : instanceB;
        return CircuitBreaker.builder().rule(rule).storage(instance)
                .storeFailurePolicy(StoreFailurePolicy.PROPAGATE).build();
    }

    private static void runThreads(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                done.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyFailureIsCountedOnceAndTheTotalsAreExact() throws Exception {
        RecordingRule rule = new RecordingRule(Long.MAX_VALUE);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            CircuitBreaker breaker = breakerOn(t, rule);
            tasks.add(() -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    try {
                        breaker.execute(() -> {
                            throw new IOException("down");
                        });
                    } catch (IOException expected) {
                        // Counted; the circuit never opens under this rule.
                    }
                }
                return null;
            });
        }

        runThreads(tasks);

        long total = (long) THREADS * CALLS_PER_THREAD;
        assertThat(REDIS.server().command("GET", "stock_failures")).isEqualTo(Long.toString(total));
        List<Long> sorted = rule.askedFailures.stream().sorted().collect(Collectors.toList());
        assertThat(sorted).as("each failure saw its own total: 1..%d, none twice", total)
                .hasSize((int) total).isSorted().doesNotHaveDuplicates().startsWith(1L).endsWith(total);
    }

    @Test
    void theCircuitOpensWhenTheRuleSaysAndNoLater() throws Exception {
        long max = 150;
        RecordingRule rule = new RecordingRule(max);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            CircuitBreaker breaker = breakerOn(t, rule);
            tasks.add(() -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    try {
                        breaker.execute(() -> {
                            ran.incrementAndGet();
                            throw new IOException("down");
                        });
                    } catch (IOException counted) {
                        // Below the threshold.
                    } catch (CircuitOpenException open) {
                        if (open.getCause() != null) {
                            opened.incrementAndGet();
                        } else {
                            rejected.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }

        runThreads(tasks);

        List<Long> counted = rule.askedFailures.stream().filter(f -> f > 0).sorted().collect(Collectors.toList());
        assertThat(counted).as("failures counted before opening: exactly 1..k").doesNotHaveDuplicates()
                .startsWith(1L).contains(max);
        long k = counted.get(counted.size() - 1);
        assertThat(counted).hasSize((int) k);
        // A thread whose failure reached the threshold opens before its next call: at most one more per thread.
        assertThat(k).isBetween(max, max + THREADS - 1);
        assertThat(opened.get()).as("failures that opened: those at or above the threshold")
                .isEqualTo((int) (k - max + 1));
        assertThat(ran.get() + rejected.get()).isEqualTo(THREADS * CALLS_PER_THREAD);
        assertThat(REDIS.server().command("GET", "circuit_stock_failures")).isEqualTo("1");
        assertThat(REDIS.server().command("EXISTS", "stock_failures")).isEqualTo(0L);
    }

    @Test
    void requestsAndFailuresAreExactUnderAPercentageRule() throws Exception {
        PercentageFailuresRule rule = new PercentageFailuresRule(100, "search_failures", 1_000_000,
                "search_requests");
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            CircuitBreaker breaker = breakerOn(t, rule);
            tasks.add(() -> {
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    boolean failing = i % 4 == 0;
                    try {
                        breaker.execute(() -> {
                            if (failing) {
                                throw new IOException("down");
                            }
                            return "ok";
                        });
                    } catch (IOException expected) {
                        // Counted as a failure and a request.
                    }
                }
                return null;
            });
        }

        runThreads(tasks);

        assertThat(REDIS.server().command("GET", "search_requests"))
                .isEqualTo(Integer.toString(THREADS * CALLS_PER_THREAD));
        assertThat(REDIS.server().command("GET", "search_failures"))
                .isEqualTo(Integer.toString(THREADS * CALLS_PER_THREAD / 4));
        assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
    }
}
