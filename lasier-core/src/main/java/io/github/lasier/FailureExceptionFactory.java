package io.github.lasier;

import java.time.Duration;

/**
 * Makes the exception a breaker throws when its circuit is open, and when a failure has just opened it. The
 * default makes a {@link CircuitOpenException}.
 */
@FunctionalInterface
public interface FailureExceptionFactory {

    /**
     * @param circuitName the circuit's name
     * @param openFor     how long the circuit stays open, or {@code null} when the store cannot tell
     * @param cause       the failure that just opened the circuit, or {@code null} for a call rejected without running
     * @return the exception to throw; never {@code null}
     */
    RuntimeException create(String circuitName, Duration openFor, Throwable cause);

    /**
     * The exception for a call rejected because the circuit is half-open and every probe it permits is in flight.
     * Default: {@code create(circuitName, null, null)}, as for an open circuit whose remaining time is unknown; the
     * default factory makes a {@link CircuitOpenException} that {@linkplain CircuitOpenException#isHalfOpen() says so}.
     *
     * @param circuitName the circuit's name
     * @return the exception to throw; never {@code null}
     */
    default RuntimeException createHalfOpenRejection(String circuitName) {
        return create(circuitName, null, null);
    }
}
