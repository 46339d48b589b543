package io.github.lasier.store;

/**
 * The counters' values right after a failure was recorded.
 *
 * @param failures failures in the current window
 * @param requests requests in the current window; 0 when requests are not counted
 */
public record Totals(long failures, long requests) {
}
