package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.storage.Storage;
import io.github.lasier.testkit.StorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's storage contract on a real redis-server, synchronous storage. */
class RedisStorageContractTest extends StorageContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static RedisStorage storage;

    @BeforeAll
    static void connect() {
        storage = TestStorages.connect(REDIS.server());
    }

    @AfterAll
    static void disconnect() {
        storage.close();
    }

    @Override
    protected Storage storage() {
        return storage;
    }
}
