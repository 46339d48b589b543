package io.github.lasier.cli.demo;

/** How the demo's service behaves during a phase. */
public enum Health {
    /** Answers 200 after a few milliseconds. */
    HEALTHY,
    /** Answers 500, some of the time only after longer than the client waits. */
    FAILING;

    /** The name as written in a schedule. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
