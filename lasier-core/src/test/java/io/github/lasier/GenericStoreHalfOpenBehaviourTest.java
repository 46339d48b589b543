package io.github.lasier;

import io.github.lasier.testkit.HalfOpenBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;

/** The half-open behaviour suite, sync and async breakers, on the generic circuit store. */
class GenericStoreHalfOpenBehaviourTest extends HalfOpenBehaviourSuite {

    private final StoreUnderTest store = StoreUnderTest.generic();

    @Override
    protected StoreUnderTest store() {
        return store;
    }
}
