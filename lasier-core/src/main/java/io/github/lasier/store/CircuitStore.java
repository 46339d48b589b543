package io.github.lasier.store;

/**
 * Per-circuit state operations, fused so that a backend can serve each event of a call in one round trip. The
 * breakers talk only to this interface. {@link StorageCircuitStore} implements it on any {@link
 * io.github.lasier.storage.Storage}; backends with server-side scripting implement it directly.
 *
 * <p>Semantics are Lasier's: counters are only incremented while the circuit is not open; a counter is created with
 * the circuit's failure timeout as its TTL; the failure counter is created together with the request counter so both
 * windows expire together; opening sets the open flag for the circuit timeout and deletes both counters.
 *
 * @see AsyncCircuitStore the same operations without blocking
 */
public interface CircuitStore {

    /** Answer of {@link #openMillisRemaining} for a circuit that is not open. */
    long NOT_OPEN = -1;

    /** Answer of {@link #openMillisRemaining} for an open circuit whose remaining time the store cannot tell. */
    long OPEN_FOR_UNKNOWN_TIME = Long.MAX_VALUE;

    /**
     * Whether the circuit is open, and for how long.
     *
     * @return {@link #NOT_OPEN}, the milliseconds it stays open (0 or more), or {@link #OPEN_FOR_UNKNOWN_TIME}
     */
    long openMillisRemaining(Circuit circuit);

    /**
     * Records a call that ran and did not count as a failure: counts a request, if the circuit counts requests and is
     * not open.
     */
    void recordRequest(Circuit circuit);

    /**
     * Records a call that failed: counts a request (if counted) and a failure, unless the circuit is open, and
     * returns the totals after that.
     */
    Totals recordFailure(Circuit circuit);

    /** Opens the circuit for its circuit timeout and deletes its counters. */
    void open(Circuit circuit);

    /** Closes the circuit now and deletes its counters. */
    void close(Circuit circuit);

    /**
     * Whether this store lives in this JVM and cannot become unreachable. Breakers put a store that can (one behind a
     * network) behind their storage-failure policy; an in-process store needs none. Default: {@code false}.
     */
    default boolean isInProcess() {
        return false;
    }
}
