package io.github.lasier;

/**
 * What a breaker does while its store is unreachable, slow beyond its timeout, or failing. Under every policy the
 * breaker stops asking a failed store for the store retry interval, then lets one call probe it; so an outage does
 * not add the store's timeout to every call. One warning is logged when the store becomes unavailable and one info
 * once it has been back for a retry interval; a store that fails again sooner is still in the same outage.
 */
public enum StoreFailurePolicy {

    /**
     * The default: calls go ahead, protected by a local in-memory breaker with the same rule and timeouts, until the
     * store is back. Circuits the local breaker opened stay open for their timeout after the store returns. No
     * storage exception reaches the caller.
     */
    LOCAL_FALLBACK,

    /** Calls are rejected with the failure exception while the store is unavailable. */
    FAIL_CLOSED,

    /**
     * The store's failure is thrown to the caller as a {@link io.github.lasier.storage.StorageException}; during the
     * retry interval without asking the store, as a {@link StoreUnavailableException}.
     */
    PROPAGATE
}
