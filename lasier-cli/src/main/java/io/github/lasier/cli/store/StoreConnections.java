package io.github.lasier.cli.store;

import io.github.lasier.cli.CliException;

/** Opens the store a {@link StoreUri} names. */
public final class StoreConnections {

    private StoreConnections() {
    }

    /**
     * @throws CliException when the store cannot be reached
     */
    public static StoreConnection open(StoreUri uri) {
        if (uri.isMemory()) {
            return new MemoryConnection();
        }
        throw new CliException("cannot use store " + uri + ": this build has no Redis support");
    }
}
