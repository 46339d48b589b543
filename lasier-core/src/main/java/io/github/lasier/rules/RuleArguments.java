package io.github.lasier.rules;

import java.time.Duration;

/** Argument checks shared by the rules, so every bad value is reported the same way. */
final class RuleArguments {

    /** The longest duration a rule accepts: ten years, as for every TTL. */
    private static final Duration MAX = Duration.ofDays(3650);

    private RuleArguments() {
    }

    static String requireKey(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be null or blank, got: "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    /** The duration in whole milliseconds; it must be from 1 ms to ten years. */
    static long requireMillis(String parameter, Duration value) {
        if (value == null || value.isNegative() || value.compareTo(MAX) > 0 || value.toMillis() < 1) {
            throw new IllegalArgumentException(parameter + " must be a duration from 1 ms to " + MAX.toDays()
                    + " days, got: " + value);
        }
        return value.toMillis();
    }

    static double requirePercentage(String parameter, double value) {
        if (!(value > 0 && value <= 100)) {
            throw new IllegalArgumentException(parameter + " must be in (0, 100], got: " + value);
        }
        return value;
    }

    static String requireDistinctRequestKey(String requestKey, String failureKey) {
        requireKey("requestKey", requestKey);
        if (requestKey.equals(failureKey)) {
            throw new IllegalArgumentException(
                    "requestKey must differ from failureKey, both are: '" + requestKey + "'");
        }
        return requestKey;
    }
}
