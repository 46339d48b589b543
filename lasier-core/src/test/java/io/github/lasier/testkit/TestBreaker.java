package io.github.lasier.testkit;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.BreakerBuilder;
import io.github.lasier.CheckedSupplier;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One face for both breakers: a test calls {@link #call} and sees what a caller of either breaker would see (the
 * async breaker's stage is awaited and its failure unwrapped).
 */
public abstract class TestBreaker {

    /** Builds a breaker of {@code kind}, configured by {@code settings} (rule, timeouts, ...). */
    public static TestBreaker of(BreakerKind kind, Storage storage, AsyncStorage asyncStorage,
            Consumer<BreakerBuilder<?, ?>> settings) {
        if (kind == BreakerKind.SYNC) {
            CircuitBreaker.Builder builder = CircuitBreaker.builder().storage(storage);
            settings.accept(builder);
            return of(builder.build());
        }
        AsyncCircuitBreaker.Builder builder = AsyncCircuitBreaker.builder().storage(asyncStorage);
        settings.accept(builder);
        return of(builder.build());
    }

    /** Wraps a built sync breaker. */
    public static TestBreaker of(CircuitBreaker breaker) {
        return new Sync(breaker);
    }

    /** Wraps a built async breaker. */
    public static TestBreaker of(AsyncCircuitBreaker breaker) {
        return new Async(breaker);
    }

    /** Runs {@code call} through the breaker. */
    public abstract <T> T call(CheckedSupplier<T, Exception> call) throws Exception;

    /** Whether the circuit is open. */
    public abstract boolean isOpen();

    /**
     * Starts a call that ends when {@code outcome} does, without waiting for it: the sync breaker's call runs on a
     * thread of its own and waits for {@code outcome}; the async breaker's call is {@code outcome} itself.
     * {@code started} is incremented when the call runs (so a rejected call leaves it alone).
     *
     * @return what the caller gets: the call's value or failure, or the breaker's exception (unwrapped)
     */
    public abstract <T> CompletableFuture<T> begin(CompletableFuture<T> outcome, AtomicInteger started);

    /**
     * Makes a call that ends when {@code outcome} does, on this thread, and waits for it: like {@link #begin} without
     * a thread per call, for tests that make many calls from a few threads.
     */
    public abstract <T> T callUntil(CompletableFuture<T> outcome, AtomicInteger started) throws Exception;

    /** The outcome of a call started with {@link #begin}, as a caller would see it; fails the test after 10 s. */
    public static <T> T outcomeOf(CompletableFuture<T> call) throws Exception {
        try {
            return call.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    private static final class Sync extends TestBreaker {
        private final CircuitBreaker breaker;

        Sync(CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        @Override
        public <T> T call(CheckedSupplier<T, Exception> call) throws Exception {
            return breaker.execute(call);
        }

        @Override
        public boolean isOpen() {
            return breaker.isOpen();
        }

        @Override
        public <T> T callUntil(CompletableFuture<T> outcome, AtomicInteger started) throws Exception {
            return breaker.execute(() -> {
                started.incrementAndGet();
                return TestBreaker.outcomeOf(outcome);
            });
        }

        @Override
        public <T> CompletableFuture<T> begin(CompletableFuture<T> outcome, AtomicInteger started) {
            CompletableFuture<T> seen = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    seen.complete(breaker.execute(() -> {
                        started.incrementAndGet();
                        return TestBreaker.outcomeOf(outcome);
                    }));
                } catch (Throwable thrown) {
                    seen.completeExceptionally(thrown);
                }
            }, "test-caller");
            caller.setDaemon(true);
            caller.start();
            return seen;
        }
    }

    private static final class Async extends TestBreaker {
        private final AsyncCircuitBreaker breaker;

        Async(AsyncCircuitBreaker breaker) {
            this.breaker = breaker;
        }

        @Override
        public <T> T call(CheckedSupplier<T, Exception> call) throws Exception {
            return TestBreaker.outcomeOf(breaker.<T>execute(() -> {
                try {
                    return CompletableFuture.completedFuture(call.get());
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }).toCompletableFuture());
        }

        @Override
        public boolean isOpen() {
            return breaker.isOpen().toCompletableFuture().join();
        }

        @Override
        public <T> T callUntil(CompletableFuture<T> outcome, AtomicInteger started) throws Exception {
            return TestBreaker.outcomeOf(begin(outcome, started));
        }

        @Override
        public <T> CompletableFuture<T> begin(CompletableFuture<T> outcome, AtomicInteger started) {
            return breaker.<T>execute(() -> {
                started.incrementAndGet();
                return outcome;
            }).toCompletableFuture();
        }
    }
}
