package io.github.lasier.testkit;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.InMemoryStorage;
import io.github.lasier.storage.Storage;
import java.util.function.Predicate;

/**
 * The store a behaviour suite runs on, as each backend provides it once for every suite: both views of the same
 * data, and a way to see whether a key has a TTL.
 *
 * @param storage      the synchronous storage under test; also used to read and write keys directly
 * @param asyncStorage the asynchronous storage under test, over the same data
 * @param hasTtl       whether a key exists with a TTL (a key without one would live forever)
 */
public record StoreUnderTest(Storage storage, AsyncStorage asyncStorage, Predicate<String> hasTtl) {

    /** A new in-memory storage, served by its fused circuit store. */
    public static StoreUnderTest inMemory() {
        InMemoryStorage storage = new InMemoryStorage();
        return new StoreUnderTest(storage, storage.async(), storage::hasExpiry);
    }

    /**
     * A new key-value storage that offers no fused circuit store, so the breakers use the generic one (and, the
     * storage being able to fail, put it behind their store-failure policy).
     */
    public static StoreUnderTest generic() {
        FlakyStorage storage = new FlakyStorage();
        return new StoreUnderTest(storage, storage.async(), storage.data()::hasExpiry);
    }
}
