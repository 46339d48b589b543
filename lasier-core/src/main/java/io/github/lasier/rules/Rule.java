package io.github.lasier.rules;

import java.time.Duration;

/**
 * Decides when a circuit opens. A rule is a pure decision: it does no I/O and reads no clock.
 *
 * <p>A rule names the counters it needs. The failure counter is always kept; the request counter only when
 * {@link #requestKey()} is not {@code null}. The breaker keeps both counters in the store, under exactly these
 * keys, so every instance of a service (and Lasier for Python) sharing the store shares the counts.
 *
 * <p>Implementations must be thread-safe; the breaker calls them from every thread that uses it.
 */
public interface Rule {

    /** The store key of the failure counter. Also names the circuit's open flag: {@code circuit_<failureKey>}. */
    String failureKey();

    /** The store key of the request counter, or {@code null} when this rule does not need requests counted. */
    default String requestKey() {
        return null;
    }

    /**
     * Whether the circuit should open, given the counters' current totals.
     *
     * @param totalFailures failures counted in the current window, including the one just recorded
     * @param totalRequests requests counted in the current window ({@code 0} when the rule counts none)
     */
    boolean shouldOpen(long totalFailures, long totalRequests);

    /** Whether failures are counted (Lasier's {@code should_increase_failure_count}). */
    default boolean countsFailures() {
        return failureKey() != null;
    }

    /** Whether requests are counted (Lasier's {@code should_increase_request_count}). */
    default boolean countsRequests() {
        return requestKey() != null;
    }

    /**
     * Called after a failure was counted, with the totals the rule is about to be asked about. Lasier logs the
     * totals here; the default does nothing.
     */
    default void onFailureCounted(long totalFailures, long totalRequests) {
    }

    /** How the counters are kept: Lasier's fixed window unless the rule says otherwise. */
    default Counting counting() {
        return Counting.fixedWindow();
    }

    /**
     * A call that takes longer than this counts as a failure, even when it returned normally; {@code null} (the
     * default) when the duration of calls does not matter. The breaker measures calls only when it is not null.
     */
    default Duration slowCallThreshold() {
        return null;
    }

    /**
     * Whether an exception the breaker catches counts as a failure. Default {@code true}; a rule that counts only slow
     * calls says {@code false}, and exceptions then count as requests.
     */
    default boolean countsExceptions() {
        return true;
    }
}
