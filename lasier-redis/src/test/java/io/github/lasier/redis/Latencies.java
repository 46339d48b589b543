package io.github.lasier.redis;

import java.util.Arrays;

/** How long callers waited, one entry per call; thread-safe. For bounds in fault tests, not for speed claims. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int size;

    synchronized void add(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    synchronized int count() {
        return size;
    }

    synchronized void clear() {
        size = 0;
    }

    /** The {@code percent} percentile, in milliseconds (nearest rank). */
    synchronized double percentileMillis(double percent) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    synchronized double maxMillis() {
        return percentileMillis(100);
    }

    /** How many calls took longer than {@code millis}. */
    synchronized long countAbove(double millis) {
        return Arrays.stream(nanos, 0, size).filter(n -> n / 1e6 > millis).count();
    }

    @Override
    public synchronized String toString() {
        return String.format("%d calls: p50 %.1f ms, p99 %.1f ms, max %.1f ms", size, percentileMillis(50),
                percentileMillis(99), maxMillis());
    }
}
