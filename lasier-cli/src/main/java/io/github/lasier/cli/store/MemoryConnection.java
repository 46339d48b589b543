package io.github.lasier.cli.store;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.InMemoryStorage;
import io.github.lasier.storage.Storage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The in-memory store: state lives in this process only, so it is shared by the breakers of one demo run. */
public final class MemoryConnection implements StoreConnection, StoreInspector {

    private final InMemoryStorage storage;

    /** A fresh, empty store. */
    public MemoryConnection() {
        this(new InMemoryStorage());
    }

    /** A connection on an existing storage, for tests that look inside it. */
    public MemoryConnection(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public StoreUri uri() {
        return StoreUri.MEMORY;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public AsyncStorage asyncStorage() {
        return storage.async();
    }

    @Override
    public StoreInspector inspector() {
        return this;
    }

    @Override
    public List<String> keysStartingWith(String prefix) {
        return storage.snapshot().keySet().stream().filter(key -> key.startsWith(prefix)).sorted().toList();
    }

    @Override
    public Optional<KeyState> read(String key) {
        OptionalLong value = storage.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Duration ttl = storage.timeToLive(key);
        return Optional.of(new KeyState(key, Long.toString(value.getAsLong()),
                ttl == null ? KeyState.NO_EXPIRY : ttl.toMillis()));
    }

    @Override
    public long countExisting(Collection<String> keys) {
        return keys.stream().filter(key -> storage.get(key).isPresent()).count();
    }

    @Override
    public void close() {
        // Nothing to release: the data goes with the process.
    }
}
