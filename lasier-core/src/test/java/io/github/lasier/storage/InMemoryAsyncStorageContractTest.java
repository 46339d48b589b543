package io.github.lasier.storage;

import io.github.lasier.testkit.BlockingStorage;
import io.github.lasier.testkit.StorageContract;

class InMemoryAsyncStorageContractTest extends StorageContract {
    private final Storage storage = new BlockingStorage(new InMemoryStorage().async());

    @Override
    protected Storage storage() {
        return storage;
    }
}
