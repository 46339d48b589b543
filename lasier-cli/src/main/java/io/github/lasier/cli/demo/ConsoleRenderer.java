package io.github.lasier.cli.demo;

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
    private static final String BOLD = "\033[1m";
    private static final String DIM = "\033[2m";
    private static final String RESET = "\033[0m";
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean ansi;
    private boolean progressShown;

    /**
     * @param ansi whether {@code out} is a terminal that understands control codes
     */
    ConsoleRenderer(PrintWriter out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    void start(List<String> settings) {
        for (String line : settings) {
            println(paint(DIM, line));
        }
        println("");
        println(paint(BOLD, String.format(Locale.ROOT, "%6s  %-8s %6s %6s %6s %8s  %-7s %9s %9s",
                "time", "service", "calls", "ok", "failed", "rejected", "circuit", "p50", "p99")));
    }

    void event(long atNanos, String text, boolean bad) {
        println(String.format(Locale.ROOT, "%6s  %s", seconds(atNanos), paint(bad ? RED : GREEN, "-- " + text)));
    }

    void row(int second, Health health, TickStats tick, boolean open) {
        println(String.format(Locale.ROOT, "%6s  %s %6d %6d %6d %8d  %s %9s %9s",
                second + "s", paint(health == Health.HEALTHY ? GREEN : RED, pad(health.label(), 8)),
                tick.calls(), tick.successes(), tick.failures(), tick.rejections(),
                paint(open ? RED : GREEN, pad(open ? "OPEN" : "closed", 7)),
                millis(tick.p50Nanos()), millis(tick.p99Nanos())));
    }

    /** Redraws the live line on a terminal; nothing otherwise. */
    void progress(long atNanos, long totalNanos, Health health, boolean open) {
        if (!ansi) {
            return;
        }
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * atNanos / Math.max(1, totalNanos));
        out.print(CLEAR_LINE + String.format(Locale.ROOT, "  [%s%s] %s / %s  service %s  circuit %s",
                "=".repeat(filled), " ".repeat(BAR_WIDTH - filled), seconds(atNanos), seconds(totalNanos),
                paint(health == Health.HEALTHY ? GREEN : RED, health.label()),
                paint(open ? RED : GREEN, open ? "OPEN" : "closed")));
        out.flush();
        progressShown = true;
    }

    void summary(Summary summary) {
        RunTotals totals = summary.totals();
        println("");
        println(paint(BOLD, "Summary"));
        line("calls", totals.calls() + " in " + seconds(summary.durationNanos()));
        line("succeeded", Long.toString(totals.successes()));
        line("failed", totals.failures() + "  (HTTP 500: " + totals.serverErrors() + ", timed out: "
                + totals.timeouts() + (totals.otherFailures() > 0 ? ", other: " + totals.otherFailures() : "")
                + ")");
        line("rejected at once", totals.rejections() + "  (" + summary.spared() + " while the service was failing, "
                + summary.rejectedWhileHealthy() + " while it was healthy)");
        if (totals.storeErrors() > 0) {
            line("store errors", Long.toString(totals.storeErrors()));
        }
        line("calls spared", summary.spared() + "  calls the failing service did not receive");
        long saved = summary.timeSavedNanos();
        line("time saved", saved < 0 ? "unknown: no call failed in this run to estimate from"
                : "~" + seconds(saved) + " of callers' waiting (" + summary.spared() + " x "
                        + millis(totals.meanFailedCallNanos()) + ", the mean failed call)");
        line("circuit opened at", times(summary.openedAtNanos()));
        if (!summary.openedAtNanos().isEmpty()) {
            line("opened by", totals.opensCausedHere() == 0
                    ? "another instance sharing the store (no failure of this run opened it)"
                    : "this run's failures (" + totals.opensCausedHere()
                            + " failing calls found the threshold crossed and got the failure exception)");
        }
        line("circuit closed at", times(summary.closedAtNanos()));
        line("timeline", summary.timeline().stream()
                .map(segment -> (segment.open() ? "open " : "closed ") + seconds(segment.fromNanos()) + "-"
                        + seconds(segment.toNanos()))
                .collect(Collectors.joining(" | ")));
        out.flush();
    }

    private void line(String label, String value) {
        println(String.format(Locale.ROOT, "  %-18s %s", label, value));
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
