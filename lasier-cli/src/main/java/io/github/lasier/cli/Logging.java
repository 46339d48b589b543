package io.github.lasier.cli;

/**
 * Sets slf4j-simple's levels before the first logger is made. By default the library only speaks up for warnings:
 * the demo reports openings itself, and log lines on stderr would break its table. {@code --verbose} lets the
 * library's info messages through. A {@code -Dorg.slf4j.simpleLogger...} given on the command line wins.
 */
public final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /** @param verbose whether the library's own messages should be shown */
    public static void configure(boolean verbose) {
        setIfAbsent("defaultLogLevel", "warn");
        setIfAbsent("log.io.github.lasier", verbose ? "info" : "warn");
        // The breaker logs each opening at error level; the demo prints its own line for that.
        setIfAbsent("log.io.github.lasier.CircuitBreaker", verbose ? "info" : "off");
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
