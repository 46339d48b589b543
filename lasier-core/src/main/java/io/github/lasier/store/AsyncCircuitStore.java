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

    /** @see CircuitStore#recordRequest(Circuit) */
    CompletionStage<Void> recordRequest(Circuit circuit);

    /** @see CircuitStore#recordFailure(Circuit) */
    CompletionStage<Totals> recordFailure(Circuit circuit);

    /** @see CircuitStore#open(Circuit) */
    CompletionStage<Void> open(Circuit circuit);

    /** @see CircuitStore#close(Circuit) */
    CompletionStage<Void> close(Circuit circuit);
}
