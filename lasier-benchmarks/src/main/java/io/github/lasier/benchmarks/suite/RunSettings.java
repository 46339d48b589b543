package io.github.lasier.benchmarks.suite;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long and how often each benchmark runs. One set of settings for every benchmark of a suite run, so that the
 * libraries compared are measured alike.
 *
 * @param forks             JVM forks per benchmark
 * @param warmupIterations  warm-up iterations per fork
 * @param iterations        measured iterations per fork
 * @param iterationSeconds  length of each warm-up and measured iteration
 */
record RunSettings(int forks, int warmupIterations, int iterations, int iterationSeconds) {

    /** Short but meaningful on a small, shared machine: about 10 s per benchmark. */
    static final RunSettings DEFAULT = new RunSettings(1, 3, 5, 1);

    RunSettings {
        requireAtLeast("forks", forks, 1);
        requireAtLeast("warmupIterations", warmupIterations, 0);
        requireAtLeast("iterations", iterations, 1);
        requireAtLeast("iterationSeconds", iterationSeconds, 1);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got: " + value);
        }
    }

    /** JMH options for the benchmarks matching {@code include}, at {@code threads} threads, with {@code -prof gc}. */
    ChainedOptionsBuilder options(String include, int threads) {
        return new OptionsBuilder()
                .include(include)
                .threads(threads)
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.seconds(iterationSeconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(iterationSeconds))
                .timeUnit(TimeUnit.NANOSECONDS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
    }

    /** The same run as a command line of the benchmarks jar, for readers who run one part by hand. */
    String commandLine(String include, int threads, String extra) {
        return "java -jar lasier-benchmarks/target/benchmarks.jar '" + include + "' -t " + threads + " -f " + forks
                + " -wi " + warmupIterations + " -w " + iterationSeconds + "s -i " + iterations + " -r "
                + iterationSeconds + "s -tu ns -prof gc" + (extra.isEmpty() ? "" : " " + extra);
    }
}
