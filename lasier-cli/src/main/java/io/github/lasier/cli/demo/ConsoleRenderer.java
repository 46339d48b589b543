package io.github.lasier.cli.demo;

import io.github.lasier.cli.DurationConverter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes the demo for people: a table row per second, a line for each change of the service or the circuit, and the
 * summary. On a terminal it also keeps a live progress line under the table and colours the states; otherwise it
 * writes plain lines only, so a file or a pipe gets no control codes. Called from one thread.
 */
final class ConsoleRenderer {

    private static final String CLEAR_LINE = "\r\033[2K";
    private static final String RED = "\033[31m";
    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";
    private static final String BOLD = "\033[1m";
    private static final String DIM = "\033[2m";
    private static final String RESET = "\033[0m";
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean ansi;
    private final boolean probes;
    private final boolean slow;
    private boolean progressShown;

    /**
     * @param ansi   whether {@code out} is a terminal that understands control codes
     * @param probes whether the breakers have the half-open state: the table then has a column for probes
     * @param slow   whether the rule counts slow calls: the table then has a column for them
     */
    ConsoleRenderer(PrintWriter out, boolean ansi, boolean probes, boolean slow) {
        this.out = out;
        this.ansi = ansi;
        this.probes = probes;
        this.slow = slow;
    }

    void start(List<String> settings) {
        for (String line : settings) {
            println(paint(DIM, line));
        }
        println("");
        String start = String.format(Locale.ROOT, "%6s  %-8s %6s %6s", "time", "service", "calls", "ok")
                + (slow ? String.format(Locale.ROOT, " %6s", "slow") : "")
                + String.format(Locale.ROOT, " %6s %8s", "failed", "rejected");
        println(paint(BOLD, probes
                ? start + String.format(Locale.ROOT, " %6s  %-9s %9s %9s", "probes", "circuit", "p50", "p99")
                : start + String.format(Locale.ROOT, "  %-7s %9s %9s", "circuit", "p50", "p99")));
    }

    void event(long atNanos, String text, boolean bad) {
        event(atNanos, text, bad ? RED : GREEN);
    }

    /** A change of the circuit, coloured as its new state. */
    void event(long atNanos, String text, CircuitState state) {
        event(atNanos, text, colour(state));
    }

    private void event(long atNanos, String text, String colour) {
        println(String.format(Locale.ROOT, "%6s  %s", seconds(atNanos), paint(colour, "-- " + text)));
    }

    /** The row of one second; with probes, {@code state} is half-open when the circuit was at any time during it. */
    void row(int second, Health health, TickStats tick, CircuitState state) {
        String start = String.format(Locale.ROOT, "%6s  %s %6d %6d", second + "s",
                paint(health == Health.HEALTHY ? GREEN : RED, pad(health.label(), 8)), tick.calls(), tick.successes())
                + (slow ? String.format(Locale.ROOT, " %6d", tick.slow()) : "")
                + String.format(Locale.ROOT, " %6d %8d", tick.failures(), tick.rejections());
        println(probes
                ? start + String.format(Locale.ROOT, " %6d  %s %9s %9s", tick.probes(),
                        paint(colour(state), pad(state.label(), 9)), millis(tick.p50Nanos()), millis(tick.p99Nanos()))
                : start + String.format(Locale.ROOT, "  %s %9s %9s", paint(colour(state), pad(state.label(), 7)),
                        millis(tick.p50Nanos()), millis(tick.p99Nanos())));
    }

