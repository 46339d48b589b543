package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;
import io.github.lasier.testkit.HalfOpenBehaviourSuite;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's half-open behaviour suite, sync and async breakers, on the fused Redis store of a real redis-server. */
class RedisHalfOpenBehaviourTest extends HalfOpenBehaviourSuite {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected Storage storage() {
        return REDIS.storage();
    }

    @Override
    protected AsyncStorage asyncStorage() {
        return REDIS.storage().async();
    }

    @Override
    protected boolean hasTtl(String key) {
        return (Long) REDIS.server().command("PTTL", key) > 0;
    }
}
