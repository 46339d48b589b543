package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.testkit.HalfOpenBehaviourSuite;
import io.github.lasier.testkit.StoreUnderTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's half-open behaviour suite, sync and async breakers, on the fused Redis store of a real redis-server. */
class RedisHalfOpenBehaviourTest extends HalfOpenBehaviourSuite {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected StoreUnderTest store() {
        return REDIS.storeUnderTest();
    }
}
