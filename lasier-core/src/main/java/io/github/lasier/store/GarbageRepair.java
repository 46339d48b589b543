package io.github.lasier.store;

import io.github.lasier.storage.Storage;
import io.github.lasier.storage.StorageValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the generic stores do with a key that holds garbage: warn naming it, and remove it (treat it as absent). */
final class GarbageRepair {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageRepair.class);

    private GarbageRepair() {
    }

    static void warn(StorageValueException garbage) {
        LOG.warn("Treating key '{}' as absent and removing it: {}", garbage.key(), garbage.getMessage());
    }

    static void remove(Storage storage, StorageValueException garbage) {
        warn(garbage);
        storage.delete(garbage.key());
    }

    static Throwable cause(Throwable failure) {
        return Unwrapping.unwrap(failure);
    }
}
