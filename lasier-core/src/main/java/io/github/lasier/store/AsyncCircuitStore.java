package io.github.lasier.store;

import java.util.concurrent.CompletionStage;

/**
 * The operations of {@link CircuitStore}, returning stages instead of blocking. Stages complete exceptionally with
 * a {@link io.github.lasier.storage.StorageException} when the backend fails. Implementations must not block the
 * calling thread.
 */
public interface AsyncCircuitStore {

    /** @see CircuitStore#openMillisRemaining(Circuit) */
    CompletionStage<Long> openMillisRemaining(Circuit circuit);

    /** @see CircuitStore#acquirePermit(Circuit, long) */
    CompletionStage<Long> acquirePermit(Circuit circuit, long probeToken);

    /** @see CircuitStore#reportProbe(Circuit, long, ProbeReport) */
    CompletionStage<ProbeResult> reportProbe(Circuit circuit, long probeToken, ProbeReport report);

    /** @see CircuitStore#recordRequest(Circuit) */
    CompletionStage<Void> recordRequest(Circuit circuit);

    /** @see CircuitStore#recordFailure(Circuit) */
    CompletionStage<Totals> recordFailure(Circuit circuit);

    /** @see CircuitStore#open(Circuit) */
    CompletionStage<Void> open(Circuit circuit);

    /** @see CircuitStore#close(Circuit) */
    CompletionStage<Void> close(Circuit circuit);

    /**
     * Whether this store lives in this JVM and cannot become unreachable. Breakers put a store that can (one behind a
     * network) behind their storage-failure policy; an in-process store needs none. Default: {@code false}.
     */
    default boolean isInProcess() {
        return false;
    }
}
