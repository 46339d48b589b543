package io.github.lasier;

/**
 * A call that returns a value and may throw a checked exception, which the breaker lets through unchanged.
 *
 * @param <T> the result
 * @param <E> the checked exception the call may throw
 */
@FunctionalInterface
public interface CheckedSupplier<T, E extends Exception> {

    /** Runs the call. */
    T get() throws E;
}
