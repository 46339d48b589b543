package io.github.lasier.store;

/**
 * The keys of a sliding window's buckets, for one position of the window: the bucket numbered {@link #lastBucket()}
 * and the ones before it. Built once per bucket period by {@link Circuit#windowKeys(long)}, so counting a call in the
 * window builds no string.
 */
public final class WindowKeys {

    private final long lastBucket;
    private final String[] failureKeys;
    private final String[] requestKeys;

    WindowKeys(String failureKey, String requestKey, long lastBucket, int buckets) {
        this.lastBucket = lastBucket;
        // One more than the window holds: opening also deletes the bucket just before the window.
        this.failureKeys = new String[buckets + 1];
        this.requestKeys = new String[buckets + 1];
        for (int age = 0; age <= buckets; age++) {
            failureKeys[age] = Circuit.bucketKey(failureKey, lastBucket - age);
            requestKeys[age] = Circuit.bucketKey(requestKey, lastBucket - age);
        }
    }

    /** The number of the window's newest bucket. */
    public long lastBucket() {
        return lastBucket;
    }

    /** How many keys of each counter there are: the window's buckets, and the one before. */
    public int size() {
        return failureKeys.length;
    }

    /** The failure counter's key of the bucket {@code age} buckets before the newest (0 is the newest). */
    public String failureKey(int age) {
        return failureKeys[age];
    }

    /** The request counter's key of the bucket {@code age} buckets before the newest (0 is the newest). */
    public String requestKey(int age) {
        return requestKeys[age];
    }
}
