package io.github.lasier.store;

/**
 * Implemented by a storage that serves circuit events natively (for example with server-side scripts), so that
 * breakers built on it use its fused operations instead of the generic ones built from single key-value commands.
 */
public interface CircuitStoreProvider {

    /** The fused store used by {@link io.github.lasier.CircuitBreaker}. */
    CircuitStore circuitStore();

    /** The fused store used by {@link io.github.lasier.AsyncCircuitBreaker}. */
    AsyncCircuitStore asyncCircuitStore();
}
