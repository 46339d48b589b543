package io.github.lasier;

import io.github.lasier.storage.InMemoryStorage;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;

/** The store a breaker uses while its own is unavailable, one per {@link StoreFailurePolicy}. */
final class FallbackStores {

    private static final Totals NOTHING_COUNTED = new Totals(0, 0);

    /**
     * The fail-closed fallback's answer to the open check: reject, because the store is unavailable (not because a
     * rule opened the circuit), so the failure exception can say so.
     */
    static final long REJECT_STORE_UNAVAILABLE = Long.MIN_VALUE;

    private FallbackStores() {
    }

    static CircuitStore forPolicy(StoreFailurePolicy policy, String circuitName, StoreHealth health) {
        switch (policy) {
            case LOCAL_FALLBACK:
                return new InMemoryStorage().circuitStore();
            case FAIL_CLOSED:
                return new Rejecting();
            case PROPAGATE:
                return new Unavailable(circuitName, health);
            default:
                throw new IllegalArgumentException("storeFailurePolicy not handled: " + policy);
        }
    }

    /** Fail closed: every circuit reads as open; nothing is counted. */
    private static final class Rejecting implements CircuitStore {
        @Override
        public long openMillisRemaining(Circuit circuit) {
            return REJECT_STORE_UNAVAILABLE;
        }

        @Override
        public long acquirePermit(Circuit circuit, long probeToken) {
            return REJECT_STORE_UNAVAILABLE;
        }

        @Override
        public ProbeResult reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
            return ProbeResult.LEASE_LOST;
        }

        @Override
        public void recordRequest(Circuit circuit) {
        }

        @Override
        public Totals recordFailure(Circuit circuit) {
            return NOTHING_COUNTED;
        }

        @Override
        public void open(Circuit circuit) {
        }

        @Override
        public void close(Circuit circuit) {
        }

        @Override
        public boolean isInProcess() {
            return true;
        }
    }

    /** Propagate: every operation throws, without asking the store, the failure that made it unavailable. */
    private static final class Unavailable implements CircuitStore {
        private final String circuitName;
        private final StoreHealth health;

        Unavailable(String circuitName, StoreHealth health) {
            this.circuitName = circuitName;
            this.health = health;
        }

        private StoreUnavailableException unavailable() {
            return new StoreUnavailableException(circuitName, health.lastFailure());
        }

        @Override
        public long openMillisRemaining(Circuit circuit) {
            throw unavailable();
        }

        @Override
        public long acquirePermit(Circuit circuit, long probeToken) {
            throw unavailable();
        }

        @Override
        public ProbeResult reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
            throw unavailable();
        }

        @Override
        public void recordRequest(Circuit circuit) {
            throw unavailable();
        }

        @Override
        public Totals recordFailure(Circuit circuit) {
            throw unavailable();
        }

        @Override
        public void open(Circuit circuit) {
            throw unavailable();
        }

        @Override
        public void close(Circuit circuit) {
            throw unavailable();
        }

        @Override
        public boolean isInProcess() {
            return true;
        }
    }
}
