package io.github.lasier.storage;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * The operations of {@link Storage}, returning stages instead of blocking. Each stage completes with what the
 * synchronous operation returns, or exceptionally with a {@link StorageException}. Implementations must not block
 * the calling thread.
 */
public interface AsyncStorage {

    /** @see Storage#add(String, long, Duration) */
    CompletionStage<Boolean> add(String key, long value, Duration ttl);

    /** @see Storage#set(String, long, Duration) */
    CompletionStage<Void> set(String key, long value, Duration ttl);

    /** @see Storage#incr(String) */
    CompletionStage<Long> incr(String key);

    /** @see Storage#incr(String, Duration) */
    CompletionStage<Long> incr(String key, Duration ttlIfCreated);

    /** @see Storage#get(String) */
    CompletionStage<OptionalLong> get(String key);

    /** @see Storage#expire(String, Duration) */
    CompletionStage<Boolean> expire(String key, Duration ttl);

    /** @see Storage#delete(String) */
    CompletionStage<Boolean> delete(String key);

    /** @see Storage#flush() */
    CompletionStage<Void> flush();
}
