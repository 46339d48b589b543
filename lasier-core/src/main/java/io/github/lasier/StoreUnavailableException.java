package io.github.lasier;

import io.github.lasier.storage.StorageException;

/**
 * Thrown under {@link StoreFailurePolicy#PROPAGATE} while a breaker does not ask its store because the store failed
 * less than the store retry interval ago. The cause is the failure that made the store unavailable.
 */
public class StoreUnavailableException extends StorageException {

    /**
     * @param circuitName the circuit whose store is unavailable
     * @param lastFailure the failure that made it unavailable
     */
    public StoreUnavailableException(String circuitName, Throwable lastFailure) {
        super("store of circuit '" + circuitName + "' is unavailable", lastFailure);
    }
}
