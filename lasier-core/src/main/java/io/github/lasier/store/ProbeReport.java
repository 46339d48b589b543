package io.github.lasier.store;

/** How a probe ended, as a breaker reports it to the store. */
public enum ProbeReport {
    /** The probe succeeded: it counts towards closing the circuit. */
    SUCCEEDED,
    /** The probe failed: the circuit opens again. */
    FAILED,
    /**
     * The probe ended without saying anything about the downstream (an exception the breaker does not count, an
     * {@link Error}, a result predicate that threw): its lease is given back so another call can probe.
     */
    ABANDONED
}
