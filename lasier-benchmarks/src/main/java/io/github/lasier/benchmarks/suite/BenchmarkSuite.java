package io.github.lasier.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs every part of the benchmarks with one set of settings and writes the tables, the targets and the equivalent
 * JMH commands to {@code tables.md} in the output directory (JMH's JSON results go beside it). {@code bench/run.sh}
 * builds the jar, starts a Redis for part 3 and runs this.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.lasier.benchmarks.suite.BenchmarkSuite --out DIR
 *     [--redis-uri redis://127.0.0.1:PORT] [--parts closed,open,redis]
 *     [--forks 1] [--warmup-iterations 3] [--iterations 5] [--iteration-seconds 1]
 * </pre>
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path out = null;
        String redisUri = null;
        Set<String> parts = new LinkedHashSet<>(List.of("closed", "open", "redis"));
        int forks = RunSettings.DEFAULT.forks();
        int warmupIterations = RunSettings.DEFAULT.warmupIterations();
        int iterations = RunSettings.DEFAULT.iterations();
        int iterationSeconds = RunSettings.DEFAULT.iterationSeconds();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(required(args[i], value));
                case "--redis-uri" -> redisUri = required(args[i], value);
                case "--parts" -> parts = new LinkedHashSet<>(List.of(required(args[i], value).split(",")));
                case "--forks" -> forks = number(args[i], value);
                case "--warmup-iterations" -> warmupIterations = number(args[i], value);
                case "--iterations" -> iterations = number(args[i], value);
                case "--iteration-seconds" -> iterationSeconds = number(args[i], value);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            i++;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        for (String part : parts) {
            if (!List.of("closed", "open", "redis").contains(part)) {
                throw new IllegalArgumentException("--parts takes closed, open, redis; got: " + part);
            }
        }
        if (parts.contains("redis") && redisUri == null) {
            throw new IllegalArgumentException("the redis part needs --redis-uri redis://127.0.0.1:PORT");
        }
        Files.createDirectories(out);
        SuiteRun suite = new SuiteRun(new RunSettings(forks, warmupIterations, iterations, iterationSeconds), out);

        StringBuilder report = new StringBuilder();
        List<Target> targets = new ArrayList<>();
        String loadBefore = Machine.loadAverage();
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        if (parts.contains("closed")) {
            ClosedStatePart.run(suite, report, targets);
        }
        if (parts.contains("open")) {
            OpenStatePart.run(suite, report, targets);
        }
        if (parts.contains("redis")) {
            RedisPart.run(suite, redisUri, report, targets);
        }
        OffsetDateTime finished = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);

        StringBuilder document = new StringBuilder()
                .append("# Benchmark run ").append(started).append(" to ").append(finished).append("\n\n")
                .append(Machine.describe()).append("- load average (1, 5, 15 min) before: ").append(loadBefore)
                .append(", after: ").append(Machine.loadAverage()).append("\n\n")
                .append(report)
                .append("## Targets\n\n");
        targets.forEach(target -> document.append(target.render()).append('\n'));
        document.append("\n## Equivalent JMH commands\n\n```\n");
        suite.commands().forEach(command -> document.append(command).append('\n'));
        document.append("```\n");
        Path tables = out.resolve("tables.md");
        Files.writeString(tables, document);
        System.out.println("\nTables written to " + tables);
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(required(name, value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got: " + value, e);
        }
    }
}
