package io.github.lasier;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a breaker's store can be used, shared by the sync and async failover stores so that both route calls the
 * same way. After a failure the store is left alone for the retry interval; then exactly one call at a time probes
 * it, and only a successful probe makes it available again (a slow call that started before the outage cannot).
 *
 * <p>The log tells of an outage once: a warning when it starts, an info once the store has been back for a retry
 * interval. A store that fails again sooner (a full Redis answers the probe's read and refuses the next write) is
 * still in the same outage, so a store that flaps logs nothing more than debug lines.
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
    /**
     * When the probe under way loses its claim, or 0 when none is: a probe that never reports (its stage never
     * completes, or an Error escaped it) cannot keep the store from being probed again.
     */
    private final AtomicLong probeClaimEndsAt = new AtomicLong();
    private final long probeClaimNanos;
    /** A warning was logged and no info since. */
    private final AtomicBoolean outageLogged = new AtomicBoolean();
    private volatile long nextProbeAt;
    private volatile long recoveredAt;
    private volatile Throwable lastFailure;

    StoreHealth(String circuitName, long retryNanos, LongSupplier nanoClock) {
        this.circuitName = circuitName;
        this.retryNanos = retryNanos;
        this.nanoClock = nanoClock;
        this.probeClaimNanos = retryNanos + PROBE_CLAIM_SLACK_NANOS;
    }

    /** How much longer than the retry interval a probe may take before another call may probe. */
    private static final long PROBE_CLAIM_SLACK_NANOS = 5_000_000_000L;

    Route route() {
        if (available.get()) {
            return Route.STORE;
        }
        long now = nanoClock.getAsLong();
        if (now - nextProbeAt >= 0) {
            long claim = probeClaimEndsAt.get();
            if ((claim == 0 || now - claim >= 0) && probeClaimEndsAt.compareAndSet(claim, now + probeClaimNanos)) {
                return Route.PROBE;
            }
        }
        return Route.FALLBACK;
    }

    /** Reports a store operation that succeeded on {@code route}. */
    void succeeded(Route route) {
        if (route == Route.PROBE) {
            recoveredAt = nanoClock.getAsLong();
            probeClaimEndsAt.set(0);
            available.set(true);
        } else if (outageLogged.get() && available.get() && backForARetryInterval()
                && outageLogged.compareAndSet(true, false)) {
            LOG.info("Store of circuit '{}' is available again; shared state is used", circuitName);
        }
    }

    private boolean backForARetryInterval() {
        return nanoClock.getAsLong() - recoveredAt >= retryNanos;
    }

    /** Reports a store operation that failed on {@code route}. */
    void failed(Route route, Throwable failure) {
        lastFailure = failure;
        nextProbeAt = nanoClock.getAsLong() + retryNanos;
        if (route == Route.PROBE) {
            probeClaimEndsAt.set(0);
            LOG.debug("Store of circuit '{}' is still unavailable: {}", circuitName, failure.toString());
        }
        if (available.compareAndSet(true, false)) {
            if (outageLogged.get() && !backForARetryInterval()) {
                LOG.debug("Store of circuit '{}' failed again right after it came back: {}", circuitName,
                        failure.toString());
            } else {
                outageLogged.set(true);
                LOG.warn("Store of circuit '{}' is unavailable; asking it again every {} ms, meanwhile: {}",
                        circuitName, retryNanos / 1_000_000, failure.toString());
            }
        }
    }

    /**
     * Reports an operation that ended without telling anything about the store: the calling thread was interrupted
     * while it waited. The store's state is unchanged; a probe's claim is given back for another call.
     */
    void abandoned(Route route) {
        if (route == Route.PROBE) {
            probeClaimEndsAt.set(0);
        }
    }

    /** Whether the start of an outage was logged and its end not yet. */
    boolean isOutageLogged() {
        return outageLogged.get();
    }

    boolean isAvailable() {
        return available.get();
    }

    Throwable lastFailure() {
        return lastFailure;
    }
}
