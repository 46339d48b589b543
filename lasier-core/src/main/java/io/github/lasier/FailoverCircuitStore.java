package io.github.lasier;

import io.github.lasier.storage.StorageException;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;

/**
 * Puts a store that can fail behind the breaker's {@link StoreFailurePolicy}: operations go to the store while
 * {@link StoreHealth} says it is available, and to the policy's fallback otherwise or when the store fails.
 */
final class FailoverCircuitStore implements CircuitStore {

    private final CircuitStore store;
    private final CircuitStore fallback;
    private final StoreHealth health;
    private final boolean propagate;
    /** The local breaker's state, consulted after recovery: circuits it opened stay open for their timeout. */
    private final CircuitStore localState;

    FailoverCircuitStore(CircuitStore store, CircuitStore fallback, StoreHealth health, StoreFailurePolicy policy) {
        this.store = store;
        this.fallback = fallback;
        this.health = health;
        this.propagate = policy == StoreFailurePolicy.PROPAGATE;
        this.localState = policy == StoreFailurePolicy.LOCAL_FALLBACK ? fallback : null;
    }

    @Override
    public long openMillisRemaining(Circuit circuit) {
        StoreHealth.Route route = health.route();
        if (route != StoreHealth.Route.FALLBACK) {
            try {
                long remaining = store.openMillisRemaining(circuit);
                health.succeeded(route);
                if (remaining == NOT_OPEN && localState != null) {
                    return localState.openMillisRemaining(circuit);
                }
                return remaining;
            } catch (RuntimeException failure) {
                failed(route, failure);
            }
        }
        return fallback.openMillisRemaining(circuit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>After recovery, a circuit the local breaker opened stays open for its timeout; its local half-open state is
     * not consulted, the shared store's is.
     */
    @Override
    public long acquirePermit(Circuit circuit, long probeToken) {
        StoreHealth.Route route = health.route();
        if (route != StoreHealth.Route.FALLBACK) {
            try {
                long answer = store.acquirePermit(circuit, probeToken);
                health.succeeded(route);
                if (answer == NOT_OPEN && localState != null) {
                    return localState.openMillisRemaining(circuit);
                }
                return answer;
            } catch (RuntimeException failure) {
                failed(route, failure);
            }
        }
        return fallback.acquirePermit(circuit, probeToken);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A probe granted by the local breaker during an outage and reported after recovery is not known to the shared
     * store; it is then reported to the local one, so its lease is given back there too.
     */
    @Override
    public ProbeResult reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        StoreHealth.Route route = health.route();
        if (route != StoreHealth.Route.FALLBACK) {
            try {
                ProbeResult result = store.reportProbe(circuit, probeToken, report);
                health.succeeded(route);
                return result == ProbeResult.LEASE_LOST && localState != null
                        ? localState.reportProbe(circuit, probeToken, report) : result;
            } catch (RuntimeException failure) {
                failed(route, failure);
            }
        }
        return fallback.reportProbe(circuit, probeToken, report);
    }

    @Override
    public void recordRequest(Circuit circuit) {
        StoreHealth.Route route = health.route();
        if (route != StoreHealth.Route.FALLBACK) {
            try {
                store.recordRequest(circuit);
                health.succeeded(route);
                return;
            } catch (RuntimeException failure) {
                failed(route, failure);
            }
        }
        fallback.recordRequest(circuit);
    }

    @Override
    public Totals recordFailure(Circuit circuit) {
        StoreHealth.Route route = health.route();
        if (route != StoreHealth.Route.FALLBACK) {
            try {
                Totals totals = store.recordFailure(circuit);
                health.succeeded(route);
                return totals;
            } catch (RuntimeException failure) {
                failed(route, failure);
            }
        }
        return fallback.recordFailure(circuit);
    }

    @Override
    public void open(Circuit circuit) {
        StoreHealth.Route route = health.route();
        if (route != StoreHealth.Route.FALLBACK) {
            try {
                store.open(circuit);
                health.succeeded(route);
                return;
            } catch (RuntimeException failure) {
                failed(route, failure);
            }
        }
        fallback.open(circuit);
    }

    @Override
    public void close(Circuit circuit) {
        if (localState != null) {
            localState.close(circuit);
        }
        StoreHealth.Route route = health.route();
        if (route != StoreHealth.Route.FALLBACK) {
            try {
                store.close(circuit);
                health.succeeded(route);
                return;
            } catch (RuntimeException failure) {
                failed(route, failure);
            }
        }
        fallback.close(circuit);
    }

    /**
     * Records the failure; under PROPAGATE throws it as a storage exception instead of falling back. A wait cut short
     * by an interrupt of the calling thread says nothing about the store, so it is not counted against it.
     */
    private void failed(StoreHealth.Route route, RuntimeException failure) {
        if (Thread.currentThread().isInterrupted() || causedByInterrupt(failure)) {
            health.abandoned(route);
        } else {
            health.failed(route, failure);
        }
        if (propagate) {
            throw asStorageException(failure);
        }
    }

    private static boolean causedByInterrupt(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 16; depth++, current = current.getCause()) {
            if (current instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    static StorageException asStorageException(Throwable failure) {
        return failure instanceof StorageException storage ? storage
                : new StorageException("store operation failed: " + failure, failure);
    }
}
