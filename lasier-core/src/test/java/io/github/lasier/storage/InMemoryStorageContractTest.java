package io.github.lasier.storage;

import io.github.lasier.testkit.StorageContract;

class InMemoryStorageContractTest extends StorageContract {
    private final InMemoryStorage storage = new InMemoryStorage();

    @Override
    protected Storage storage() {
        return storage;
    }
}
