package io.github.lasier;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A call's permission to run, from a breaker's {@code acquirePermission()}: hand it back with exactly one of the
 * breaker's {@code onSuccess}, {@code onResult} or {@code onError} when the call has ended. It knows whether the call
 * is a half-open probe holding a lease in the store, and when the call started, for rules that count slow calls. A
 * permit handed back a second time is refused with an {@link IllegalStateException}: one call is one outcome.
 */
public final class Permit {

    private static final AtomicIntegerFieldUpdater<Permit> REPORTED =
            AtomicIntegerFieldUpdater.newUpdater(Permit.class, "reported");

    private final long probeToken;
    private final long startNanos;
    /** 1 once the call's outcome was reported: it counts once, however often the permit is handed back. */
    private volatile int reported;

    Permit(long probeToken, long startNanos) {
        this.probeToken = probeToken;
        this.startNanos = startNanos;
    }

    /** Whether the call is a probe of a half-open circuit: its outcome decides whether the circuit closes. */
    public boolean isProbe() {
        return probeToken != BreakerCore.NOT_A_PROBE;
    }

    /**
     * The probe token to report the call's outcome with, once. A second report would count one call twice: two
     * failures of one call could open a circuit, and a probe's lease, which stays in the store after a success is
     * counted, would count the same success twice and close the circuit on fewer successful probes than required.
     *
     * @throws IllegalStateException when this permit's outcome was already reported
     */
    long probeTokenToReport() {
        if (!REPORTED.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("a permit is handed back once; this one was already: " + this);
        }
        return probeToken;
    }

    long startNanos() {
        return startNanos;
    }

    @Override
    public String toString() {
        return isProbe() ? "Permit{probe}" : "Permit{call}";
    }
}