    /** Redraws the live line on a terminal; nothing otherwise. */
    void progress(long atNanos, long totalNanos, Health health, CircuitState state) {
        if (!ansi) {
            return;
        }
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * atNanos / Math.max(1, totalNanos));
        out.print(CLEAR_LINE + String.format(Locale.ROOT, "  [%s%s] %s / %s  service %s  circuit %s",
                "=".repeat(filled), " ".repeat(BAR_WIDTH - filled), seconds(atNanos), seconds(totalNanos),
                paint(health == Health.HEALTHY ? GREEN : RED, health.label()),
                paint(colour(state), state.label())));
        out.flush();
        progressShown = true;
    }

    void summary(Summary summary) {
        RunTotals totals = summary.totals();
        println("");
        println(paint(BOLD, "Summary"));
        line("calls", totals.calls() + " in " + seconds(summary.durationNanos()));
        line("succeeded", Long.toString(totals.successes()));
        if (summary.slowCall() != null) {
            line("slow", totals.slowCalls() + "  (answered after more than " + DurationConverter.format(
                    summary.slowCall()) + ": the breaker counted " + (totals.slowCalls() == 1 ? "it" : "each")
                    + " as a failure)");
        }
        line("failed", totals.failures() + "  (HTTP 500: " + totals.serverErrors() + ", timed out: "
                + totals.timeouts() + (totals.otherFailures() > 0 ? ", other: " + totals.otherFailures() : "")
                + ")");
        line("rejected at once", totals.rejections() + "  (" + summary.spared() + " while the service was failing, "
                + summary.rejectedWhileHealthy() + " while it was healthy)");
        if (summary.halfOpen()) {
            ProbeTotals probeTotals = totals.probes();
            line("probes", probeTotals.probes() + "  (" + probeTotals.succeeded() + " succeeded, "
                    + probeTotals.failed() + " failed" + (probeTotals.reopened() > 0 ? ", of which "
                            + probeTotals.reopened() + " opened the circuit again" : "") + ")");
            line("rejected half-open", probeTotals.rejectedWhileProbing()
                    + "  (of the rejected: while every probe lease of the round was taken)");
        }
        if (totals.storeErrors() > 0) {
            line("store errors", Long.toString(totals.storeErrors()));
        }
        line("calls spared", summary.spared() + "  " + noun(summary.spared(), "call", "calls")
                + " the failing service did not receive");
        long saved = summary.timeSavedNanos();
        line("time saved", saved < 0 ? "unknown: no call failed in this run to estimate from"
                : "~" + seconds(saved) + " of callers' waiting (" + summary.spared() + " x "
                        + millis(totals.meanFailedCallNanos()) + ", the mean failed call)");
        line("circuit opened at", times(summary.openedAtNanos()));
        if (!summary.openedAtNanos().isEmpty()) {
            long reopened = totals.probes().reopened();
            line("opened by", totals.opensCausedHere() == 0
                    ? "another instance sharing the store (no failure of this run opened it)"
                    : reopened == 0 ? "this run's failures (" + count(totals.opensCausedHere(), "failing call",
                            "failing calls") + " found the threshold crossed and got the failure exception)"
                    : "this run's failures (" + count(totals.opensCausedHere() - reopened, "failing call",
                            "failing calls") + " found the threshold crossed, " + count(reopened, "probe", "probes")
                            + " failed; each got the failure exception)");
        }
        if (summary.halfOpen()) {
            line("circuit half-open", times(summary.halfOpenAtNanos()) + "  (as sampled; a quick probe may pass unseen)");
        }
        line("circuit closed at", times(summary.closedAtNanos()));
        line("timeline", summary.timeline().stream()
                .map(segment -> segment.state().jsonName() + " " + seconds(segment.fromNanos()) + "-"
                        + seconds(segment.toNanos()))
                .collect(Collectors.joining(" | ")));
        out.flush();
    }

    private void line(String label, String value) {
        println(String.format(Locale.ROOT, "  %-18s %s", label, value));
    }

    /** {@code n} and the noun that goes with it: "1 failing call", "2 failing calls". */
    static String count(long n, String singular, String plural) {
        return n + " " + noun(n, singular, plural);
    }

    private static String noun(long n, String singular, String plural) {
        return n == 1 ? singular : plural;
    }

    private static String colour(CircuitState state) {
        return switch (state) {
            case OPEN -> RED;
            case HALF_OPEN -> YELLOW;
            default -> GREEN;
        };
    }

    private static String times(List<Long> nanos) {
        return nanos.isEmpty() ? "never"
                : nanos.stream().map(ConsoleRenderer::seconds).collect(Collectors.joining(", "));
    }

    /** Prints a whole line, lifting the progress line out of the way first. */
    private void println(String line) {
        if (progressShown) {
            out.print(CLEAR_LINE);
            progressShown = false;
        }
        out.println(line);
        out.flush();
    }

    private String paint(String colour, String text) {
        return ansi ? colour + text + RESET : text;
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    static String millis(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        return nanos < 10_000_000 ? String.format(Locale.ROOT, "%.2fms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.0fms", nanos / 1e6);
    }
}
