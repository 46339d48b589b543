package io.github.lasier;

import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The asynchronous twin of {@link FailoverCircuitStore}: the same routing by {@link StoreHealth}, on stages. A
 * store whose stage fails (or whose timeout ends it) is reported once to the health and the operation is served by
 * the fallback; nothing blocks.
 */
final class AsyncFailoverCircuitStore implements AsyncCircuitStore {

    private final AsyncCircuitStore store;
    private final AsyncCircuitStore fallback;
    private final StoreHealth health;
    private final boolean propagate;
    private final AsyncCircuitStore localState;

    AsyncFailoverCircuitStore(AsyncCircuitStore store, AsyncCircuitStore fallback, StoreHealth health,
            StoreFailurePolicy policy) {
        this.store = store;
        this.fallback = fallback;
        this.health = health;
        this.propagate = policy == StoreFailurePolicy.PROPAGATE;
        this.localState = policy == StoreFailurePolicy.LOCAL_FALLBACK ? fallback : null;
    }

    @Override
    public CompletionStage<Long> openMillisRemaining(Circuit circuit) {
        return route(s -> s.openMillisRemaining(circuit)).thenCompose(remaining ->
                remaining == CircuitStore.NOT_OPEN && localState != null && health.isAvailable()
                        ? localState.openMillisRemaining(circuit)
                        : CompletableFuture.completedFuture(remaining));
    }

    /** @see FailoverCircuitStore#acquirePermit(Circuit, long) */
    @Override
    public CompletionStage<Long> acquirePermit(Circuit circuit, long probeToken) {
        return route(s -> s.acquirePermit(circuit, probeToken)).thenCompose(answer ->
                answer == CircuitStore.NOT_OPEN && localState != null && health.isAvailable()
                        ? localState.openMillisRemaining(circuit)
                        : CompletableFuture.completedFuture(answer));
    }

    /** @see FailoverCircuitStore#reportProbe(Circuit, long, ProbeReport) */
    @Override
    public CompletionStage<ProbeResult> reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        return route(s -> s.reportProbe(circuit, probeToken, report)).thenCompose(result ->
                result == ProbeResult.LEASE_LOST && localState != null && health.isAvailable()
                        ? localState.reportProbe(circuit, probeToken, report)
                        : CompletableFuture.completedFuture(result));
    }

    @Override
    public CompletionStage<Void> recordRequest(Circuit circuit) {
        return route(s -> s.recordRequest(circuit));
    }

    @Override
    public CompletionStage<Totals> recordFailure(Circuit circuit) {
        return route(s -> s.recordFailure(circuit));
    }

    @Override
    public CompletionStage<Void> open(Circuit circuit) {
        return route(s -> s.open(circuit));
    }

    @Override
    public CompletionStage<Void> close(Circuit circuit) {
        CompletionStage<Void> local = localState != null ? localState.close(circuit)
                : CompletableFuture.completedFuture(null);
        return local.thenCompose(done -> route(s -> s.close(circuit)));
    }

    private <T> CompletionStage<T> route(Function<AsyncCircuitStore, CompletionStage<T>> operation) {
        StoreHealth.Route route = health.route();
        if (route == StoreHealth.Route.FALLBACK) {
            return operation.apply(fallback);
        }
        CompletionStage<T> attempt;
        try {
            attempt = operation.apply(store);
        } catch (RuntimeException thrownNotReturned) {
            attempt = CompletableFuture.failedFuture(thrownNotReturned);
        }
        return attempt.handle((value, failure) -> {
            if (failure == null) {
                health.succeeded(route);
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = BreakerCore.unwrap(failure);
            health.failed(route, cause);
            return propagate ? CompletableFuture.<T>failedFuture(FailoverCircuitStore.asStorageException(cause))
                    : operation.apply(fallback);
        }).thenCompose(Function.identity());
    }
}
