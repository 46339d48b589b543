package io.github.lasier.cli.demo;

/**
 * What happened during one second of the demo.
 *
 * @param calls      calls finished
 * @param successes  of which succeeded
 * @param failures   ran and failed
 * @param rejections refused at once by the open circuit
 * @param p50Nanos   median latency the callers saw, rejections included; -1 without calls
 * @param p99Nanos   99th percentile of the same
 */
public record TickStats(long calls, long successes, long failures, long rejections, long p50Nanos, long p99Nanos) {
}
