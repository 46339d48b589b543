package io.github.lasier.cli.demo;

/**
 * Counts over the whole run.
 *
 * @param calls                  calls finished
 * @param successes              succeeded
 * @param slowCalls              answered later than the slow-call threshold, so counted as failures by the breaker;
 *                               not among the failures, which the caller saw fail
 * @param serverErrors           failed with a server error
 * @param timeouts               failed by timing out
 * @param otherFailures          failed otherwise
 * @param rejections             refused by the open circuit
 * @param rejectionsWhileFailing of which while this run's service was failing: calls it was spared
 * @param storeErrors            refused because the store failed
 * @param opensCausedHere        failures of this run that opened the circuit
 * @param failedCallNanos        total latency of the failed calls
 * @param probes                 what the half-open state did (all zero without it)
 */
public record RunTotals(long calls, long successes, long slowCalls, long serverErrors, long timeouts, long otherFailures,
        long rejections, long rejectionsWhileFailing, long storeErrors, long opensCausedHere, long failedCallNanos,
        ProbeTotals probes) {

    /** Calls that ran and failed. */
    public long failures() {
        return serverErrors + timeouts + otherFailures;
    }

    /** Mean latency of a failed call, or -1 when none failed. */
    public long meanFailedCallNanos() {
        return failures() == 0 ? -1 : failedCallNanos / failures();
    }
}
