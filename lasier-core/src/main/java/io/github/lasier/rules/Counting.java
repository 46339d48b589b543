package io.github.lasier.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * How a rule's counters are kept in the store: a pure description that every store implements the same way, so a
 * rule never does I/O or reads a clock itself.
 *
 * <ul>
 *   <li>{@link #fixedWindow()}: Lasier's counters. Each is created with the circuit's failure timeout as its TTL and
 *       later increments do not extend it, so the window ends all at once.</li>
 *   <li>{@link #consecutive()}: the failure counter counts a run of failures; a call that does not fail deletes it.
 *       It is created with the failure timeout as its TTL, so a run older than that is forgotten.</li>
 *   <li>{@link #slidingWindow(Duration, Duration)}: one failure and one request counter per bucket of time; the
 *       totals are the sums over the buckets of the window, so old calls are forgotten one bucket at a time. The
 *       bucket is chosen by the store's clock (the Redis server's, for Redis).</li>
 * </ul>
 */
public final class Counting {

    /** Most buckets a sliding window may have: each failure sums them all, in one store operation. */
    public static final int MAX_BUCKETS = 100;

    /** The kinds of counting. */
    public enum Kind {
        /** Lasier's fixed window. */
        FIXED_WINDOW,
        /** A run of failures, reset by any call that does not fail. */
        CONSECUTIVE,
        /** Buckets of time summed over a window that slides by one bucket at a time. */
        SLIDING_WINDOW
    }

    private static final Counting FIXED_WINDOW = new Counting(Kind.FIXED_WINDOW, 0, 0);
    private static final Counting CONSECUTIVE = new Counting(Kind.CONSECUTIVE, 0, 0);

    private final Kind kind;
    private final long bucketMillis;
    private final int buckets;

    private Counting(Kind kind, long bucketMillis, int buckets) {
        this.kind = kind;
        this.bucketMillis = bucketMillis;
        this.buckets = buckets;
    }

    /** Lasier's fixed window (the default of every rule). */
    public static Counting fixedWindow() {
        return FIXED_WINDOW;
    }

    /** A run of failures, reset by any call that does not fail. */
    public static Counting consecutive() {
        return CONSECUTIVE;
    }

    /**
     * A window of {@code window / bucket} buckets that slides one bucket at a time.
     *
     * @param window how far back calls are counted; a whole multiple of {@code bucket}
     * @param bucket the step by which the window slides; at least 10 ms
     * @throws IllegalArgumentException naming the parameter and the value when the window is not 2 to
     *                                  {@value #MAX_BUCKETS} whole buckets, or a bucket is shorter than 10 ms
     */
    public static Counting slidingWindow(Duration window, Duration bucket) {
        long windowMillis = RuleArguments.requireMillis("window", window);
        long bucketMillis = RuleArguments.requireMillis("bucket", bucket);
        if (bucketMillis < 10 || !bucket.equals(Duration.ofMillis(bucketMillis))) {
            throw new IllegalArgumentException("bucket must be a whole number of milliseconds, at least 10 ms, got: "
                    + bucket);
        }
        if (!window.equals(Duration.ofMillis(windowMillis)) || windowMillis % bucketMillis != 0) {
            throw new IllegalArgumentException("window must be a whole multiple of bucket (" + bucket + "), got: "
                    + window);
        }
        long buckets = windowMillis / bucketMillis;
        if (buckets < 2 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("window must hold 2 to " + MAX_BUCKETS + " buckets of " + bucket
                    + ", got: " + window + " (" + buckets + " buckets)");
        }
        return new Counting(Kind.SLIDING_WINDOW, bucketMillis, (int) buckets);
    }

    /** The kind of counting. */
    public Kind kind() {
        return kind;
    }

    /** A sliding window's bucket in milliseconds; 0 for the other kinds. */
    public long bucketMillis() {
        return bucketMillis;
    }

    /** A sliding window's number of buckets; 0 for the other kinds. */
    public int buckets() {
        return buckets;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Counting that && kind == that.kind && bucketMillis == that.bucketMillis
                && buckets == that.buckets;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, bucketMillis, buckets);
    }

    @Override
    public String toString() {
        return kind == Kind.SLIDING_WINDOW
                ? "slidingWindow(" + buckets + " x " + bucketMillis + " ms)"
                : kind == Kind.CONSECUTIVE ? "consecutive" : "fixedWindow";
    }
}
