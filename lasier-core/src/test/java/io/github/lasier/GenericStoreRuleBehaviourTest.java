package io.github.lasier;

import io.github.lasier.testkit.RuleBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;

/** The rule behaviour suite, sync and async breakers, on the generic circuit store. */
class GenericStoreRuleBehaviourTest extends RuleBehaviourSuite {

    private final StoreUnderTest store = StoreUnderTest.generic();

    @Override
    protected StoreUnderTest store() {
        return store;
    }
}
