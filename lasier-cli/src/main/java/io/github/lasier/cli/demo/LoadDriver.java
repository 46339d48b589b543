package io.github.lasier.cli.demo;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Concurrent clients, each calling at a steady pace: a call starts every {@code 1/rate} seconds, or at once when the
 * previous one took longer. Pacing keeps the calls per second comparable between phases, so the rejections show how
 * many calls the failing service was spared.
 */
final class LoadDriver {

    private final GuardedCall call;
    private final int clients;
    private final long intervalNanos;
    private final Recorder recorder;
    private final DemoClock clock;
    private final LongFunction<Health> healthAt;
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopped;

    /**
     * @param call          the guarded call each client makes
     * @param clients       how many clients call concurrently
     * @param ratePerClient calls a second each client starts
     * @param healthAt      the service's health at a time since the start, to tell spared calls apart
     */
    LoadDriver(GuardedCall call, int clients, double ratePerClient, Recorder recorder, DemoClock clock,
            LongFunction<Health> healthAt) {
        this.call = call;
        this.clients = clients;
        this.intervalNanos = (long) (1_000_000_000L / ratePerClient);
        this.recorder = recorder;
        this.clock = clock;
        this.healthAt = healthAt;
        // A blocking call holds its thread, so each client needs its own; async calls only pass through.
        this.scheduler = new ScheduledThreadPoolExecutor(call.blocks() ? clients : 2, runnable -> {
            Thread thread = new Thread(runnable, "demo-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        for (int client = 0; client < clients; client++) {
            long offset = intervalNanos * client / clients;
            scheduler.schedule(() -> callFrom(clock.nanos()), offset, TimeUnit.NANOSECONDS);
        }
    }

    private void callFrom(long dueNanos) {
        if (stopped) {
            return;
        }
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        long startedAt = clock.nanos();
        call.call(() -> recorder.probeStarted(clock.nanos())).thenAccept(ended -> {
            long latency = System.nanoTime() - started;
            recorder.record(ended, startedAt, latency, healthAt.apply(clock.nanos()));
            inFlight.decrementAndGet();
            scheduleNext(dueNanos + intervalNanos);
        });
    }

    private void scheduleNext(long dueNanos) {
        if (stopped) {
            return;
        }
        long now = clock.nanos();
        long next = Math.max(dueNanos, now);
        try {
            scheduler.schedule(() -> callFrom(next), next - now, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            // The run ended while this call was finishing.
        }
    }

    /** Starts no new call, and waits up to {@code grace} for the calls under way to end. */
    void stop(Duration grace) {
        stopped = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        scheduler.shutdownNow();
    }
}
