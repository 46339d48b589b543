package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.storage.Storage;
import io.github.lasier.testkit.StorageContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's storage contract on a real redis-server, synchronous storage. */
class RedisStorageContractTest extends StorageContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected Storage storage() {
        return REDIS.storage();
    }
}
