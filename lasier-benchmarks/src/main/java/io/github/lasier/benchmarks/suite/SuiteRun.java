package io.github.lasier.benchmarks.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/** Runs benchmarks with one set of settings, keeps JMH's JSON results, and remembers the equivalent commands. */
final class SuiteRun {

    private final RunSettings settings;
    private final Path outputDirectory;
    private final List<String> commands = new ArrayList<>();

    SuiteRun(RunSettings settings, Path outputDirectory) {
        this.settings = settings;
        this.outputDirectory = outputDirectory;
    }

    /**
     * Runs the benchmarks of {@code benchmarkClass} at {@code threads} threads.
     *
     * @param jvmArgs extra arguments for the forked JVMs, such as system properties
     * @return the results by benchmark method name, in JMH's order
     */
    Map<String, Measured> run(Class<?> benchmarkClass, int threads, String... jvmArgs) throws RunnerException {
        String include = benchmarkClass.getName().replace(".", "\\.") + "\\.";
        String file = benchmarkClass.getSimpleName() + "-t" + threads + ".json";
        ChainedOptionsBuilder options = settings.options(include, threads)
                .result(outputDirectory.resolve(file).toString())
                .resultFormat(ResultFormatType.JSON);
        if (jvmArgs.length > 0) {
            options.jvmArgsAppend(jvmArgs);
        }
        commands.add(settings.commandLine(benchmarkClass.getSimpleName(), threads,
                jvmArgs.length == 0 ? "" : "-jvmArgsAppend '" + String.join(" ", jvmArgs) + "'")
                + " -rf json -rff " + file);
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Measured> byMethod = new LinkedHashMap<>();
        for (RunResult result : results) {
            Measured measured = Measured.of(result);
            byMethod.put(measured.method(), measured);
        }
        return byMethod;
    }

    /** The JMH command lines equivalent to every run so far. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    Path outputDirectory() {
        return outputDirectory;
    }
}
