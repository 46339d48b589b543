package io.github.lasier.cli.demo;

import java.util.Arrays;

/**
 * Latencies of one interval, kept whole and sorted when read: the demo makes some hundreds of calls a second, so an
 * exact percentile costs less than a histogram's bookkeeping. Not thread-safe; {@link Recorder} guards it.
 */
final class LatencySample {

    private long[] nanos = new long[256];
    private int size;

    void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    int size() {
        return size;
    }

    /**
     * The nearest-rank percentile.
     *
     * @param percent in (0, 100]
     * @return nanoseconds, or -1 when the sample is empty
     */
    long percentile(double percent) {
        if (size == 0) {
            return -1;
        }
        Arrays.sort(nanos, 0, size);
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return nanos[Math.max(0, Math.min(size, rank) - 1)];
    }

    void clear() {
        size = 0;
    }
}
