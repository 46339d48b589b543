package io.github.lasier.benchmarks.suite;

import static io.github.lasier.benchmarks.suite.MarkdownTable.num;
import static io.github.lasier.benchmarks.suite.MarkdownTable.ratio;
import static io.github.lasier.benchmarks.suite.MarkdownTable.whole;

import io.github.lasier.benchmarks.RedisBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/** Part 3: the breakers on the Redis store, beside Lasier's command pattern on the same connection. */
final class RedisPart {

    private static final int[] CALLERS = {1, 2, 8};
    /** The Redis store issue's bound on round trips for a successful call. */
    private static final double MAX_COMMANDS_PER_SUCCESS = 2;
    private static final List<String> SUCCESSES = List.of("lasierMaxFailures", "lasierPercentage",
            "lasierAsyncMaxFailures", "lasierAsyncPercentage");

    private RedisPart() {
    }

    static void run(SuiteRun suite, String redisUri, StringBuilder report, List<Target> targets)
            throws RunnerException, IOException {
        Path countsFile = suite.outputDirectory().resolve("redis-command-counts.tsv");
        Files.deleteIfExists(countsFile);
        List<Map<String, Measured>> runs = new ArrayList<>();
        for (int callers : CALLERS) {
            runs.add(suite.run(RedisBenchmark.class, callers, "-D" + RedisBenchmark.URI_PROPERTY + "=" + redisUri,
                    "-D" + RedisBenchmark.COUNTS_PROPERTY + "=" + countsFile.toAbsolutePath()));
        }
        CommandCounts counts = CommandCounts.read(countsFile);

        report.append("## 3. Redis store\n\n")
                .append("A real `redis-server` on loopback. Each caller is one benchmark thread waiting for its call; "
                        + "all callers share one breaker and one Lettuce connection. Latency from JMH's sample mode; "
                        + "throughput = callers / mean latency. Round trips per call = commands received from "
                        + "clients, counted by the server's `MONITOR` feed over " + 500 + " calls before timing "
                        + "(script-internal commands apart); server commands per call = every command the server ran "
                        + "(`INFO commandstats`, including those inside scripts) over the whole trial.\n\n");
        for (int i = 0; i < CALLERS.length; i++) {
            int callers = CALLERS[i];
            Map<String, Measured> results = runs.get(i);
            double patternThroughput = results.get("lasierPattern").callsPerSecond();
            double patternFailingThroughput = results.get("lasierPatternFailing").callsPerSecond();
            MarkdownTable table = new MarkdownTable("benchmark", "mean µs", "p50 µs", "p99 µs", "calls/s",
                    "vs Lasier pattern", "round trips/call", "in scripts/call", "server commands/call", "B/op");
            for (Measured measured : results.values()) {
                CommandCounts.Count count = counts.of(measured.method(), callers);
                boolean failing = measured.method().endsWith("Failing");
                double versus = measured.callsPerSecond() / (failing ? patternFailingThroughput : patternThroughput);
                table.row("`" + measured.method() + "`", num(measured.nanos() / 1000),
                        num(measured.p50Nanos() / 1000), num(measured.p99Nanos() / 1000),
                        whole(measured.callsPerSecond()), ratio(versus),
                        count == null ? "n/a" : num2(count.clientPerCall()),
                        count == null ? "n/a" : num2(count.scriptPerCall()),
                        count == null ? "n/a" : num2(count.serverPerCall()), num(measured.bytesPerOp()));
            }
            report.append("### ").append(callers).append(callers == 1 ? " caller" : " callers").append("\n\n")
                    .append(table.render()).append('\n');
            targets.add(Target.atLeast("Redis sync `lasierPercentage` throughput at " + callers
                    + " callers vs 3x the Lasier pattern's (" + whole(patternThroughput) + " calls/s)",
                    results.get("lasierPercentage").callsPerSecond(), 3 * patternThroughput, "calls/s"));
            targets.add(Target.atLeast("Redis sync `lasierMaxFailures` throughput at " + callers
                    + " callers vs 3x the Lasier pattern's (" + whole(patternThroughput) + " calls/s)",
                    results.get("lasierMaxFailures").callsPerSecond(), 3 * patternThroughput, "calls/s"));
        }
        report.append("Per-command breakdown (server commands per call over the trial, at 1 caller):\n\n");
        for (String method : runs.get(0).keySet()) {
            CommandCounts.Count count = counts.of(method, 1);
            report.append("- `").append(method).append("`: ")
                    .append(count == null ? "n/a" : count.breakdown()).append('\n');
        }
        report.append('\n');
        for (String success : SUCCESSES) {
            CommandCounts.Count count = counts.of(success, 1);
            if (count != null) {
                targets.add(Target.atMost("round trips per successful call, `" + success + "`", count.clientPerCall(),
                        MAX_COMMANDS_PER_SUCCESS, "commands"));
            }
        }
    }

    private static String num2(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
