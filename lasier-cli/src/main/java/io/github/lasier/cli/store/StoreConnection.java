package io.github.lasier.cli.store;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;

/** An open store: the storages breakers use, and an inspector for the operations commands. Close it when done. */
public interface StoreConnection extends AutoCloseable {

    /** What the connection was opened on, for messages. */
    StoreUri uri();

    /** For {@link io.github.lasier.CircuitBreaker}. */
    Storage storage();

    /** For {@link io.github.lasier.AsyncCircuitBreaker}, on the same data. */
    AsyncStorage asyncStorage();

    /** Reads keys and their TTLs. */
    StoreInspector inspector();

    @Override
    void close();
}
