package io.github.lasier.cli.demo;

/** Time since the demo started; the schedule, the rows and the summary all count from the same instant. */
final class DemoClock {

    private volatile long startNanos = -1;

    /** Starts counting; until then the time is 0. */
    void start() {
        startNanos = System.nanoTime();
    }

    long nanos() {
        long start = startNanos;
        return start < 0 ? 0 : System.nanoTime() - start;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
