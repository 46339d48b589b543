package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.storage.InMemoryStorage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Several threads on one shared breaker: every outcome counted exactly once, and opening exactly at the threshold. */
class ConcurrencyTest {

    private static final int THREADS = 4;

    /** Records every total a rule is asked about; counting each total seen shows whether increments were unique. */
    private static final class RecordingRule implements Rule {
        final Rule delegate;
        final Map<Long, AtomicInteger> failureTotalsSeen = new ConcurrentHashMap<>();

        RecordingRule(Rule delegate) {
            this.delegate = delegate;
        }

        @Override
        public String failureKey() {
            return delegate.failureKey();
        }

        @Override
        public String requestKey() {
            return delegate.requestKey();
        }

        @Override
        public boolean shouldOpen(long failures, long requests) {
            failureTotalsSeen.computeIfAbsent(failures, k -> new AtomicInteger()).incrementAndGet();
            return delegate.shouldOpen(failures, requests);
        }
    }

    private static void onThreads(int callsPerThread, ThrowingCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        call.run(thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run(int thread, int index) throws Exception;
    }

    @Test
    void everySuccessAndFailureIsCountedExactlyOnce() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        RecordingRule rule = new RecordingRule(new PercentageFailuresRule(100, "f", Long.MAX_VALUE, "r"));
        CircuitBreaker breaker = CircuitBreaker.builder().rule(rule).storage(storage).build();
        int perThread = 5_000;
        LongAdder failures = new LongAdder();

        onThreads(perThread, (thread, i) -> {
            try {
                breaker.execute(() -> {
                    if (i % 3 == 0) {
                        throw new IOException("failing call");
                    }
                    return i;
                });
            } catch (IOException expected) {
                failures.increment();
            }
        });

        assertThat(storage.get("r")).hasValue((long) THREADS * perThread);
        assertThat(storage.get("f")).hasValue(failures.sum());
        // Each failure saw its own total: increments are atomic, none lost, none doubled.
        assertThat(rule.failureTotalsSeen).hasSize((int) failures.sum());
        assertThat(rule.failureTotalsSeen.values()).allSatisfy(seen -> assertThat(seen).hasValue(1));
    }

    @Test
    void theCircuitOpensExactlyWhenTheThresholdIsCrossed() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        int threshold = 1_000;
        RecordingRule rule = new RecordingRule(new MaxFailuresRule(threshold, "f"));
        CircuitBreaker breaker = CircuitBreaker.builder().rule(rule).storage(storage).build();
        LongAdder originals = new LongAdder();
        LongAdder openedByThisCall = new LongAdder();
        LongAdder rejected = new LongAdder();
        int perThread = 1_000;

        onThreads(perThread, (thread, i) -> {
            try {
                breaker.execute(() -> {
                    throw new IOException("down");
                });
            } catch (IOException original) {
                originals.increment();
            } catch (CircuitOpenException open) {
                if (open.getCause() != null) {
                    openedByThisCall.increment();
                } else {
                    rejected.increment();
                }
            }
        });

        assertThat(breaker.isOpen()).isTrue();
        for (long total = 1; total <= threshold; total++) {
            assertThat(rule.failureTotalsSeen.get(total)).as("total %d seen once", total).hasValue(1);
        }
        assertThat(rule.failureTotalsSeen.keySet()).as("no failure was counted into a new window after opening")
                .allSatisfy(total -> assertThat(total).isBetween(0L, (long) threshold + THREADS));
        assertThat(openedByThisCall.sum()).isBetween(1L, (long) THREADS);
        assertThat(originals.sum()).isGreaterThanOrEqualTo(threshold - 1);
        assertThat(originals.sum() + openedByThisCall.sum() + rejected.sum()).isEqualTo((long) THREADS * perThread);
        assertThat(storage.get("f")).as("opening deleted the counter").isEmpty();
    }
}
