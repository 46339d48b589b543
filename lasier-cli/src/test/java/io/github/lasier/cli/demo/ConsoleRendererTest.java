package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's wording, from totals made up to hit its singular and plural forms. */
class ConsoleRendererTest {

    private static final long SECOND = 1_000_000_000L;

    private static String summary(RunTotals totals, boolean halfOpen) {
        StringWriter out = new StringWriter();
        Summary summary = new Summary(30 * SECOND, totals, List.of(8 * SECOND), List.of(12 * SECOND),
                List.of(new StateTracker.Segment(CircuitState.CLOSED, 0, 8 * SECOND),
                        new StateTracker.Segment(CircuitState.OPEN, 8 * SECOND, 12 * SECOND),
                        new StateTracker.Segment(CircuitState.CLOSED, 12 * SECOND, 30 * SECOND)),
                0, halfOpen ? List.of() : null);
        new ConsoleRenderer(new PrintWriter(out), false, halfOpen).summary(summary);
        return out.toString();
    }

    private static RunTotals totals(long spared, long opensCausedHere, ProbeTotals probes) {
        return new RunTotals(100, 80, 10, 0, 0, spared, spared, 0, opensCausedHere, 10 * SECOND, probes);
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
