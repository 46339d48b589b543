package io.github.lasier;

import io.github.lasier.testkit.RuleBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;

/** The rule behaviour suite, sync and async breakers, on the in-memory store's fused circuit store. */
class InMemoryRuleBehaviourTest extends RuleBehaviourSuite {

    private final StoreUnderTest store = StoreUnderTest.inMemory();

    @Override
    protected StoreUnderTest store() {
        return store;
    }
}
