package io.github.lasier.storage;

import io.github.lasier.store.Circuit;
import io.github.lasier.rules.Counting;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.StorageCircuitStore;
import io.github.lasier.store.Totals;
import io.github.lasier.store.WindowKeys;

/**
 * The in-memory storage's fused circuit store: the same keys and semantics as the generic store, read straight from
 * the entries so that a closed circuit's check allocates nothing and reads no clock, and with the failure count
 * checked and incremented atomically against opening (see {@link InMemoryStorage#incrUnlessOpen}).
 *
 * <p>The rarer events (the half-open state's probes, opening and closing) run the generic store's
 * steps on this storage. The half-open steps, and opening and closing, hold this store's lock so that each is atomic
 * as it is in Redis: a lease can never be granted by a circuit that a concurrent report has just closed. The lock is
 * held for a few map operations, never across a protected call, and a closed circuit's calls never take it.
 */
final class InMemoryCircuitStore implements CircuitStore {

    private final InMemoryStorage storage;
    /** Serves the events that need nothing beyond single operations: counting requests, opening, closing. */
    private final StorageCircuitStore generic;

    InMemoryCircuitStore(InMemoryStorage storage) {
        this.storage = storage;
        this.generic = new StorageCircuitStore(storage, storage::epochMillis);
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
    public long acquirePermit(Circuit circuit, long probeToken) {
        long openMillisRemaining = openMillisRemaining(circuit);
        if (openMillisRemaining != NOT_OPEN || !circuit.hasHalfOpen() || storage.held(circuit.halfOpenKey()) == null) {
            return openMillisRemaining;
        }
        synchronized (this) {
            return generic.acquirePermit(circuit, probeToken);
        }
    }

    @Override
    public ProbeResult reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        synchronized (this) {
            return generic.reportProbe(circuit, probeToken, report);
        }
    }

    @Override
    public void recordRequest(Circuit circuit) {
        Counting.Kind counting = circuit.countingKind();
        if (counting == Counting.Kind.CONSECUTIVE) {
            // The run is over; a closed circuit's run is usually absent already, and reading is cheaper than removing.
            if (storage.held(circuit.failureKey()) != null) {
                storage.delete(circuit.failureKey());
            }
            return;
        }
        if (counting == Counting.Kind.SLIDING_WINDOW) {
            if (openMillisRemaining(circuit) == NOT_OPEN) {
                storage.count(windowNow(circuit).requestKey(0), circuit.bucketTtlMillis());
            }
            return;
        }
        if (circuit.countsRequests() && openMillisRemaining(circuit) == NOT_OPEN) {
            storage.countRequest(circuit.requestKey(), circuit.failureKey(), circuit.failureTimeoutMillis());
        }
    }

    @Override
    public Totals recordFailure(Circuit circuit) {
        if (circuit.countingKind() == Counting.Kind.SLIDING_WINDOW) {
            return recordFailureInWindow(circuit);
        }
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

    private Totals recordFailureInWindow(Circuit circuit) {
        WindowKeys window = windowNow(circuit);
        if (openMillisRemaining(circuit) == NOT_OPEN) {
            storage.increment(window.requestKey(0), circuit.bucketTtlMillis());
            storage.incrUnlessOpen(window.failureKey(0), circuit.bucketTtlMillis(), circuit.openKey());
        }
        long failures = 0;
        long requests = 0;
        for (int age = 0; age < circuit.counting().buckets(); age++) {
            failures += valueOf(window.failureKey(age));
            requests += valueOf(window.requestKey(age));
        }
        return new Totals(failures, requests);
    }

    private WindowKeys windowNow(Circuit circuit) {
        return circuit.windowKeys(circuit.bucketAt(storage.epochMillis()));
    }

    @Override
    public void open(Circuit circuit) {
        synchronized (this) {
            generic.open(circuit);
        }
    }

    @Override
    public void close(Circuit circuit) {
        synchronized (this) {
            generic.close(circuit);
        }
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
