package io.github.lasier.store;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.StorageValueException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@link AsyncCircuitStore} built from the single operations of any {@link AsyncStorage}; the same steps as
 * {@link StorageCircuitStore}, chained on stages instead of awaited, with the same repair of garbage values.
 */
public final class AsyncStorageCircuitStore implements AsyncCircuitStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Long> ZERO = CompletableFuture.completedFuture(0L);

    private final AsyncStorage storage;

    /** @param storage the key-value storage holding the circuit's keys */
    public AsyncStorageCircuitStore(AsyncStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    public CompletionStage<Long> openMillisRemaining(Circuit circuit) {
        return isOpen(circuit).thenApply(open -> open ? CircuitStore.OPEN_FOR_UNKNOWN_TIME : CircuitStore.NOT_OPEN);
    }

    @Override
    public CompletionStage<Void> recordRequest(Circuit circuit) {
        if (!circuit.countsRequests()) {
            return DONE;
        }
        return isOpen(circuit).thenCompose(open -> open ? DONE
                : incr(circuit.requestKey(), circuit)
                        .thenCompose(requests -> repairing(() -> storage.add(circuit.failureKey(), 0, circuit.failureTimeout())))
                        .thenApply(added -> null));
    }

    @Override
    public CompletionStage<Totals> recordFailure(Circuit circuit) {
        return isOpen(circuit).thenCompose(open -> {
            if (open) {
                return valueOf(circuit.failureKey()).thenCombine(
                        circuit.countsRequests() ? valueOf(circuit.requestKey()) : ZERO, Totals::new);
            }
            CompletionStage<Long> requests = circuit.countsRequests() ? incr(circuit.requestKey(), circuit) : ZERO;
            return requests.thenCompose(r -> incr(circuit.failureKey(), circuit).thenApply(f -> new Totals(f, r)));
        });
    }

    @Override
    public CompletionStage<Void> open(Circuit circuit) {
        return storage.set(circuit.openKey(), OpenFlag.VALUE, circuit.circuitTimeout())
                .thenCompose(done -> deleteCounters(circuit));
    }

    @Override
    public CompletionStage<Void> close(Circuit circuit) {
        return storage.delete(circuit.openKey()).thenCompose(deleted -> deleteCounters(circuit));
    }

    private CompletionStage<Boolean> isOpen(Circuit circuit) {
        return get(circuit.openKey()).thenApply(OpenFlag::isOpen);
    }

    private CompletionStage<Void> deleteCounters(Circuit circuit) {
        CompletionStage<Boolean> failures = storage.delete(circuit.failureKey());
        if (!circuit.countsRequests()) {
            return failures.thenApply(deleted -> null);
        }
        return failures.thenCompose(deleted -> storage.delete(circuit.requestKey())).thenApply(deleted -> null);
    }

    private CompletionStage<OptionalLong> get(String key) {
        return storage.get(key).exceptionallyCompose(failure -> {
            if (GarbageRepair.cause(failure) instanceof StorageValueException garbage) {
                GarbageRepair.warn(garbage);
                return storage.delete(garbage.key()).thenApply(removed -> OptionalLong.empty());
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private CompletionStage<Long> incr(String counterKey, Circuit circuit) {
        return repairing(() -> storage.incr(counterKey, circuit.failureTimeout()));
    }

    /** Runs one operation; if its key held garbage, removes it with a warning and runs the operation once more. */
    private <T> CompletionStage<T> repairing(Supplier<CompletionStage<T>> operation) {
        return operation.get().exceptionallyCompose(failure -> {
            if (GarbageRepair.cause(failure) instanceof StorageValueException garbage) {
                GarbageRepair.warn(garbage);
                return storage.delete(garbage.key()).thenCompose(removed -> operation.get());
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private CompletionStage<Long> valueOf(String key) {
        return get(key).thenApply(value -> value.isPresent() ? value.getAsLong() : 0L);
    }
}
