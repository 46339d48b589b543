package io.github.lasier;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;
import io.github.lasier.testkit.FlakyStorage;
import io.github.lasier.testkit.HalfOpenBehaviourSuite;

/**
 * The half-open behaviour suite, sync and async breakers, on the generic circuit store, over a key-value storage
 * that offers no fused store.
 */
class GenericStoreHalfOpenBehaviourTest extends HalfOpenBehaviourSuite {
    private final FlakyStorage storage = new FlakyStorage();

    @Override
    protected Storage storage() {
        return storage;
    }

    @Override
    protected AsyncStorage asyncStorage() {
        return storage.async();
    }

    @Override
    protected boolean hasTtl(String key) {
        return storage.data().hasExpiry(key);
    }
}
