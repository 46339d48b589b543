package io.github.lasier.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A monotonic clock in nanoseconds that costs one volatile read: one daemon thread, shared by every in-memory
 * storage of the JVM, copies {@link System#nanoTime()} about once a millisecond. Reading {@code nanoTime} itself costs
 * tens of nanoseconds on virtual machines, more than the rest of a counted call; TTLs are millisecond durations, so a
 * reading up to about a millisecond old (more only while the machine starves the thread) moves an expiry by as much.
 */
final class CoarseClock {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static volatile long now = System.nanoTime();

    static {
        Thread ticker = new Thread(CoarseClock::tick, "lasier-coarse-clock");
        ticker.setDaemon(true);
        ticker.start();
    }

    private CoarseClock() {
    }

    /** The time of the last tick, in {@link System#nanoTime()}'s scale; never goes backwards. */
    static long nanoTime() {
        return now;
    }

    private static void tick() {
        while (true) {
            now = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
