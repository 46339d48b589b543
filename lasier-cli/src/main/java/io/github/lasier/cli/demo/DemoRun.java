package io.github.lasier.cli.demo;

import io.github.lasier.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One run of the demo: starts the service, drives the clients through the breaker while the schedule plays, watches
 * the circuit in the store, reports each second, and sums up.
 */
public final class DemoRun {

    private static final long SAMPLE_EVERY_MILLIS = 50;
    private static final long TICK_NANOS = 1_000_000_000L;

    private final Schedule schedule;
    private final int clients;
    private final double ratePerClient;
    private final double slowShare;
    private final Duration slowDelay;
    private final Duration requestTimeout;

    /**
     * @param schedule       how the service behaves over time
     * @param clients        concurrent clients
     * @param ratePerClient  calls a second per client
     * @param slowShare      share of failing answers that come late
     * @param slowDelay      how late
     * @param requestTimeout how long the clients wait, so that late answers fail; bounds the wait at the end
     */
    public DemoRun(Schedule schedule, int clients, double ratePerClient, double slowShare, Duration slowDelay,
            Duration requestTimeout) {
        this.schedule = schedule;
        this.clients = clients;
        this.ratePerClient = ratePerClient;
        this.slowShare = slowShare;
        this.slowDelay = slowDelay;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Plays the schedule and returns the summary, having rendered the run as it went.
     *
     * @param callTo makes the guarded call to the service at the given URI
     */
    Summary play(Function<URI, GuardedCall> callTo, ConsoleRenderer renderer, List<String> settings)
            throws IOException {
        DemoClock clock = new DemoClock();
        Recorder recorder = new Recorder();
        StateTracker tracker = new StateTracker();
        try (FlakyService service = FlakyService.start(() -> schedule.healthAt(clock.nanos()), slowShare,
                slowDelay)) {
            GuardedCall call = callTo.apply(service.uri());
            // Connections and JIT warm up before the clock starts, so the first second shows no cold-start timeouts.
            call.warmUp(clients);
            clock.start();
            tracker.observe(isOpen(call, false), 0);
            renderer.start(settings);
            if (tracker.isOpen()) {
                renderer.event(0, "circuit is already OPEN in the store", true);
            }
            LoadDriver driver = new LoadDriver(call, clients, ratePerClient, recorder, clock, schedule::healthAt);
            driver.start();
            long total = schedule.total().toNanos();
            watch(call, clock, recorder, tracker, renderer, total);
            driver.stop(requestTimeout.plusSeconds(1));
            return new Summary(clock.nanos(), recorder.totals(), tracker.openedAt(), tracker.closedAt(),
                    tracker.timeline(clock.nanos()), service.servedWhileFailing());
        }
    }

    /** Samples the circuit and renders until the schedule is over. */
    private void watch(GuardedCall call, DemoClock clock, Recorder recorder, StateTracker tracker,
            ConsoleRenderer renderer, long totalNanos) {
        int phase = -1;
        long nextTick = TICK_NANOS;
        int second = 0;
        while (true) {
            long now = clock.nanos();
            // The row for the second that just ended comes before the events of the new one.
            if (now >= nextTick || now >= totalNanos) {
                TickStats tick = recorder.rollTick();
                if (now < totalNanos || tick.calls() > 0) {
                    second++;
                    renderer.row(second, schedule.healthAt(Math.min(nextTick, totalNanos) - 1), tick,
                            tracker.isOpen());
                }
                nextTick += TICK_NANOS;
            }
            int phaseNow = schedule.phaseIndexAt(now);
            if (phaseNow != phase && now < totalNanos) {
                Health health = schedule.phases().get(phaseNow).health();
                if (phase >= 0 || health == Health.FAILING) {
                    renderer.event(schedule.startNanos(phaseNow), health == Health.FAILING
                            ? "service starts failing (HTTP 500, some answers too slow)"
                            : "service is healthy again", health == Health.FAILING);
                }
                phase = phaseNow;
            }
            if (tracker.observe(isOpen(call, tracker.isOpen()), now)) {
                renderer.event(now, tracker.isOpen() ? "circuit OPEN: calls are rejected at once"
                        : "circuit closed: calls reach the service again", tracker.isOpen());
            }
            if (now >= totalNanos) {
                return;
            }
            renderer.progress(now, totalNanos, schedule.healthAt(now), tracker.isOpen());
            sleep(Math.min(SAMPLE_EVERY_MILLIS, Math.max(1, (totalNanos - now) / 1_000_000)));
        }
    }

    /** The circuit's state in the store; when the store fails, the last known state stands. */
    private static boolean isOpen(GuardedCall call, boolean lastKnown) {
        try {
            return call.isOpen();
        } catch (StorageException | java.util.concurrent.CompletionException e) {
            return lastKnown;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the demo was interrupted", e);
        }
    }
}
