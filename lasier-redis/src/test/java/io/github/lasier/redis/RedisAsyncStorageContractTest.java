package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.storage.Storage;
import io.github.lasier.testkit.BlockingStorage;
import io.github.lasier.testkit.StorageContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's storage contract on a real redis-server, asynchronous storage. */
class RedisAsyncStorageContractTest extends StorageContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected Storage storage() {
        return new BlockingStorage(REDIS.storage().async());
    }
}
