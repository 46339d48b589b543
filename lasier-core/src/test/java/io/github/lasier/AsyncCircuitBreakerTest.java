package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.InMemoryStorage;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only the async breaker promises: it never blocks its caller, and it handles stages of every shape. */
class AsyncCircuitBreakerTest {

    private final InMemoryStorage data = new InMemoryStorage();
    private final ExecutorService storeThreads = Executors.newSingleThreadExecutor();
    private final CountDownLatch storeGate = new CountDownLatch(1);

    @AfterEach
    void stop() {
        storeGate.countDown();
        storeThreads.shutdownNow();
    }

    @Test
    void callerIsNotBlockedWhileTheStoreHangs() throws Exception {
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder()
                .rule(new PercentageFailuresRule(50, "f", 0, "r")).storage(new GatedStorage(data.async())).build();

        long started = System.nanoTime();
        CompletableFuture<String> result = breaker.<String>execute(
                () -> CompletableFuture.completedFuture("done")).toCompletableFuture();
        long callerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // The store has not answered a single operation, yet execute() returned: the caller was not blocked.
        assertThat(result).isNotDone();
        assertThat(callerMillis).isLessThan(1_000);
        storeGate.countDown();
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(data.get("r")).hasValue(1);
    }

    @Test
    void supplierThatThrowsCountsLikeAFailedStage() {
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(2, "f"))
                .storage(data.async()).build();
        IllegalStateException thrown = new IllegalStateException("thrown, not returned");
        CompletableFuture<Object> result = breaker.execute(() -> {
            throw thrown;
        }).toCompletableFuture();
        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .havingRootCause().isSameAs(thrown);
        assertThat(data.get("f")).hasValue(1);
    }

    @Test
    void stagesCompletedLaterOnAnotherThreadAreRecorded() {
        Executor later = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(2, "f"))
                .storage(data.async()).build();
        IOException failure = new IOException("late");
        CompletableFuture<Object> first = breaker.execute(() -> CompletableFuture.supplyAsync(() -> {
            throw new java.util.concurrent.CompletionException(failure);
        }, later)).toCompletableFuture();
        assertThat(first).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .havingRootCause().isSameAs(failure);
        CompletableFuture<Object> second = breaker.execute(() -> CompletableFuture.supplyAsync(() -> {
            throw new java.util.concurrent.CompletionException(new IOException("late again"));
        }, later)).toCompletableFuture();
        assertThat(second).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .withCauseInstanceOf(CircuitOpenException.class);
    }

    @Test
    void aNullStageIsAFailureNotAHang() {
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(5, "f"))
                .storage(data.async()).build();
        CompletableFuture<Object> result = breaker.execute(() -> null).toCompletableFuture();
        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .havingRootCause().isInstanceOf(NullPointerException.class);
        assertThat(data.get("f")).hasValue(1);
    }

    @Test
    void rejectionDoesNotCallTheSupplier() {
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(5, "f"))
                .storage(data.async()).build();
        breaker.open().toCompletableFuture().join();
        AtomicReference<String> called = new AtomicReference<>();
        CompletableFuture<String> result = breaker.<String>execute(() -> {
            called.set("called");
            return CompletableFuture.completedFuture("x");
        }).toCompletableFuture();
        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .withCauseInstanceOf(CircuitOpenException.class);
        assertThat(called).hasValue(null);
    }

    @Test
    void callExecutorRunsTheSupplierOffTheStoreThread() throws Exception {
        ExecutorService calls = Executors.newSingleThreadExecutor(r -> new Thread(r, "call-executor"));
        try {
            AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(5, "f"))
                    .storage(new GatedStorage(data.async())).callExecutor(calls).build();
            AtomicReference<String> supplierThread = new AtomicReference<>();
            CompletableFuture<String> result = breaker.<String>execute(() -> {
                supplierThread.set(Thread.currentThread().getName());
                return CompletableFuture.completedFuture("x");
            }).toCompletableFuture();
            storeGate.countDown();
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("x");
            assertThat(supplierThread).hasValue("call-executor");
        } finally {
            calls.shutdownNow();
        }
    }

    @Test
    void rejectionsAreNotCountedAsFailures() {
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder()
                .rule(new PercentageFailuresRule(50, "f", 0, "r")).storage(data.async())
                .callExecutor(Runnable::run).build();
        breaker.open().toCompletableFuture().join();
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.execute(() -> CompletableFuture.completedFuture("x")).toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(CircuitOpenException.class);
        }
        assertThat(data.get("f")).isEmpty();
        assertThat(data.get("r")).isEmpty();
    }

    @Test
    void failedStagesCarryTheExceptionAsTheCauseOfAStacklessCompletionException() {
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(5, "f"))
                .storage(data.async()).build();
        breaker.open().toCompletableFuture().join();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        breaker.execute(() -> CompletableFuture.completedFuture("x")).handle((value, failure) -> {
            seen.set(failure);
            return null;
        }).toCompletableFuture().join();
        assertThat(seen.get()).isInstanceOf(java.util.concurrent.CompletionException.class)
                .hasCauseInstanceOf(CircuitOpenException.class);
        assertThat(seen.get().getStackTrace()).as("no stack walk per rejection").isEmpty();
    }

    /** An async storage whose answers wait, on another thread, until the test opens the gate. */
    private final class GatedStorage implements AsyncStorage {
        private final AsyncStorage delegate;

        GatedStorage(AsyncStorage delegate) {
            this.delegate = delegate;
        }

        private <T> CompletionStage<T> gated(java.util.function.Supplier<CompletionStage<T>> op) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    storeGate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }, storeThreads).thenCompose(ignored -> op.get());
        }

        @Override
        public CompletionStage<Boolean> add(String key, long value, Duration ttl) {
            return gated(() -> delegate.add(key, value, ttl));
        }

        @Override
        public CompletionStage<Void> set(String key, long value, Duration ttl) {
            return gated(() -> delegate.set(key, value, ttl));
        }

        @Override
        public CompletionStage<Long> incr(String key) {
            return gated(() -> delegate.incr(key));
        }

        @Override
        public CompletionStage<Long> incr(String key, Duration ttlIfCreated) {
            return gated(() -> delegate.incr(key, ttlIfCreated));
        }

        @Override
        public CompletionStage<OptionalLong> get(String key) {
            return gated(() -> delegate.get(key));
        }

        @Override
        public CompletionStage<Boolean> expire(String key, Duration ttl) {
            return gated(() -> delegate.expire(key, ttl));
        }

        @Override
        public CompletionStage<Boolean> delete(String key) {
            return gated(() -> delegate.delete(key));
        }

        @Override
        public CompletionStage<Void> flush() {
            return gated(delegate::flush);
        }
    }
}
