package io.github.lasier;

import io.github.lasier.testkit.BreakerBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;

/** The breaker behaviour suite (Lasier's behaviour), sync and async breakers, on the generic circuit store. */
class GenericStoreBreakerBehaviourTest extends BreakerBehaviourSuite {

    private final StoreUnderTest store = StoreUnderTest.generic();

    @Override
    protected StoreUnderTest store() {
        return store;
    }
}
