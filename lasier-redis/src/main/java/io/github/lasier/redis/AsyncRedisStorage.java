package io.github.lasier.redis;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Ttl;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.CircuitStoreProvider;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Redis as an {@link AsyncStorage}, on Lettuce's asynchronous API: never blocks the caller. Obtained from
 * {@link RedisStorage#async()}, over the same connection; {@link RedisStorage#close()} ends both.
 *
 * <p>Each operation is one Redis command, as Lasier's redis adapter sends it (TTLs in milliseconds):
 * add = {@code SET key value PX ttl NX}, set = {@code SET key value [PX ttl]}, incr = {@code INCR},
 * incr with TTL = one script (INCR, then PEXPIRE when the key has no expiry), get = {@code GET},
 * expire = {@code PEXPIRE}, delete = {@code DEL}, flush = {@code FLUSHDB}. Values are decimal strings.
 *
 * <p>Stages complete on the storage's completion executor (by default the common fork-join pool, never a Lettuce
 * I/O thread; see {@link RedisStorage.Builder#completionExecutor}). They fail with {@link io.github.lasier.storage.StorageException}: {@link io.github.lasier.storage.StorageValueException}
 * naming the key when a value is not an integer, {@link RedisWrongTypeException} when a key holds another Redis
 * type. Invalid arguments fail the stage with {@link IllegalArgumentException}.
 *
 * <p>As a {@link CircuitStoreProvider} it gives {@link io.github.lasier.AsyncCircuitBreaker} the fused
 * {@link AsyncRedisCircuitStore}.
 */
public final class AsyncRedisStorage implements AsyncStorage, CircuitStoreProvider {

    private final RedisCommandRunner redis;
    private final CircuitScripts scripts;
    private final ScriptCalls calls;
    private final AsyncRedisCircuitStore asyncCircuitStore;
    private final CircuitStore circuitStore;

    /**
     * @param circuitStore the synchronous store to hand out, which waits on stages completed on the I/O thread
     *                     rather than on the completion executor; {@code null} for the storage the synchronous
     *                     classes wait on
     */
    AsyncRedisStorage(RedisCommandRunner redis, CircuitScripts scripts, CircuitStore circuitStore) {
        this.redis = redis;
        this.scripts = scripts;
        this.calls = new ScriptCalls(redis);
        this.asyncCircuitStore = new AsyncRedisCircuitStore(redis, scripts);
        this.circuitStore = circuitStore;
    }

    @Override
    public CompletionStage<Boolean> add(String key, long value, Duration ttl) {
        return checked(() -> {
            SetArgs args = SetArgs.Builder.px(Ttl.toMillis("ttl", ttl)).nx();
            return redis.run("SET NX", requireKey(key), commands -> commands.set(key, Long.toString(value), args))
                    .thenApply("OK"::equals);
        });
    }

    @Override
    public CompletionStage<Void> set(String key, long value, Duration ttl) {
        return checked(() -> {
            SetArgs args = ttl == null ? null : SetArgs.Builder.px(Ttl.toMillis("ttl", ttl));
            String text = Long.toString(value);
            return redis.run("SET", requireKey(key),
                    commands -> args == null ? commands.set(key, text) : commands.set(key, text, args))
                    .thenApply(reply -> null);
        });
    }

    @Override
    public CompletionStage<Long> incr(String key) {
        return checked(() -> redis.run("INCR", requireKey(key), commands -> commands.incr(key)
                .exceptionallyCompose(thrown -> RedisErrors.isNotAnInteger(RedisErrors.unwrap(thrown))
                        ? notAnInteger(commands, key)
                        : CompletableFuture.failedFuture(thrown))));
    }

    /** {@inheritDoc} A key that exists without expiry also gets {@code ttlIfCreated}: no counter lives forever. */
    @Override
    public CompletionStage<Long> incr(String key, Duration ttlIfCreated) {
        return checked(() -> {
            String ttl = Long.toString(Ttl.toMillis("ttlIfCreated", ttlIfCreated));
            return calls.run(scripts.incr, new String[] {requireKey(key)}, ttl).thenApply(reply -> reply[0]);
        });
    }

    @Override
    public CompletionStage<OptionalLong> get(String key) {
        return checked(() -> redis.run("GET", requireKey(key), commands -> commands.get(key)
                .thenApply(value -> parse(key, value))));
    }

    @Override
    public CompletionStage<Boolean> expire(String key, Duration ttl) {
        return checked(() -> {
            long millis = Ttl.toMillis("ttl", ttl);
            return redis.run("PEXPIRE", requireKey(key), commands -> commands.pexpire(key, millis));
        });
    }

    @Override
    public CompletionStage<Boolean> delete(String key) {
        return checked(() -> redis.run("DEL", requireKey(key), commands -> commands.del(key))
                .thenApply(deleted -> deleted > 0));
    }

    /** {@inheritDoc} Runs {@code FLUSHDB}: every key of the connection's database goes, not only Lasier's. */
    @Override
    public CompletionStage<Void> flush() {
        return redis.run("FLUSHDB", null, RedisAsyncCommands::flushdb).thenApply(reply -> null);
    }

    /** The fused store for {@link io.github.lasier.CircuitBreaker}, over the same connection. */
    @Override
    public CircuitStore circuitStore() {
        return circuitStore;
    }

    /** The fused store for {@link io.github.lasier.AsyncCircuitBreaker}. */
    @Override
    public AsyncRedisCircuitStore asyncCircuitStore() {
        return asyncCircuitStore;
    }

    /** Reads a stored counter: a decimal integer, or absent. */
    static OptionalLong parse(String key, String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw RedisErrors.notAnInteger(key, value);
        }
    }

    /** Fetches the offending value, only on this error path, to name it in the exception. */
    private static CompletionStage<Long> notAnInteger(RedisAsyncCommands<String, String> commands, String key) {
        return commands.get(key).thenApply(value -> {
            throw RedisErrors.notAnInteger(key, value);
        });
    }

    private static <T> CompletionStage<T> checked(Supplier<CompletionStage<T>> operation) {
        try {
            return operation.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be null or empty, got: "
                    + (key == null ? "null" : "''"));
        }
        return key;
    }
}
