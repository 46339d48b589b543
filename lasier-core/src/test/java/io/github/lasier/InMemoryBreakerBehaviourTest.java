package io.github.lasier;

import io.github.lasier.testkit.BreakerBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;

/** The breaker behaviour suite (Lasier's behaviour), sync and async breakers, on the in-memory store's fused circuit store. */
class InMemoryBreakerBehaviourTest extends BreakerBehaviourSuite {

    private final StoreUnderTest store = StoreUnderTest.inMemory();

    @Override
    protected StoreUnderTest store() {
        return store;
    }
}
