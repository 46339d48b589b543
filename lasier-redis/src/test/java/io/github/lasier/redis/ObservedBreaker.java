package io.github.lasier.redis;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.BreakerBuilder;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.StoreUnavailableException;
import io.github.lasier.storage.StorageException;
import io.github.lasier.testkit.BreakerKind;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A breaker of either kind as its callers see it: what each call ended with, how long the caller waited, and any
 * throwable a caller should never see (a driver type above all). For the async breaker it also records how long
 * {@code execute} held the calling thread and whether the stage was already done when it returned.
 */
final class ObservedBreaker {

    /** What one call ended with, as its caller saw it. */
    enum Outcome {
        /** The call ran and its result came back. */
        SERVED,
        /** The call ran and its own exception came back unchanged. */
        FAILED,
        /** The call ran and its failure opened the circuit: the failure exception, with it as the cause. */
        OPENED,
        /**
         * The call did not run: the failure exception, without a cause, or (failing closed) with a
         * {@link StoreUnavailableException} saying why.
         */
        REJECTED,
        /** A storage exception of this library (only under the PROPAGATE policy). */
        STORE_ERROR,
        /** Anything else: recorded in {@link #unexpected()}. */
        UNEXPECTED
    }

    /** The exception the protected calls fail with. */
    static final class DownstreamException extends IOException {
        DownstreamException() {
            super("downstream failed");
        }
    }

    private final CircuitBreaker sync;
    private final AsyncCircuitBreaker async;
    private final Latencies latencies = new Latencies();
    private final Latencies executeReturns = new Latencies();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ran = new AtomicInteger();
    private final AtomicInteger stagesDoneAtReturn = new AtomicInteger();

    private ObservedBreaker(CircuitBreaker sync, AsyncCircuitBreaker async) {
        this.sync = sync;
        this.async = async;
    }

    static ObservedBreaker of(BreakerKind kind, RedisStorage storage, Consumer<BreakerBuilder<?, ?>> settings) {
        if (kind == BreakerKind.SYNC) {
            CircuitBreaker.Builder builder = CircuitBreaker.builder().storage(storage);
            settings.accept(builder);
            return new ObservedBreaker(builder.build(), null);
        }
        AsyncCircuitBreaker.Builder builder = AsyncCircuitBreaker.builder().storage(storage.async());
        settings.accept(builder);
        return new ObservedBreaker(null, builder.build());
    }

    /** One call through the breaker, failing with {@link DownstreamException} when {@code fail}. */
    Outcome call(boolean fail) {
        long started = System.nanoTime();
        Throwable thrown = null;
        try {
            if (sync != null) {
                sync.execute(() -> body(fail));
            } else {
                CompletableFuture<String> stage = async.execute(() -> {
                    try {
                        return CompletableFuture.completedFuture(body(fail));
                    } catch (DownstreamException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }).toCompletableFuture();
                executeReturns.add(System.nanoTime() - started);
                if (stage.isDone()) {
                    stagesDoneAtReturn.incrementAndGet();
                }
                try {
                    stage.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    thrown = unwrap(e.getCause());
                }
            }
        } catch (Throwable e) {
            thrown = e;
        }
        latencies.add(System.nanoTime() - started);
        return classify(thrown);
    }

    private String body(boolean fail) throws DownstreamException {
        ran.incrementAndGet();
        if (fail) {
            throw new DownstreamException();
        }
        return "served";
    }

    private Outcome classify(Throwable thrown) {
        if (thrown == null) {
            return Outcome.SERVED;
        }
        if (thrown instanceof DownstreamException) {
            return Outcome.FAILED;
        }
        if (thrown instanceof CircuitOpenException open) {
            if (open.getCause() == null || open.getCause() instanceof StoreUnavailableException) {
                return Outcome.REJECTED;
            }
            if (open.getCause() instanceof DownstreamException) {
                return Outcome.OPENED;
            }
        }
        if (thrown instanceof StorageException && thrown.getClass().getName().startsWith("io.github.lasier.")) {
            return Outcome.STORE_ERROR;
        }
        unexpected.add(thrown);
        return Outcome.UNEXPECTED;
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    boolean storeAvailable() {
        return sync != null ? sync.isStoreAvailable() : async.isStoreAvailable();
    }

    boolean isOpen() {
        return sync != null ? sync.isOpen() : async.isOpen().toCompletableFuture().join();
    }

    void open() {
        if (sync != null) {
            sync.open();
        } else {
            async.open().toCompletableFuture().join();
        }
    }

    void close() {
        if (sync != null) {
            sync.close();
        } else {
            async.close().toCompletableFuture().join();
        }
    }

    /** How long each call's caller waited for its outcome. */
    Latencies latencies() {
        return latencies;
    }

    /** Async only: how long {@code execute} held the calling thread. */
    Latencies executeReturns() {
        return executeReturns;
    }

    /** Async only: how many stages were already done when {@code execute} returned them. */
    int stagesDoneAtReturn() {
        return stagesDoneAtReturn.get();
    }

    /** How many times the protected call itself ran. */
    int ran() {
        return ran.get();
    }

    /** Throwables no caller should have seen. */
    Queue<Throwable> unexpected() {
        return unexpected;
    }

    boolean isAsync() {
        return async != null;
    }
}
