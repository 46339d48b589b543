package io.github.lasier;

/**
 * A call without result that may throw a checked exception, which the breaker lets through unchanged.
 *
 * @param <E> the checked exception the call may throw
 */
@FunctionalInterface
public interface CheckedRunnable<E extends Exception> {

    /** Runs the call. */
    void run() throws E;
}
