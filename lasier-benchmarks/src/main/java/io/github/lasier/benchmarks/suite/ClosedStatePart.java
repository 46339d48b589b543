package io.github.lasier.benchmarks.suite;

import static io.github.lasier.benchmarks.suite.MarkdownTable.num;
import static io.github.lasier.benchmarks.suite.MarkdownTable.ratio;

import io.github.lasier.benchmarks.ClosedStateBenchmark;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/** Part 1: in-memory breakers in the closed state, successful calls, at 1 and 2 threads, beside the others. */
final class ClosedStatePart {

    /** Allocation-free code still shows a few thousandths of a byte per call in JMH's accounting. */
    static final double NO_ALLOCATION = 0.1;

    private static final List<String> SYNC = List.of("lasierMaxFailures", "lasierPercentage");

    private ClosedStatePart() {
    }

    static void run(SuiteRun suite, StringBuilder report, List<Target> targets) throws RunnerException {
        report.append("## 1. In-memory, closed state, successful calls\n\n")
                .append("One breaker shared by all threads. Overhead = ns/op minus `baseline` (the protected work "
                        + "alone) at the same thread count. B/op from `-prof gc` (`gc.alloc.rate.norm`).\n\n");
        for (int threads : new int[] {1, 2}) {
            Map<String, Measured> results = suite.run(ClosedStateBenchmark.class, threads);
            double baseline = results.get("baseline").nanos();
            double resilience4j = results.get("resilience4j").nanos() - baseline;
            double failsafe = results.get("failsafe").nanos() - baseline;
            MarkdownTable table = new MarkdownTable("benchmark", "ns/op", "± (99.9%)", "overhead ns", "B/op",
                    "overhead vs Resilience4j", "overhead vs Failsafe");
            for (Measured measured : results.values()) {
                double overhead = measured.nanos() - baseline;
                boolean isBaseline = measured.method().equals("baseline");
                table.row("`" + measured.method() + "`", num(measured.nanos()), num(measured.nanosError()),
                        isBaseline ? "-" : num(overhead), num(measured.bytesPerOp()),
                        isBaseline ? "-" : ratio(overhead / resilience4j), isBaseline ? "-" : ratio(overhead / failsafe));
            }
            report.append("### ").append(threads).append(threads == 1 ? " thread" : " threads").append("\n\n")
                    .append(table.render()).append('\n');
            for (String sync : SYNC) {
                Measured measured = results.get(sync);
                targets.add(Target.atMost("`" + sync + "` overhead at " + threads + "T vs a third of Resilience4j's ("
                        + num(resilience4j) + " ns)", measured.nanos() - baseline, resilience4j / 3, "ns"));
            }
            for (String sync : SYNC) {
                targets.add(Target.atMost("`" + sync + "` allocation at " + threads + "T",
                        results.get(sync).bytesPerOp(), NO_ALLOCATION, "B/op"));
            }
        }
    }
}
