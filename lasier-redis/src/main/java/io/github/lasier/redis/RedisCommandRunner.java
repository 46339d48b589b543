package io.github.lasier.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs commands on one connection's asynchronous API with the command timeout, and turns every failure into a
 * storage exception. Nothing here blocks: results and timeouts complete the returned stages, on the completion
 * executor (see {@link RedisStorage.Builder#completionExecutor}).
 */
final class RedisCommandRunner {

    private final RedisAsyncCommands<String, String> commands;
    private final long timeoutMillis;
    private final Executor completion;

    /**
     * @param completion runs the completion of each returned stage, and so the code chained on it; {@code
     *                   Runnable::run} completes on Lettuce's I/O thread (or the JDK's timeout thread)
     */
    RedisCommandRunner(StatefulRedisConnection<String, String> connection, long timeoutMillis, Executor completion) {
        this.commands = connection.async();
        this.timeoutMillis = timeoutMillis;
        this.completion = completion;
    }

    RedisAsyncCommands<String, String> commands() {
        return commands;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Runs {@code command}; the stage completes with its result, or exceptionally with a storage exception naming
     * {@code operation} and {@code key} when Redis fails, answers an error, or does not answer within the timeout.
     */
    <T> CompletionStage<T> run(String operation, String key,
            Function<RedisAsyncCommands<String, String>, ? extends CompletionStage<T>> command) {
        CompletableFuture<T> timed = new CompletableFuture<>();
        try {
            // Copied into a future of our own: Lettuce's command future must not be completed by our timeout.
            command.apply(commands).whenComplete((value, thrown) -> {
                if (thrown == null) {
                    timed.complete(value);
                } else {
                    timed.completeExceptionally(thrown);
                }
            });
        } catch (RuntimeException thrown) {
            timed.completeExceptionally(thrown);
        }
        timed.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        CompletableFuture<T> result = new CompletableFuture<>();
        timed.whenComplete((value, thrown) -> completeOnExecutor(() -> {
            if (thrown == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(RedisErrors.map(operation, key, timeoutMillis, thrown));
            }
        }));
        return result;
    }

    private void completeOnExecutor(Runnable completeResult) {
        try {
            completion.execute(completeResult);
        } catch (RejectedExecutionException shutDown) {
            // The executor is gone (application shutting down): completing here beats never completing.
            completeResult.run();
        }
    }
}
