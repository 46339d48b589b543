package io.github.lasier.testkit;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.InMemoryStorage;
import io.github.lasier.storage.Storage;
import io.github.lasier.storage.StorageException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A fault injector for breaker tests in the core: an in-memory storage that can be switched down, when every
 * operation fails as a network store's would. It stands in for the network, not for the store under test; store
 * modules run the same faults against their real server.
 */
public final class FlakyStorage implements Storage {

    private final InMemoryStorage data = new InMemoryStorage();
    private final AtomicLong operations = new AtomicLong();
    private volatile boolean down;

    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    /** Operations the breakers asked of this storage, answered or not. */
    public long operations() {
        return operations.get();
    }

    /** The data behind, readable whether this storage is up or down. */
    public InMemoryStorage data() {
        return data;
    }

    private <T> T call(Supplier<T> operation) {
        operations.incrementAndGet();
        if (down) {
            throw new StorageException("connection refused (injected)");
        }
        return operation.get();
    }

    @Override
    public boolean add(String key, long value, Duration ttl) {
        return call(() -> data.add(key, value, ttl));
    }

    @Override
    public void set(String key, long value, Duration ttl) {
        call(() -> {
            data.set(key, value, ttl);
            return null;
        });
    }

    @Override
    public long incr(String key) {
        return call(() -> data.incr(key));
    }

    @Override
    public long incr(String key, Duration ttlIfCreated) {
        return call(() -> data.incr(key, ttlIfCreated));
    }

    @Override
    public OptionalLong get(String key) {
        return call(() -> data.get(key));
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return call(() -> data.expire(key, ttl));
    }

    @Override
    public boolean delete(String key) {
        return call(() -> data.delete(key));
    }

    @Override
    public void flush() {
        call(() -> {
            data.flush();
            return null;
        });
    }

    /** The same storage as an {@link AsyncStorage} whose stages fail while it is down. */
    public AsyncStorage async() {
        return new AsyncStorage() {
            private <T> CompletionStage<T> stage(Supplier<T> operation) {
                try {
                    return CompletableFuture.completedFuture(operation.get());
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public CompletionStage<Boolean> add(String key, long value, Duration ttl) {
                return stage(() -> FlakyStorage.this.add(key, value, ttl));
            }

            @Override
            public CompletionStage<Void> set(String key, long value, Duration ttl) {
                return stage(() -> {
                    FlakyStorage.this.set(key, value, ttl);
                    return null;
                });
            }

            @Override
            public CompletionStage<Long> incr(String key) {
                return stage(() -> FlakyStorage.this.incr(key));
            }

            @Override
            public CompletionStage<Long> incr(String key, Duration ttlIfCreated) {
                return stage(() -> FlakyStorage.this.incr(key, ttlIfCreated));
            }

            @Override
            public CompletionStage<OptionalLong> get(String key) {
                return stage(() -> FlakyStorage.this.get(key));
            }

            @Override
            public CompletionStage<Boolean> expire(String key, Duration ttl) {
                return stage(() -> FlakyStorage.this.expire(key, ttl));
            }

            @Override
            public CompletionStage<Boolean> delete(String key) {
                return stage(() -> FlakyStorage.this.delete(key));
            }

            @Override
            public CompletionStage<Void> flush() {
                return stage(() -> {
                    FlakyStorage.this.flush();
                    return null;
                });
            }
        };
    }
}
