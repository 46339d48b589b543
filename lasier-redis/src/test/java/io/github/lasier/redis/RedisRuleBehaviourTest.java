package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.testkit.RuleBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's rule behaviour suite, sync and async breakers, on the fused Redis store of a real redis-server. */
class RedisRuleBehaviourTest extends RuleBehaviourSuite {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected StoreUnderTest store() {
        return REDIS.storeUnderTest();
    }
}
