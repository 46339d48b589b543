package io.github.lasier.cli.demo;

/**
 * What happened during one second of the demo.
 *
 * @param calls                  calls finished
 * @param successes              of which succeeded
 * @param slow                   of which were answered later than the slow-call threshold: failures to the breaker
 * @param failures               ran and failed
 * @param rejections             refused at once by the open (or half-open) circuit
 * @param probes                 calls that started as probes of the half-open circuit this second, whatever their
 *                               outcome and whenever they ended
 * @param rejectionsWhileProbing calls that started this second and were refused because every probe lease of the
 *                               half-open circuit was taken
 * @param p50Nanos               median latency the callers saw, rejections included; -1 without calls
 * @param p99Nanos               99th percentile of the same
 */
public record TickStats(long calls, long successes, long slow, long failures, long rejections, long probes,
        long rejectionsWhileProbing, long p50Nanos, long p99Nanos) {

    /**
     * Whether a call that started this second shows the circuit was half-open then: it was let through as a probe, or
     * refused for want of a probe lease.
     */
    public boolean sawHalfOpen() {
        return probes > 0 || rejectionsWhileProbing > 0;
    }
}
