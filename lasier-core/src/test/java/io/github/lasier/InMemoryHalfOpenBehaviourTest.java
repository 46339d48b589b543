package io.github.lasier;

import io.github.lasier.testkit.HalfOpenBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;

/** The half-open behaviour suite, sync and async breakers, on the in-memory store's fused circuit store. */
class InMemoryHalfOpenBehaviourTest extends HalfOpenBehaviourSuite {

    private final StoreUnderTest store = StoreUnderTest.inMemory();

    @Override
    protected StoreUnderTest store() {
        return store;
    }
}
