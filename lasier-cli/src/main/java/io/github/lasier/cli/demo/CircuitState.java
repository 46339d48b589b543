package io.github.lasier.cli.demo;

/** The circuit's state as the demo sees it in the store. */
public enum CircuitState {
    /** Calls run. */
    CLOSED("closed", "closed"),
    /** Calls are rejected at once: the open flag is set. */
    OPEN("OPEN", "open"),
    /** The open flag is gone but the half-open marker is there: only probes run, the others are rejected. */
    HALF_OPEN("half-open", "half-open");

    private final String label;
    private final String jsonName;

    CircuitState(String label, String jsonName) {
        this.label = label;
        this.jsonName = jsonName;
    }

    /** As shown in the table: an open circuit in capitals, so that it stands out without colours. */
    public String label() {
        return label;
    }

    /** As written in the JSON summary. */
    public String jsonName() {
        return jsonName;
    }
}
