package io.github.lasier.benchmarks.suite;

import java.util.Locale;

/**
 * One target of the benchmarks and whether this run met it.
 *
 * @param description what is compared, in words
 * @param measured    the measured value
 * @param limit       the value the measured one must not exceed, or must reach when {@code atLeast}
 * @param atLeast     whether the measured value must be at least the limit (else at most)
 * @param unit        the unit of both values
 */
record Target(String description, double measured, double limit, boolean atLeast, String unit) {

    static Target atMost(String description, double measured, double limit, String unit) {
        return new Target(description, measured, limit, false, unit);
    }

    static Target atLeast(String description, double measured, double limit, String unit) {
        return new Target(description, measured, limit, true, unit);
    }

    boolean met() {
        return atLeast ? measured >= limit : measured <= limit;
    }

    /** A Markdown list item: the values, and "met" or by how much it was missed. */
    String render() {
        String verdict = met() ? "**met**"
                : String.format(Locale.ROOT, "**missed** by %.1f %s (%.2fx the limit)", Math.abs(measured - limit),
                        unit, limit == 0 ? Double.POSITIVE_INFINITY : measured / limit);
        return String.format(Locale.ROOT, "- %s: %.1f %s, limit %s %.1f %s: %s", description, measured, unit,
                atLeast ? "at least" : "at most", limit, unit, verdict);
    }
}
