package io.github.lasier.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An option's value as the user typed it, for error messages: {@code 3s} stays {@code 3s}, where the parsed duration
 * would print as {@code PT3S} and even our own format may write it differently ({@code 90000h} as {@code 5400000m}).
 */
public final class TypedValue {

    private TypedValue() {
    }

    /**
     * The text given to {@code option} on this command line; {@code value} in the tool's own format when the option
     * was not typed (its default applies).
     */
    public static String of(CommandSpec spec, String option, Duration value) {
        OptionSpec typed = spec.findOption(option);
        List<String> given = typed == null ? List.of() : typed.originalStringValues();
        return given.isEmpty() ? DurationConverter.format(value) : given.get(given.size() - 1);
    }
}
