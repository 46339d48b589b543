package io.github.lasier;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.InMemoryStorage;
import io.github.lasier.storage.Storage;
import io.github.lasier.testkit.RuleBehaviourSuite;

/** The rule behaviour suite, sync and async breakers, on the in-memory store's fused circuit store. */
class InMemoryRuleBehaviourTest extends RuleBehaviourSuite {
    private final InMemoryStorage storage = new InMemoryStorage();

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
        return storage.hasExpiry(key);
    }
}
