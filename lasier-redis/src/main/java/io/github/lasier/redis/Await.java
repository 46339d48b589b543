package io.github.lasier.redis;

import io.github.lasier.storage.StorageException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How the synchronous classes wait for the asynchronous ones: bounded, and with the same exceptions. */
final class Await {

    /** Slack beyond the command timeout: the stage times itself out, this only guards against a stalled timer. */
    private static final long SLACK_MILLIS = 1_000;

    private final long limitMillis;

    Await(long commandTimeoutMillis) {
        this.limitMillis = commandTimeoutMillis * 2 + SLACK_MILLIS;
    }

    /** The stage's result; its storage exception is thrown as is. */
    <T> T result(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = RedisErrors.unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("Redis operation failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new StorageException("Redis operation did not complete within " + limitMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for Redis", e);
        }
    }
}
