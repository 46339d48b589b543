package io.github.lasier.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A synchronous {@link Storage} seen as an {@link AsyncStorage}: each operation runs on the calling thread and
 * returns a completed stage (failed with the storage's exception). For storages that never wait, such as
 * {@link InMemoryStorage}; it also lets the generic circuit store write its steps once, on stages.
 */
public class ImmediateAsyncStorage implements AsyncStorage {

    private final Storage storage;

    /** @param storage a storage whose operations do not wait for a network */
    public ImmediateAsyncStorage(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    public CompletionStage<Boolean> add(String key, long value, Duration ttl) {
        return now(() -> storage.add(key, value, ttl));
    }

    @Override
    public CompletionStage<Void> set(String key, long value, Duration ttl) {
        return now(() -> {
            storage.set(key, value, ttl);
            return null;
        });
    }

    @Override
    public CompletionStage<Long> incr(String key) {
        return now(() -> storage.incr(key));
    }

    @Override
    public CompletionStage<Long> incr(String key, Duration ttlIfCreated) {
        return now(() -> storage.incr(key, ttlIfCreated));
    }

    @Override
    public CompletionStage<OptionalLong> get(String key) {
        return now(() -> storage.get(key));
    }

    @Override
    public CompletionStage<Boolean> expire(String key, Duration ttl) {
        return now(() -> storage.expire(key, ttl));
    }

    @Override
    public CompletionStage<Boolean> delete(String key) {
        return now(() -> storage.delete(key));
    }

    @Override
    public CompletionStage<Void> flush() {
        return now(() -> {
            storage.flush();
            return null;
        });
    }

    private static <T> CompletionStage<T> now(Supplier<T> operation) {
        try {
            return CompletableFuture.completedFuture(operation.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
