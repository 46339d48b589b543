package io.github.lasier.cli.demo;

/**
 * Collects every call's outcome, per second and for the whole run. Calls end on many threads; a lock is cheap at the
 * demo's few hundred calls a second and keeps the per-second and total counts consistent with each other.
 */
final class Recorder {

    private final LatencySample tickLatencies = new LatencySample();
    private long tickCalls;
    private long tickSuccesses;
    private long tickFailures;
    private long tickRejections;
    private long tickProbes;
    private long tickRejectionsWhileProbing;

    private long calls;
    private long successes;
    private long serverErrors;
    private long timeouts;
    private long otherFailures;
    private long rejections;
    private long rejectionsWhileFailing;
    private long rejectionsWhileProbing;
    private long storeErrors;
    private long opensCausedHere;
    private long failedCallNanos;
    private long probes;
    private long probeSuccesses;
    private long probeFailures;
    private long probeReopens;

    /**
     * @param ended        how the call ended, and whether it was a probe
     * @param latencyNanos how long the caller waited
     * @param health       how the service behaved when the call ended
     */
    synchronized void record(GuardedCall.Ended ended, long latencyNanos, Health health) {
        Throwable thrown = ended.thrown();
        Outcome outcome = Outcome.of(thrown);
        calls++;
        tickCalls++;
        tickLatencies.add(latencyNanos);
        if (ended.probe()) {
            probes++;
            tickProbes++;
            if (outcome == Outcome.SUCCESS) {
                probeSuccesses++;
            } else if (outcome.isFailure()) {
                probeFailures++;
                if (Outcome.openedCircuit(thrown)) {
                    probeReopens++;
                }
            }
        }
        switch (outcome) {
            case SUCCESS -> {
                successes++;
                tickSuccesses++;
            }
            case REJECTED -> {
                rejections++;
                tickRejections++;
                if (health == Health.FAILING) {
                    rejectionsWhileFailing++;
                }
                if (Outcome.rejectedWhileProbing(thrown)) {
                    rejectionsWhileProbing++;
                    tickRejectionsWhileProbing++;
                }
            }
            case STORE_ERROR -> storeErrors++;
            default -> {
                tickFailures++;
                failedCallNanos += latencyNanos;
                switch (outcome) {
                    case SERVER_ERROR -> serverErrors++;
                    case TIMEOUT -> timeouts++;
                    default -> otherFailures++;
                }
                if (Outcome.openedCircuit(thrown)) {
                    opensCausedHere++;
                }
            }
        }
    }

    /** The second that just ended; starts the next one. */
    synchronized TickStats rollTick() {
        TickStats stats = new TickStats(tickCalls, tickSuccesses, tickFailures, tickRejections, tickProbes,
                tickRejectionsWhileProbing, tickLatencies.percentile(50), tickLatencies.percentile(99));
        tickCalls = 0;
        tickSuccesses = 0;
        tickFailures = 0;
        tickRejections = 0;
        tickProbes = 0;
        tickRejectionsWhileProbing = 0;
        tickLatencies.clear();
        return stats;
    }

    /** The probes so far. */
    synchronized ProbeTotals probeTotals() {
        return new ProbeTotals(probes, probeSuccesses, probeFailures, probeReopens, rejectionsWhileProbing);
    }

    synchronized RunTotals totals() {
        return new RunTotals(calls, successes, serverErrors, timeouts, otherFailures, rejections,
                rejectionsWhileFailing, storeErrors, opensCausedHere, failedCallNanos,
                probeTotals());
    }
}
