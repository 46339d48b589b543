package io.github.lasier.cli.demo;

import io.github.lasier.cli.Json;
import java.time.Duration;
import java.util.List;

/**
 * The end of a demo run: what the breaker did and what it spared the failing service.
 *
 * @param durationNanos      how long the run lasted
 * @param totals             the calls' outcomes
 * @param openedAtNanos      when the circuit was seen opening
 * @param closedAtNanos      when it was seen closing
 * @param timeline           the circuit's states from start to end
 * @param servedWhileFailing requests the service received while failing
 * @param halfOpenAtNanos    when it was seen half-open; {@code null} when the breakers have no half-open state
 * @param slowCall           the rule's slow-call threshold; {@code null} when it counts no slow calls
 */
public record Summary(long durationNanos, RunTotals totals, List<Long> openedAtNanos, List<Long> closedAtNanos,
        List<StateTracker.Segment> timeline, long servedWhileFailing, List<Long> halfOpenAtNanos, Duration slowCall) {

    /** Whether the breakers had the half-open state. */
    public boolean halfOpen() {
        return halfOpenAtNanos != null;
    }

    /** Rejections while the service was failing: calls that would have hit it. */
    public long spared() {
        return totals.rejectionsWhileFailing();
    }

    /** Rejections while the service was healthy: the price of waiting out the circuit timeout. */
    public long rejectedWhileHealthy() {
        return totals.rejections() - totals.rejectionsWhileFailing();
    }

    /**
     * Caller time not spent waiting on the failing service: each spared call would have taken about as long as the
     * failed calls did. -1 when no call failed in this run, so there is nothing to estimate from.
     */
    public long timeSavedNanos() {
        long mean = totals.meanFailedCallNanos();
        return mean < 0 ? -1 : mean * spared();
    }

    /** The summary as one JSON object, for scripts and tests. */
    public String toJson() {
        long mean = totals.meanFailedCallNanos();
        long saved = timeSavedNanos();
        Json.Obj json = new Json.Obj()
                .put("durationSeconds", seconds(durationNanos))
                .put("calls", totals.calls())
                .put("successes", totals.successes());
        if (slowCall != null) {
            json.put("slowCalls", totals.slowCalls());
        }
        json.put("failures", totals.failures())
                .put("serverErrors", totals.serverErrors())
                .put("timeouts", totals.timeouts())
                .put("otherFailures", totals.otherFailures())
                .put("rejections", totals.rejections())
                .put("spared", spared())
                .put("rejectedWhileHealthy", rejectedWhileHealthy())
                .put("storeErrors", totals.storeErrors())
                .put("opensCausedHere", totals.opensCausedHere())
                .put("servedWhileFailing", servedWhileFailing)
                .put("meanFailedCallMillis", mean < 0 ? null : mean / 1e6)
                .put("timeSavedSeconds", saved < 0 ? null : seconds(saved))
                .put("openedAtSeconds", openedAtNanos.stream().map(Summary::seconds).toList())
                .put("closedAtSeconds", closedAtNanos.stream().map(Summary::seconds).toList())
                .put("timeline", timeline.stream().map(segment -> new Json.Obj()
                        .put("state", segment.state().jsonName())
                        .put("fromSeconds", seconds(segment.fromNanos()))
                        .put("toSeconds", seconds(segment.toNanos()))).toList());
        if (halfOpen()) {
            ProbeTotals probes = totals.probes();
            json.put("probes", probes.probes())
                    .put("probeSuccesses", probes.succeeded())
                    .put("probeFailures", probes.failed())
                    .put("probeReopens", probes.reopened())
                    .put("rejectedWhileProbing", probes.rejectedWhileProbing())
                    .put("halfOpenAtSeconds", halfOpenAtNanos.stream().map(Summary::seconds).toList());
        }
        return json.toString();
    }

    private static Double seconds(long nanos) {
        return nanos / 1e9;
    }
}
