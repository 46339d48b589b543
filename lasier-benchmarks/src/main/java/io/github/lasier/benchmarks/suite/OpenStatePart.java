package io.github.lasier.benchmarks.suite;

import static io.github.lasier.benchmarks.suite.MarkdownTable.num;
import static io.github.lasier.benchmarks.suite.MarkdownTable.ratio;

import io.github.lasier.benchmarks.OpenStateBenchmark;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/** Part 2: the cost of a call rejected by an open circuit, for each library. */
final class OpenStatePart {

    private static final Map<String, String> THROWS = Map.of(
            "lasier", "`CircuitOpenException`, stack trace never filled",
            "lasierAsync", "failed stage with `CircuitOpenException` (stage not joined)",
            "resilience4jNoStackTrace", "`CallNotPermittedException`, `writableStackTraceEnabled(false)`",
            "resilience4jDefault", "`CallNotPermittedException`, stack trace filled (default)",
            "failsafe", "`CircuitBreakerOpenException`, stack trace always filled (no option)");

    private OpenStatePart() {
    }

    static void run(SuiteRun suite, StringBuilder report, List<Target> targets) throws RunnerException {
        report.append("## 2. Open state: a rejected call\n\n")
                .append("From the call to the caught exception; the protected work never runs.\n\n");
        for (int threads : new int[] {1, 2}) {
            Map<String, Measured> results = suite.run(OpenStateBenchmark.class, threads);
            double resilience4j = results.get("resilience4jNoStackTrace").nanos();
            MarkdownTable table = new MarkdownTable("benchmark", "what is thrown", "ns/op", "± (99.9%)", "B/op",
                    "vs Resilience4j without stack trace");
            for (Measured measured : results.values()) {
                table.row("`" + measured.method() + "`", THROWS.getOrDefault(measured.method(), ""),
                        num(measured.nanos()), num(measured.nanosError()), num(measured.bytesPerOp()),
                        ratio(measured.nanos() / resilience4j));
            }
            report.append("### ").append(threads).append(threads == 1 ? " thread" : " threads").append("\n\n")
                    .append(table.render()).append('\n');
            targets.add(Target.atMost("`lasier` rejection at " + threads + "T vs a third of Resilience4j's ("
                    + num(resilience4j) + " ns)", results.get("lasier").nanos(), resilience4j / 3, "ns"));
        }
    }
}
