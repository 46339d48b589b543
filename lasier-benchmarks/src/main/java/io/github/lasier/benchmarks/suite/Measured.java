package io.github.lasier.benchmarks.suite;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One benchmark's numbers, taken out of JMH's result.
 *
 * @param method      the benchmark method's name
 * @param threads     benchmark threads, all calling one shared breaker
 * @param nanos       mean time per call, ns
 * @param nanosError  half-width of the 99.9% confidence interval of {@code nanos}, ns ({@code NaN} if unknown)
 * @param bytesPerOp  bytes allocated per call ({@code -prof gc}'s {@code gc.alloc.rate.norm})
 * @param p50Nanos    median time per call, ns, when the benchmark sampled single calls; else {@code NaN}
 * @param p99Nanos    99th percentile, ns, when sampled; else {@code NaN}
 */
record Measured(String method, int threads, double nanos, double nanosError, double bytesPerOp, double p50Nanos,
        double p99Nanos) {

    static Measured of(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        Result<?> primary = run.getPrimaryResult();
        double toNanos = nanosPer(primary.getScoreUnit());
        Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
        boolean sampled = run.getParams().getMode() == Mode.SampleTime;
        return new Measured(method, run.getParams().getThreads(), primary.getScore() * toNanos,
                primary.getScoreError() * toNanos, allocation == null ? Double.NaN : allocation.getScore(),
                sampled ? primary.getStatistics().getPercentile(50) * toNanos : Double.NaN,
                sampled ? primary.getStatistics().getPercentile(99) * toNanos : Double.NaN);
    }

    private static double nanosPer(String unit) {
        switch (unit) {
            case "ns/op":
                return 1;
            case "us/op":
                return 1_000;
            case "ms/op":
                return 1_000_000;
            default:
                throw new IllegalArgumentException("unexpected score unit: " + unit);
        }
    }

    /** Calls per second of all threads together: in a closed loop, threads over the mean time per call. */
    double callsPerSecond() {
        return threads * 1e9 / nanos;
    }
}
