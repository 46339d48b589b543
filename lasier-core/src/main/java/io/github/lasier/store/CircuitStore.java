package io.github.lasier.store;

/**
 * Per-circuit state operations, fused so that a backend can serve each event of a call in one round trip. The
 * breakers talk only to this interface. {@link StorageCircuitStore} implements it on any {@link
 * io.github.lasier.storage.Storage}; backends with server-side scripting implement it directly.
 *
 * <p>Semantics are Lasier's: counters are only incremented while the circuit is not open; a counter is created with
 * the circuit's failure timeout as its TTL; the failure counter is created together with the request counter so both
 * windows expire together; opening sets the open flag for the circuit timeout and deletes both counters. A circuit's
 * {@link Circuit#counting() counting} says how the counters are kept, and its {@link Circuit#halfOpen() half-open
 * settings} whether the store runs the half-open state: see {@link #acquirePermit} and {@link #reportProbe}.
 *
 * @see AsyncCircuitStore the same operations without blocking
 */
public interface CircuitStore {

    /** Answer of {@link #openMillisRemaining} for a circuit that is not open. */
    long NOT_OPEN = -1;

    /** Answer of {@link #openMillisRemaining} for an open circuit whose remaining time the store cannot tell. */
    long OPEN_FOR_UNKNOWN_TIME = Long.MAX_VALUE;

    /** Answer of {@link #acquirePermit}: the circuit is half-open and the call is a probe holding a lease. */
    long PROBE_GRANTED = -2;

    /** Answer of {@link #acquirePermit}: the circuit is half-open and every probe lease is held; reject the call. */
    long PROBES_IN_FLIGHT = -3;

    /**
     * Whether the circuit is open, and for how long.
     *
     * @return {@link #NOT_OPEN}, the milliseconds it stays open (0 or more), or {@link #OPEN_FOR_UNKNOWN_TIME}
     */
    long openMillisRemaining(Circuit circuit);

    /**
     * Whether a call may run, for a circuit with the half-open state, in one atomic step: while the open flag is set,
     * the milliseconds it stays set (as {@link #openMillisRemaining}); once it is gone but the half-open marker is
     * there, a probe lease holding {@code probeToken} is taken if one is free ({@link #PROBE_GRANTED}, and the marker
     * is kept for {@link Circuit#halfOpenMillisAfterProbe()}) or the call is refused ({@link #PROBES_IN_FLIGHT});
     * otherwise {@link #NOT_OPEN}. For a circuit without the half-open state, the same as {@link
     * #openMillisRemaining}.
     *
     * @param probeToken identifies the lease if one is granted; never 0
     */
    long acquirePermit(Circuit circuit, long probeToken);

    /**
     * Reports how the probe holding {@code probeToken} ended, in one atomic step. Only a probe whose lease is still in
     * the store changes anything: a success is counted and, the {@link HalfOpen#successesToClose()}th time, closes
     * the circuit (as {@link #close}); a failure opens it again (as {@link #open}, which starts a new half-open
     * round); an abandoned probe's lease is deleted.
     */
    ProbeResult reportProbe(Circuit circuit, long probeToken, ProbeReport report);

    /**
     * Records a call that ran and did not count as a failure: counts a request, if the circuit counts requests and is
     * not open. With {@link io.github.lasier.rules.Counting#consecutive() consecutive} counting it deletes the failure
     * counter instead: the run of failures is over.
     */
    void recordRequest(Circuit circuit);

    /**
     * Records a call that failed: counts a request (if counted) and a failure, unless the circuit is open, and
     * returns the totals after that.
     */
    Totals recordFailure(Circuit circuit);

    /**
     * Opens the circuit for its circuit timeout and deletes its counters. With the half-open state, also sets the
     * half-open marker for {@link Circuit#halfOpenMillisAtOpen()} and deletes the probe leases and successes.
     */
    void open(Circuit circuit);

    /** Closes the circuit now and deletes its counters, and its half-open keys if it has any. */
    void close(Circuit circuit);

    /**
     * Whether this store lives in this JVM and cannot become unreachable. Breakers put a store that can (one behind a
     * network) behind their storage-failure policy; an in-process store needs none. Default: {@code false}.
     */
    default boolean isInProcess() {
        return false;
    }
}
