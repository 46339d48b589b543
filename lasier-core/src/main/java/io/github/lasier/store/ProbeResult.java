package io.github.lasier.store;

/** What the store did with a probe's report. */
public enum ProbeResult {
    /** The success was counted; more are needed to close the circuit. */
    COUNTED,
    /** The success was the last one needed: the circuit is closed and its counters reset. */
    CLOSED,
    /** The failure opened the circuit again for its circuit timeout. */
    REOPENED,
    /** The abandoned probe's lease was given back. */
    RELEASED,
    /**
     * The probe no longer held its lease (it expired, or the circuit was closed or opened meanwhile): the report
     * changed nothing.
     */
    LEASE_LOST
}
