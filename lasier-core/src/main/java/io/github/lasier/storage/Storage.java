package io.github.lasier.storage;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Key-value storage for circuit state: Lasier's seven cache operations, plus an increment that creates its key
 * with a TTL in the same atomic step. Values are integers, stored as Lasier stores them (decimal integers), so a
 * Python service using Lasier and a Java service using this library can share keys.
 *
 * <p>TTLs are {@link Duration}s of at least one millisecond; see {@link Ttl}. Every operation is atomic on its own.
 * Implementations report failures of the backend as {@link StorageException}, a value that is not an integer as
 * {@link StorageValueException}, and must be thread-safe.
 *
 * @see AsyncStorage the same operations without blocking
 */
public interface Storage {

    /**
     * Stores {@code value} at {@code key} only if the key is absent.
     *
     * @param ttl how long the key lives; required
     * @return {@code true} if the value was stored, {@code false} if the key already existed
     */
    boolean add(String key, long value, Duration ttl);

    /**
     * Stores {@code value} at {@code key}, replacing any value and TTL.
     *
     * @param ttl how long the key lives, or {@code null} for no expiry
     */
    void set(String key, long value, Duration ttl);

    /**
     * Adds one to the value at {@code key}, creating it at 1 with no expiry when absent.
     *
     * @return the value after the increment
     */
    long incr(String key);

    /**
     * Adds one to the value at {@code key}; when the key is absent, creates it at 1 with {@code ttlIfCreated} in the
     * same atomic step, so a counter never exists without a TTL. An existing key keeps its TTL (a fixed window).
     *
     * @return the value after the increment
     */
    long incr(String key, Duration ttlIfCreated);

    /**
     * Reads the value at {@code key}.
     *
     * @return the value, or an empty result when the key is absent (distinct from a stored 0)
     */
    OptionalLong get(String key);

    /**
     * Sets a new TTL on an existing key.
     *
     * @return {@code true} if the key existed
     */
    boolean expire(String key, Duration ttl);

    /**
     * Removes {@code key}.
     *
     * @return {@code true} if the key existed
     */
    boolean delete(String key);

    /** Removes every key of this storage (Lasier's {@code flushdb}). */
    void flush();
}
