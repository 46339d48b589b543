package io.github.lasier.store;

import io.github.lasier.storage.Storage;
import io.github.lasier.storage.StorageValueException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@link CircuitStore} built from the single operations of any {@link Storage}: the generic store, as Lasier drives
 * its caches. Each event takes a few commands and is not atomic as a whole, which is Lasier's behaviour too;
 * counters still get their TTL in the same step that creates them. Backends that can fuse the steps implement
 * {@link CircuitStoreProvider} instead.
 *
 * <p>A key holding something that is not an integer (garbage written by someone else) is treated as absent: it is
 * removed with a warning naming it and the one operation that met it is repeated, so garbage never reaches the
 * caller and never keeps a circuit open or closed.
 */
public final class StorageCircuitStore implements CircuitStore {

    private final Storage storage;

    /** @param storage the key-value storage holding the circuit's keys */
    public StorageCircuitStore(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    public long openMillisRemaining(Circuit circuit) {
        return OpenFlag.isOpen(get(circuit.openKey())) ? OPEN_FOR_UNKNOWN_TIME : NOT_OPEN;
    }

    @Override
    public void recordRequest(Circuit circuit) {
        if (circuit.countsRequests() && openMillisRemaining(circuit) == NOT_OPEN) {
            incr(circuit.requestKey(), circuit);
            // Lasier creates the failure counter with the request counter so both windows expire together.
            try {
                storage.add(circuit.failureKey(), 0, circuit.failureTimeout());
            } catch (StorageValueException garbage) {
                GarbageRepair.remove(storage, garbage);
                storage.add(circuit.failureKey(), 0, circuit.failureTimeout());
            }
        }
    }

    @Override
    public Totals recordFailure(Circuit circuit) {
        if (openMillisRemaining(circuit) != NOT_OPEN) {
            return new Totals(valueOf(circuit.failureKey()), circuit.countsRequests() ? valueOf(circuit.requestKey()) : 0);
        }
        long requests = circuit.countsRequests() ? incr(circuit.requestKey(), circuit) : 0;
        long failures = incr(circuit.failureKey(), circuit);
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

    private void deleteCounters(Circuit circuit) {
        storage.delete(circuit.failureKey());
        if (circuit.countsRequests()) {
            storage.delete(circuit.requestKey());
        }
    }

    private OptionalLong get(String key) {
        try {
            return storage.get(key);
        } catch (StorageValueException garbage) {
            GarbageRepair.remove(storage, garbage);
            return OptionalLong.empty();
        }
    }

    private long incr(String counterKey, Circuit circuit) {
        try {
            return storage.incr(counterKey, circuit.failureTimeout());
        } catch (StorageValueException garbage) {
            GarbageRepair.remove(storage, garbage);
            return storage.incr(counterKey, circuit.failureTimeout());
        }
    }

    private long valueOf(String key) {
        OptionalLong value = get(key);
        return value.isPresent() ? value.getAsLong() : 0;
    }
}
