package io.github.lasier;

/**
 * A call's permission to run, from a breaker's {@code acquirePermission()}: hand it back with exactly one of the
 * breaker's {@code onSuccess}, {@code onResult} or {@code onError} when the call has ended. It knows whether the call
 * is a half-open probe holding a lease in the store, and when the call started, for rules that count slow calls.
 */
public final class Permit {

    private final long probeToken;
    private final long startNanos;

    Permit(long probeToken, long startNanos) {
        this.probeToken = probeToken;
        this.startNanos = startNanos;
    }

    /** Whether the call is a probe of a half-open circuit: its outcome decides whether the circuit closes. */
    public boolean isProbe() {
        return probeToken != BreakerCore.NOT_A_PROBE;
    }

    long probeToken() {
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
