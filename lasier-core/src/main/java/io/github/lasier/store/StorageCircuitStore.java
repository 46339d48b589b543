package io.github.lasier.store;

import io.github.lasier.storage.Storage;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@link CircuitStore} built from the single operations of any {@link Storage}: the generic store, as Lasier drives
 * its caches. Each event takes a few commands and is not atomic as a whole, which is Lasier's behaviour too;
 * counters still get their TTL in the same step that creates them. Backends that can fuse the steps implement
 * {@link CircuitStoreProvider} instead.
 */
public final class StorageCircuitStore implements CircuitStore {

    private final Storage storage;

    /** @param storage the key-value storage holding the circuit's keys */
    public StorageCircuitStore(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    public long openMillisRemaining(Circuit circuit) {
        return OpenFlag.isOpen(storage.get(circuit.openKey())) ? OPEN_FOR_UNKNOWN_TIME : NOT_OPEN;
    }

    @Override
    public void recordRequest(Circuit circuit) {
        if (circuit.countsRequests() && openMillisRemaining(circuit) == NOT_OPEN) {
            countRequest(circuit);
        }
    }

    @Override
    public Totals recordFailure(Circuit circuit) {
        if (openMillisRemaining(circuit) != NOT_OPEN) {
            return new Totals(valueOf(circuit.failureKey()), circuit.countsRequests() ? valueOf(circuit.requestKey()) : 0);
        }
        long requests = circuit.countsRequests() ? storage.incr(circuit.requestKey(), circuit.failureTimeout()) : 0;
        long failures = storage.incr(circuit.failureKey(), circuit.failureTimeout());
        return new Totals(failures, requests);
    }

    @Override
    public void open(Circuit circuit) {
        storage.set(circuit.openKey(), OpenFlag.VALUE, circuit.circuitTimeout());
        deleteCounters(circuit);
    }

    @Override
    public void close(Circuit circuit) {
        storage.delete(circuit.openKey());
        deleteCounters(circuit);
    }

    private void countRequest(Circuit circuit) {
        storage.incr(circuit.requestKey(), circuit.failureTimeout());
        // Lasier creates the failure counter with the request counter so both windows expire together.
        storage.add(circuit.failureKey(), 0, circuit.failureTimeout());
    }

    private void deleteCounters(Circuit circuit) {
        storage.delete(circuit.failureKey());
        if (circuit.countsRequests()) {
            storage.delete(circuit.requestKey());
        }
    }

    private long valueOf(String key) {
        OptionalLong value = storage.get(key);
        return value.isPresent() ? value.getAsLong() : 0;
    }
}
