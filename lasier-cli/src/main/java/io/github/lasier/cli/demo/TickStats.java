package io.github.lasier.cli.demo;

/**
 * What happened during one second of the demo.
 *
 * @param calls                  calls finished
 * @param successes              of which succeeded
 * @param failures               ran and failed
 * @param rejections             refused at once by the open (or half-open) circuit
 * @param probes                 calls that ran as probes of the half-open circuit, whatever their outcome
 * @param rejectionsWhileProbing of the rejections, those refused because every probe was in flight
 * @param p50Nanos               median latency the callers saw, rejections included; -1 without calls
 * @param p99Nanos               99th percentile of the same
 */
public record TickStats(long calls, long successes, long failures, long rejections, long probes,
        long rejectionsWhileProbing, long p50Nanos, long p99Nanos) {

    /** Whether anything this second shows the circuit was half-open: a probe ran, or a call was refused for one. */
    public boolean sawHalfOpen() {
        return probes > 0 || rejectionsWhileProbing > 0;
    }
}
