package io.github.lasier;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown instead of calling when a circuit is open, and instead of the original exception when a failure has just
 * opened the circuit (the original exception is then the cause).
 *
 * <p>Its stack trace is not filled: a rejection is an expected, frequent event whose place in the code says nothing
 * new, and filling the trace would make every rejected call many times dearer. The cause, when there is one, keeps
 * its own trace.
 */
public class CircuitOpenException extends RuntimeException {

    private final String circuitName;
    private final Duration openFor;
    private final boolean halfOpen;

    /**
     * @param circuitName the circuit's name
     * @param openFor     how long the circuit stays open, or {@code null} when the store cannot tell
     * @param cause       the failure that opened the circuit, a {@link StoreUnavailableException} when the call was
     *                    rejected because the store is unavailable under the fail-closed policy, or {@code null}
     *                    for a call rejected without running
     */
    public CircuitOpenException(String circuitName, Duration openFor, Throwable cause) {
        this(circuitName, openFor, cause, false);
    }

    private CircuitOpenException(String circuitName, Duration openFor, Throwable cause, boolean halfOpen) {
        super(null, cause, false, false);
        this.circuitName = circuitName;
        this.openFor = openFor;
        this.halfOpen = halfOpen;
    }

    /**
     * The rejection of a call while the circuit is half-open and every probe it permits is in flight.
     *
     * @param circuitName the circuit's name
     */
    public static CircuitOpenException halfOpen(String circuitName) {
        return new CircuitOpenException(circuitName, null, null, true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Built when asked for, not when thrown: most rejections are caught and never printed, and building the text
     * for each would cost a rejected call more than everything else it does.
     */
    @Override
    public String getMessage() {
        Throwable cause = getCause();
        if (cause instanceof StoreUnavailableException) {
            return "Circuit '" + circuitName + "' rejects calls: its store is unavailable (fail-closed policy)";
        }
        if (halfOpen) {
            return "Circuit '" + circuitName + "' is half-open: every probe it permits is in flight";
        }
        String state = cause == null ? "Circuit '" + circuitName + "' is open" : "Circuit '" + circuitName + "' opened";
        return openFor == null ? state : state + " for " + openFor.toMillis() + " ms";
    }

    /** The circuit's name. */
    public String circuitName() {
        return circuitName;
    }

    /**
     * Whether the call was rejected because the circuit is half-open and every probe it permits is in flight (the
     * circuit may close soon), rather than because it is open.
     */
    public boolean isHalfOpen() {
        return halfOpen;
    }

    /** How long the circuit stays open, when the store knows it. */
    public Optional<Duration> openFor() {
        return Optional.ofNullable(openFor);
    }
}
