package io.github.lasier.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single fields of the tool's flat JSON output in tests. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The number in field {@code name}; fails the test when absent. */
    public static double number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?[0-9.]+)").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no number field '" + name + "' in " + json);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** The numbers in the array field {@code name}. */
    public static double[] numbers(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":\\[([^\\]]*)]").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no array field '" + name + "' in " + json);
        }
        String items = matcher.group(1).trim();
        return items.isEmpty() ? new double[0]
                : java.util.Arrays.stream(items.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** The raw JSON value of the last field named {@code name} (a string keeps its quotes). */
    public static String raw(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"[^\"]*\"|[^,}\\]]*)").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no field '" + name + "' in " + json);
        }
        return matcher.group(1);
    }
}
