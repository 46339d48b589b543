package io.github.lasier.store;

import io.github.lasier.storage.ImmediateAsyncStorage;
import io.github.lasier.storage.Storage;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * {@link CircuitStore} built from the single operations of any {@link Storage}: the generic store, as Lasier drives
 * its caches. It runs {@link AsyncStorageCircuitStore}'s steps (the one place they are written) on the calling
 * thread, so everything said there holds here: a few operations per event, counters created with their TTL, garbage
 * removed with a warning. Backends that can fuse the steps implement {@link CircuitStoreProvider} instead.
 */
public final class StorageCircuitStore implements CircuitStore {

    private final AsyncStorageCircuitStore steps;

    /** @param storage the key-value storage holding the circuit's keys */
    public StorageCircuitStore(Storage storage) {
        this(storage, System::currentTimeMillis);
    }

    /**
     * @param storage     the key-value storage holding the circuit's keys
     * @param millisClock chooses sliding windows' buckets; see {@link AsyncStorageCircuitStore}
     */
    public StorageCircuitStore(Storage storage, LongSupplier millisClock) {
        this.steps = new AsyncStorageCircuitStore(
                new ImmediateAsyncStorage(Objects.requireNonNull(storage, "storage")), millisClock);
    }

    @Override
    public long openMillisRemaining(Circuit circuit) {
        return result(steps.openMillisRemaining(circuit));
    }

    @Override
    public long acquirePermit(Circuit circuit, long probeToken) {
        return result(steps.acquirePermit(circuit, probeToken));
    }

    @Override
    public ProbeResult reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        return result(steps.reportProbe(circuit, probeToken, report));
    }

    @Override
    public void recordRequest(Circuit circuit) {
        result(steps.recordRequest(circuit));
    }

    @Override
    public Totals recordFailure(Circuit circuit) {
        return result(steps.recordFailure(circuit));
    }

    @Override
    public void open(Circuit circuit) {
        result(steps.open(circuit));
    }

    @Override
    public void close(Circuit circuit) {
        result(steps.close(circuit));
    }

    /** The stage's value; it is complete, every step having run on this thread. The storage's exception is rethrown. */
    private static <T> T result(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException wrapped) {
            Throwable failure = Unwrapping.unwrap(wrapped);
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw wrapped;
        }
    }
}
