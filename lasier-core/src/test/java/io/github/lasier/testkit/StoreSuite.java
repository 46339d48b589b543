package io.github.lasier.testkit;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;
import org.junit.jupiter.api.BeforeEach;

/** What every behaviour suite shares: the store it runs on, emptied before each test. */
public abstract class StoreSuite {

    /** The store under test; a backend module returns its own. */
    protected abstract StoreUnderTest store();

    /** The store's keys, read and written directly, as another instance (or Lasier) would. */
    protected Storage keys;

    @BeforeEach
    void cleanStore() {
        keys = store().storage();
        keys.flush();
    }

    /** The synchronous storage under test. */
    protected final Storage storage() {
        return store().storage();
    }

    /** The asynchronous storage under test, over the same data as {@link #storage()}. */
    protected final AsyncStorage asyncStorage() {
        return store().asyncStorage();
    }

    /** Whether {@code key} exists with a TTL. */
    protected final boolean hasTtl(String key) {
        return store().hasTtl().test(key);
    }
}
