package io.github.lasier.cli.store;


/** Opens the store a {@link StoreUri} names. */
public final class StoreConnections {

    private StoreConnections() {
    }

    /**
     * @throws io.github.lasier.cli.CliException when the store cannot be reached
     */
    public static StoreConnection open(StoreUri uri) {
        if (uri.isMemory()) {
            return new MemoryConnection();
        }
        return RedisConnection.open(uri);
    }
}
