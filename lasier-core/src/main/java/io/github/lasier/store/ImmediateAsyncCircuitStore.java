package io.github.lasier.store;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An {@link AsyncCircuitStore} over a {@link CircuitStore} that never blocks (an in-process store): each operation
 * runs at once and returns a completed stage. Do not use it over a store that waits for a network.
 */
public final class ImmediateAsyncCircuitStore implements AsyncCircuitStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Long> NOT_OPEN = CompletableFuture.completedFuture(CircuitStore.NOT_OPEN);

    private final CircuitStore store;

    /** @param store a store whose operations complete without waiting */
    public ImmediateAsyncCircuitStore(CircuitStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public CompletionStage<Long> openMillisRemaining(Circuit circuit) {
        try {
            long remaining = store.openMillisRemaining(circuit);
            return remaining == CircuitStore.NOT_OPEN ? NOT_OPEN : CompletableFuture.completedFuture(remaining);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Long> acquirePermit(Circuit circuit, long probeToken) {
        try {
            long answer = store.acquirePermit(circuit, probeToken);
            return answer == CircuitStore.NOT_OPEN ? NOT_OPEN : CompletableFuture.completedFuture(answer);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<ProbeResult> reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        return supply(() -> store.reportProbe(circuit, probeToken, report));
    }

    @Override
    public CompletionStage<Void> recordRequest(Circuit circuit) {
        return run(() -> store.recordRequest(circuit));
    }

    @Override
    public CompletionStage<Totals> recordFailure(Circuit circuit) {
        return supply(() -> store.recordFailure(circuit));
    }

    @Override
    public CompletionStage<Void> open(Circuit circuit) {
        return run(() -> store.open(circuit));
    }

    @Override
    public CompletionStage<Void> close(Circuit circuit) {
        return run(() -> store.close(circuit));
    }

    @Override
    public boolean isInProcess() {
        return store.isInProcess();
    }

    private static CompletionStage<Void> run(Runnable operation) {
        try {
            operation.run();
            return DONE;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> CompletionStage<T> supply(Supplier<T> operation) {
        try {
            return CompletableFuture.completedFuture(operation.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
