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

    /**
     * @param circuitName the circuit's name
     * @param openFor     how long the circuit stays open, or {@code null} when the store cannot tell
     * @param cause       the failure that opened the circuit, a {@link StoreUnavailableException} when the call was
     *                    rejected because the store is unavailable under the fail-closed policy, or {@code null}
     *                    for a call rejected without running
     */
    public CircuitOpenException(String circuitName, Duration openFor, Throwable cause) {
        super(message(circuitName, openFor, cause), cause, false, false);
        this.circuitName = circuitName;
        this.openFor = openFor;
    }

    private static String message(String circuitName, Duration openFor, Throwable cause) {
        if (cause instanceof StoreUnavailableException) {
            return "Circuit '" + circuitName + "' rejects calls: its store is unavailable (fail-closed policy)";
        }
        String state = cause == null ? "Circuit '" + circuitName + "' is open" : "Circuit '" + circuitName + "' opened";
        return openFor == null ? state : state + " for " + openFor.toMillis() + " ms";
    }

    /** The circuit's name. */
    public String circuitName() {
        return circuitName;
    }

    /** How long the circuit stays open, when the store knows it. */
    public Optional<Duration> openFor() {
        return Optional.ofNullable(openFor);
    }
}
