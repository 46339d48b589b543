package io.github.lasier.storage;

import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.StorageCircuitStore;
import io.github.lasier.store.Totals;

/**
 * The in-memory storage's fused circuit store: the same keys and semantics as the generic store, read straight from
 * the entries so that a closed circuit's check allocates nothing and reads no clock, and with the failure count
 * checked and incremented atomically against opening (see {@link InMemoryStorage#incrUnlessOpen}).
 */
final class InMemoryCircuitStore implements CircuitStore {

    private final InMemoryStorage storage;
    /** Serves the events that need nothing beyond single operations: counting requests, opening, closing. */
    private final StorageCircuitStore generic;

    InMemoryCircuitStore(InMemoryStorage storage) {
        this.storage = storage;
        this.generic = new StorageCircuitStore(storage);
    }

    @Override
    public long openMillisRemaining(Circuit circuit) {
        // Read as held, so that an open circuit's check reads the clock once (for both expiry and time left); an
        // expired flag is left for the next sweep or plain read to reclaim.
        InMemoryStorage.Entry flag = storage.held(circuit.openKey());
        if (flag == null) {
            return NOT_OPEN;
        }
        long expiresAt = flag.expiresAt;
        if (expiresAt == InMemoryStorage.NO_EXPIRY) {
            return flag.total() == 1 ? OPEN_FOR_UNKNOWN_TIME : NOT_OPEN;
        }
        long remainingNanos = expiresAt - storage.now();
        if (remainingNanos <= 0 || flag.total() != 1) {
            return NOT_OPEN;
        }
        return remainingNanos / 1_000_000L;
    }

    @Override
    public void recordRequest(Circuit circuit) {
        if (circuit.countsRequests() && openMillisRemaining(circuit) == NOT_OPEN) {
            storage.countRequest(circuit.requestKey(), circuit.failureKey(), circuit.failureTimeoutMillis());
        }
    }

    @Override
    public Totals recordFailure(Circuit circuit) {
        if (openMillisRemaining(circuit) == NOT_OPEN) {
            long requests = circuit.countsRequests()
                    ? storage.incr(circuit.requestKey(), circuit.failureTimeout()) : 0;
            long failures = storage.incrUnlessOpen(circuit.failureKey(), circuit.failureTimeoutMillis(),
                    circuit.openKey());
            if (failures >= 0) {
                return new Totals(failures, requests);
            }
        }
        // Open: nothing is counted; the totals are what is stored (nothing, once opening deleted the counters).
        return new Totals(valueOf(circuit.failureKey()), circuit.countsRequests() ? valueOf(circuit.requestKey()) : 0);
    }

    @Override
    public void open(Circuit circuit) {
        generic.open(circuit);
    }

    @Override
    public void close(Circuit circuit) {
        generic.close(circuit);
    }

    @Override
    public boolean isInProcess() {
        return true;
    }

    private long valueOf(String key) {
        InMemoryStorage.Entry entry = storage.live(key);
        return entry == null ? 0 : entry.total();
    }
}
