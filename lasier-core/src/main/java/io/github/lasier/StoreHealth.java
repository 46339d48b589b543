package io.github.lasier;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a breaker's store can be used, shared by the sync and async failover stores so that both route calls the
 * same way. After a failure the store is left alone for the retry interval; then exactly one call at a time probes
 * it, and only a successful probe makes it available again (a slow call that started before the outage cannot).
 */
final class StoreHealth {

    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);

    /** Where one store operation goes. */
    enum Route {
        /** The store is available: use it. */
        STORE,
        /** The store was unavailable and this call probes it. */
        PROBE,
        /** The store is unavailable: use the fallback. */
        FALLBACK
    }

    private final String circuitName;
    private final long retryNanos;
    private final LongSupplier nanoClock;
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long nextProbeAt;
    private volatile Throwable lastFailure;

    StoreHealth(String circuitName, long retryNanos, LongSupplier nanoClock) {
        this.circuitName = circuitName;
        this.retryNanos = retryNanos;
        this.nanoClock = nanoClock;
    }

    Route route() {
        if (available.get()) {
            return Route.STORE;
        }
        if (nanoClock.getAsLong() - nextProbeAt >= 0 && probing.compareAndSet(false, true)) {
            return Route.PROBE;
        }
        return Route.FALLBACK;
    }

    /** Reports a store operation that succeeded on {@code route}. */
    void succeeded(Route route) {
        if (route == Route.PROBE) {
            probing.set(false);
            if (available.compareAndSet(false, true)) {
                LOG.info("Store of circuit '{}' is available again; shared state is used from now on", circuitName);
            }
        }
    }

    /** Reports a store operation that failed on {@code route}. */
    void failed(Route route, Throwable failure) {
        lastFailure = failure;
        nextProbeAt = nanoClock.getAsLong() + retryNanos;
        if (route == Route.PROBE) {
            probing.set(false);
            LOG.debug("Store of circuit '{}' is still unavailable: {}", circuitName, failure.toString());
        }
        if (available.compareAndSet(true, false)) {
            LOG.warn("Store of circuit '{}' is unavailable; asking it again every {} ms, meanwhile: {}", circuitName,
                    retryNanos / 1_000_000, failure.toString());
        }
    }

    boolean isAvailable() {
        return available.get();
    }

    Throwable lastFailure() {
        return lastFailure;
    }
}
