package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's wording, from totals made up to hit its singular and plural forms. */
class ConsoleRendererTest {

    private static final long SECOND = 1_000_000_000L;

    private static String summary(RunTotals totals, boolean halfOpen) {
        return summary(totals, halfOpen, null);
    }

    private static String summary(RunTotals totals, boolean halfOpen, Duration slowCall) {
        StringWriter out = new StringWriter();
        Summary summary = new Summary(30 * SECOND, totals, List.of(8 * SECOND), List.of(12 * SECOND),
                List.of(new StateTracker.Segment(CircuitState.CLOSED, 0, 8 * SECOND),
                        new StateTracker.Segment(CircuitState.OPEN, 8 * SECOND, 12 * SECOND),
                        new StateTracker.Segment(CircuitState.CLOSED, 12 * SECOND, 30 * SECOND)),
                0, halfOpen ? List.of() : null, slowCall);
        new ConsoleRenderer(new PrintWriter(out), false, halfOpen, slowCall != null).summary(summary);
        return out.toString();
    }

    private static RunTotals totals(long spared, long opensCausedHere, ProbeTotals probes) {
        return new RunTotals(100, 80, 0, 10, 0, 0, spared, spared, 0, opensCausedHere, 10 * SECOND, probes);
    }

    private static String table(boolean halfOpen, boolean slow) {
        StringWriter out = new StringWriter();
        ConsoleRenderer renderer = new ConsoleRenderer(new PrintWriter(out), false, halfOpen, slow);
        renderer.start(List.of());
        renderer.row(3, Health.HEALTHY, new TickStats(161, 9, 2, 1, 149, 0, 0, 40_000, 17_000_000), CircuitState.OPEN);
        return out.toString();
    }

    @Test
    void withoutSlowCallsTheTableIsAsItWas() {
        assertThat(table(false, false).lines()).containsExactly("",
                "  time  service   calls     ok failed rejected  circuit       p50       p99",
                "    3s  healthy     161      9      1      149  OPEN       0.04ms      17ms");
        assertThat(table(true, false).lines()).containsExactly("",
                "  time  service   calls     ok failed rejected probes  circuit         p50       p99",
                "    3s  healthy     161      9      1      149      0  OPEN         0.04ms      17ms");
    }

    @Test
    void slowCallsHaveTheirColumn() {
        assertThat(table(false, true).lines()).containsExactly("",
                "  time  service   calls     ok   slow failed rejected  circuit       p50       p99",
                "    3s  healthy     161      9      2      1      149  OPEN       0.04ms      17ms");
    }

    @Test
    void slowCallsHaveTheirLineInTheSummaryOnlyWithASlowCallRule() {
        RunTotals totals = new RunTotals(100, 80, 12, 8, 0, 0, 0, 0, 0, 1, 10 * SECOND,
                new ProbeTotals(0, 0, 0, 0, 0));

        assertThat(summary(totals, false, Duration.ofMillis(5)))
                .contains("slow               12  (answered after more than 5ms: the breaker counted each as a failure)")
                .contains("failed             8  (HTTP 500: 8, timed out: 0)");
        assertThat(summary(totals, false, null)).doesNotContain("slow");
    }

    @Test
    void oneOfAThingIsSingular() {
        String text = summary(totals(1, 1, new ProbeTotals(0, 0, 0, 0, 0)), false);

        assertThat(text).contains("calls spared       1  call the failing service did not receive")
                .contains("(1 failing call found the threshold crossed and got the failure exception)")
                .doesNotContain("1 calls").doesNotContain("1 failing calls");
    }

    @Test
    void oneReopeningProbeIsSingular() {
        String text = summary(totals(2, 2, new ProbeTotals(3, 1, 2, 1, 0)), true);

        assertThat(text).contains("calls spared       2  calls the failing service did not receive")
                .contains("(1 failing call found the threshold crossed, 1 probe failed; each got the failure exception)");
    }

    @Test
    void severalAreCountedInThePlural() {
        String text = summary(totals(5, 7, new ProbeTotals(6, 2, 4, 2, 0)), true);

        assertThat(text).contains("(5 failing calls found the threshold crossed, 2 probes failed;");
    }
}
