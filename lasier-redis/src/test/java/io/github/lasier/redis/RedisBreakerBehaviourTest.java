package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.testkit.BreakerBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's breaker behaviour suite (Lasier's behaviour), sync and async breakers, on the fused Redis store of a real redis-server. */
class RedisBreakerBehaviourTest extends BreakerBehaviourSuite {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected StoreUnderTest store() {
        return REDIS.storeUnderTest();
    }
}
