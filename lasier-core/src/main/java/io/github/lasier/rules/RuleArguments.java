package io.github.lasier.rules;

/** Argument checks shared by the rules, so every bad value is reported the same way. */
final class RuleArguments {

    private RuleArguments() {
    }

    static String requireKey(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be null or blank, got: "
                    + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
