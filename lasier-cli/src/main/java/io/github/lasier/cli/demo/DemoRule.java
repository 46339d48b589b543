package io.github.lasier.cli.demo;

import io.github.lasier.cli.DurationConverter;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.rules.SlidingWindowRule;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo's {@code --rule}: a rule's name, and for the newer rules their numbers after colons, like the schedule's
 * {@code PHASE:DURATION}. {@code max-failures} and {@code percentage} take theirs from their own options, as they
 * always have.
 *
 * @param rule        the rule, on the demo's circuit
 * @param description the rule in words, for the settings line
 */
record DemoRule(Rule rule, String description) {

    /** The forms {@code --rule} accepts, for help and errors. */
    static final String FORMS = "max-failures, percentage, consecutive[:N] or sliding-window[:PCT[:MIN[:WINDOW"
            + "[:BUCKET]]]]";

    private static final String CONSECUTIVE_EXAMPLE = "consecutive:5";
    private static final String SLIDING_EXAMPLE = "sliding-window:50:20:10s:1s";

    /** A value of {@code --rule} that names no rule, or a parameter that is malformed or out of range. */
    static final class InvalidValue extends IllegalArgumentException {
        InvalidValue(String message) {
            super(message);
        }
    }

    /** The numbers the classic rules take from their own options. */
    record ClassicOptions(long maxFailures, double percentage, long minRequests, Duration failureTimeout) {
    }

    /**
     * @param value   as given to {@code --rule}
     * @param circuit the failure key; a request counter, when the rule needs one, is {@code circuit + "_requests"}
     * @throws InvalidValue             saying what is wrong with which part of {@code value}; the caller names the
     *                                  option
     * @throws IllegalArgumentException from a classic rule, naming its parameter, when one of its options is out of
     *                                  range
     */
    static DemoRule parse(String value, String circuit, ClassicOptions classic) {
        String[] parts = value.trim().split(":", -1);
        String name = parts[0].trim().toLowerCase(Locale.ROOT).replace('_', '-');
        String window = " per " + DurationConverter.format(classic.failureTimeout()) + " window";
        switch (name) {
            case "max-failures" -> {
                noParameters(value, parts, "--max-failures");
                return new DemoRule(new MaxFailuresRule(classic.maxFailures(), circuit),
                        "max " + classic.maxFailures() + " failures" + window);
            }
            case "percentage" -> {
                noParameters(value, parts, "--percentage and --min-requests");
                return new DemoRule(new PercentageFailuresRule(classic.percentage(), circuit, classic.minRequests(),
                        circuit + "_requests"), trim(classic.percentage()) + "% failures over more than "
                                + classic.minRequests() + " requests" + window);
            }
            case "consecutive" -> {
                Parts given = new Parts(value, parts, 1, CONSECUTIVE_EXAMPLE);
                long inARow = given.wholeNumber(1, "N", 5);
                return new DemoRule(built(value, () -> new ConsecutiveFailuresRule(inARow, circuit)),
                        inARow + " failures in a row (a run forgotten after "
                                + DurationConverter.format(classic.failureTimeout()) + ")");
            }
            case "sliding-window" -> {
                Parts given = new Parts(value, parts, 4, SLIDING_EXAMPLE);
                double percent = given.number(1, "PCT", 50);
                long minimum = given.wholeNumber(2, "MIN", 20);
                Duration span = given.duration(3, "WINDOW", Duration.ofSeconds(10));
                Duration bucket = given.duration(4, "BUCKET", Duration.ofSeconds(1));
                return new DemoRule(built(value, () -> new SlidingWindowRule(percent, minimum, span, bucket, circuit,
                        circuit + "_requests")), trim(percent) + "% failures of at least " + minimum
                                + " calls in the last " + DurationConverter.format(span) + " (buckets of "
                                + DurationConverter.format(bucket) + ")");
            }
            default -> throw new InvalidValue("'" + value + "' is not a rule; use " + FORMS);
        }
    }

    private static void noParameters(String value, String[] parts, String options) {
        if (parts.length > 1) {
            throw new InvalidValue("'" + value + "': " + parts[0].trim() + " takes no parameters after ':'; its"
                    + " numbers are given with " + options);
        }
    }

    /** The rule, with the library's own complaint (which names the parameter) about a value out of range. */
    private static Rule built(String value, java.util.function.Supplier<Rule> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("'" + value + "': " + e.getMessage());
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The parameters after the rule's name; an empty or missing one takes its default. */
    private record Parts(String value, String[] parts, int most, String example) {

        Parts {
            if (parts.length - 1 > most) {
                throw new InvalidValue("'" + value + "' has " + (parts.length - 1) + " parameters, "
                        + parts[0].trim() + " takes at most " + most + "; for example " + example);
            }
        }

        private String part(int index) {
            return index < parts.length ? parts[index].trim() : "";
        }

        long wholeNumber(int index, String label, long otherwise) {
            String text = part(index);
            if (text.isEmpty()) {
                return otherwise;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(label, text, "a whole number");
            }
        }

        double number(int index, String label, double otherwise) {
            String text = part(index);
            if (text.isEmpty()) {
                return otherwise;
            }
            try {
                double number = Double.parseDouble(text);
                if (!Double.isFinite(number)) {
                    throw new NumberFormatException(text);
                }
                return number;
            } catch (NumberFormatException e) {
                throw invalid(label, text, "a number");
            }
        }

        Duration duration(int index, String label, Duration otherwise) {
            String text = part(index);
            if (text.isEmpty()) {
                return otherwise;
            }
            try {
                return DurationConverter.parse(text);
            } catch (RuntimeException e) {
                throw invalid(label, text, "a duration such as 500ms or 10s");
            }
        }

        private InvalidValue invalid(String label, String text, String expected) {
            return new InvalidValue("'" + value + "': " + label + " must be " + expected + ", got: '"
                    + text + "'; for example " + example);
        }
    }
}
