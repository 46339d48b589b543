package io.github.lasier.store;

import io.github.lasier.storage.Ttl;
import java.time.Duration;

/**
 * The half-open state's settings: when an open period ends, at most {@code permittedProbes} calls, across every
 * breaker sharing the store, are let through as probes; each holds a lease in the store for {@code probeTimeout}.
 * {@code successesToClose} successful probes close the circuit; a failed probe opens it again.
 *
 * @param permittedProbes  probes admitted at once, across all instances; 1 to {@value #MAX_PROBES}
 * @param successesToClose successful probes that close the circuit; 1 to {@code permittedProbes}
 * @param probeTimeout     how long a probe's lease lasts: a probe that has not reported by then gives its permit back
 */
public record HalfOpen(int permittedProbes, int successesToClose, Duration probeTimeout) {

    /** Most probes a circuit may admit at once: each is a key the store checks when a call asks for one. */
    public static final int MAX_PROBES = 100;

    /**
     * @throws IllegalArgumentException naming the parameter and the value when any is out of range
     */
    public HalfOpen {
        if (permittedProbes < 1 || permittedProbes > MAX_PROBES) {
            throw new IllegalArgumentException("permittedProbes must be from 1 to " + MAX_PROBES + ", got: "
                    + permittedProbes);
        }
        if (successesToClose < 1 || successesToClose > permittedProbes) {
            throw new IllegalArgumentException("successesToClose must be from 1 to permittedProbes ("
                    + permittedProbes + "), got: " + successesToClose);
        }
        Ttl.toMillis("probeTimeout", probeTimeout);
    }

    /** {@link #probeTimeout()} in milliseconds. */
    public long probeTimeoutMillis() {
        return probeTimeout.toMillis();
    }
}
