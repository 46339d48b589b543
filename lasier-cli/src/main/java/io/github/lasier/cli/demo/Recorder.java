package io.github.lasier.cli.demo;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Collects every call's outcome, per second and for the whole run. Calls end on many threads; a lock is cheap at the
 * demo's few hundred calls a second and keeps the per-second and total counts consistent with each other.
 *
 * <p>A second's outcomes are the calls that ended in it. What shows the circuit half-open (a probe let through, a
 * call refused because every probe lease was taken) counts in the second the call started instead: a probe may end
 * half a second later, after another probe's failure opened the circuit again, and must not make that second look
 * half-open.
 */
final class Recorder {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final long slowCallNanos;

    private final LatencySample tickLatencies = new LatencySample();
    private long tickCalls;
    private long tickSuccesses;
    private long tickSlow;
    private long tickFailures;
    private long tickRejections;
    /** By the second they started in (nanoseconds since the start / 1 s); taken when that second's row is made. */
    private final NavigableMap<Long, Long> probeStarts = new TreeMap<>();
    private final NavigableMap<Long, Long> refusalsForProbes = new TreeMap<>();
    /** Seconds before this one have had their row. */
    private long firstOpenSecond;

    private long calls;
    private long successes;
    private long slowCalls;
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

    /** @param slowCallNanos the rule's slow-call threshold; {@link Long#MAX_VALUE} when it counts no slow calls */
    Recorder(long slowCallNanos) {
        this.slowCallNanos = slowCallNanos;
    }

    /** A call was let through as a probe, {@code atNanos} after the start. */
    synchronized void probeStarted(long atNanos) {
        countIn(probeStarts, atNanos);
    }

    /**
     * @param ended          how the call ended, and whether it was a probe
     * @param startedAtNanos when the call started, after the start of the run
     * @param latencyNanos   how long the caller waited
     * @param health         how the service behaved when the call ended
     */
    synchronized void record(GuardedCall.Ended ended, long startedAtNanos, long latencyNanos, Health health) {
        Throwable thrown = ended.thrown();
        Outcome outcome = Outcome.of(ended, slowCallNanos);
        calls++;
        tickCalls++;
        tickLatencies.add(latencyNanos);
        if (ended.probe()) {
            probes++;
            if (outcome == Outcome.SUCCESS) {
                probeSuccesses++;
            } else if (outcome.countsAsFailure()) {
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
            case SLOW -> {
                // A failure to the breaker but an answer to the caller (unless it opened the circuit): not among the
                // failed calls, whose latency estimates the time saved.
                slowCalls++;
                tickSlow++;
                if (Outcome.openedCircuit(thrown)) {
                    opensCausedHere++;
                }
            }
            case REJECTED -> {
                rejections++;
                tickRejections++;
                if (health == Health.FAILING) {
                    rejectionsWhileFailing++;
                }
                if (Outcome.rejectedWhileProbing(thrown)) {
                    rejectionsWhileProbing++;
                    countIn(refusalsForProbes, startedAtNanos);
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

    /**
     * The second that just ended; starts the next one.
     *
     * @param endNanos when it ended, after the start: the probes and refusals of calls that started before count in
     *                 it (the last row takes all with {@link Long#MAX_VALUE})
     */
    synchronized TickStats rollTick(long endNanos) {
        long endSecond = endNanos == Long.MAX_VALUE ? Long.MAX_VALUE : -Math.floorDiv(-endNanos, SECOND_NANOS);
        TickStats stats = new TickStats(tickCalls, tickSuccesses, tickSlow, tickFailures, tickRejections,
                takeBefore(probeStarts, endSecond), takeBefore(refusalsForProbes, endSecond),
                tickLatencies.percentile(50), tickLatencies.percentile(99));
        firstOpenSecond = endSecond;
        tickCalls = 0;
        tickSuccesses = 0;
        tickSlow = 0;
        tickFailures = 0;
        tickRejections = 0;
        tickLatencies.clear();
        return stats;
    }

    private void countIn(NavigableMap<Long, Long> perSecond, long atNanos) {
        long second = atNanos / SECOND_NANOS;
        // Its row is out already (the call reported a few microseconds after the second ended): it cannot show there,
        // and showing it in a later second is what this bookkeeping is for not doing.
        if (second >= firstOpenSecond) {
            perSecond.merge(second, 1L, Long::sum);
        }
    }

    private static long takeBefore(NavigableMap<Long, Long> perSecond, long endSecond) {
        Map<Long, Long> taken = perSecond.headMap(endSecond, false);
        long sum = taken.values().stream().mapToLong(Long::longValue).sum();
        taken.clear();
        return sum;
    }

    /** The probes so far. */
    synchronized ProbeTotals probeTotals() {
        return new ProbeTotals(probes, probeSuccesses, probeFailures, probeReopens, rejectionsWhileProbing);
    }

    synchronized RunTotals totals() {
        return new RunTotals(calls, successes, slowCalls, serverErrors, timeouts, otherFailures, rejections,
                rejectionsWhileFailing, storeErrors, opensCausedHere, failedCallNanos,
                probeTotals());
    }
}
