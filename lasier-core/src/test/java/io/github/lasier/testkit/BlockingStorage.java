package io.github.lasier.testkit;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the storage contract against an {@link AsyncStorage} by waiting for each stage, unwrapping its failure. */
public final class BlockingStorage implements Storage {

    private final AsyncStorage async;

    public BlockingStorage(AsyncStorage async) {
        this.async = async;
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new AssertionError("async storage did not answer within 10 s", e);
        }
    }

    @Override
    public boolean add(String key, long value, Duration ttl) {
        return await(async.add(key, value, ttl));
    }

    @Override
    public void set(String key, long value, Duration ttl) {
        await(async.set(key, value, ttl));
    }

    @Override
    public long incr(String key) {
        return await(async.incr(key));
    }

    @Override
    public long incr(String key, Duration ttlIfCreated) {
        return await(async.incr(key, ttlIfCreated));
    }

    @Override
    public OptionalLong get(String key) {
        return await(async.get(key));
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return await(async.expire(key, ttl));
    }

    @Override
    public boolean delete(String key) {
        return await(async.delete(key));
    }

    @Override
    public void flush() {
        await(async.flush());
    }
}
