package io.github.lasier.cli.demo;

import io.github.lasier.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
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
    private final BooleanSupplier halfOpenMarker;
    private final Duration slowCall;

    /**
     * @param schedule       how the service behaves over time
     * @param clients        concurrent clients
     * @param ratePerClient  calls a second per client
     * @param slowShare      share of failing answers that come late
     * @param slowDelay      how late
     * @param requestTimeout how long the clients wait, so that late answers fail; bounds the wait at the end
     * @param halfOpenMarker whether the store holds the circuit's half-open marker now; {@code null} when the
     *                       breakers have no half-open state
     * @param slowCall       the rule's slow-call threshold; {@code null} when it counts no slow calls
     */
    public DemoRun(Schedule schedule, int clients, double ratePerClient, double slowShare, Duration slowDelay,
            Duration requestTimeout, BooleanSupplier halfOpenMarker, Duration slowCall) {
        this.schedule = schedule;
        this.clients = clients;
        this.ratePerClient = ratePerClient;
        this.slowShare = slowShare;
        this.slowDelay = slowDelay;
        this.requestTimeout = requestTimeout;
        this.halfOpenMarker = halfOpenMarker;
        this.slowCall = slowCall;
    }

    /**
     * Plays the schedule and returns the summary, having rendered the run as it went.
     *
     * @param callTo makes the guarded call to the service at the given URI
     */
    Summary play(Function<URI, GuardedCall> callTo, ConsoleRenderer renderer, List<String> settings)
            throws IOException {
        DemoClock clock = new DemoClock();
        Recorder recorder = new Recorder(slowCall == null ? Long.MAX_VALUE : slowCall.toNanos());
        StateTracker tracker = new StateTracker();
        try (FlakyService service = FlakyService.start(() -> schedule.healthAt(clock.nanos()), slowShare,
                slowDelay)) {
            GuardedCall call = callTo.apply(service.uri());
            // Connections and JIT warm up before the clock starts, so the first second shows no cold-start timeouts.
            call.warmUp(clients);
            clock.start();
            tracker.observe(sample(call, CircuitState.CLOSED), 0);
            renderer.start(settings);
            if (tracker.state() != CircuitState.CLOSED) {
                renderer.event(0, "circuit is already " + tracker.state().label() + " in the store", tracker.state());
            }
            LoadDriver driver = new LoadDriver(call, clients, ratePerClient, recorder, clock, schedule::healthAt);
            driver.start();
            long total = schedule.total().toNanos();
            watch(call, clock, recorder, tracker, renderer, total);
            driver.stop(requestTimeout.plusSeconds(1));
            return new Summary(clock.nanos(), recorder.totals(), tracker.openedAt(), tracker.closedAt(),
                    tracker.timeline(clock.nanos()), service.servedWhileFailing(),
                    halfOpenMarker == null ? null : tracker.halfOpenAt(), slowCall);
        }
    }

    /** Samples the circuit and renders until the schedule is over. */
    private void watch(GuardedCall call, DemoClock clock, Recorder recorder, StateTracker tracker,
            ConsoleRenderer renderer, long totalNanos) {
        int phase = -1;
        long nextTick = TICK_NANOS;
        int second = 0;
        boolean halfOpenThisSecond = false;
        ProbeTotals probesSeen = recorder.probeTotals();
        long probesSucceededSeen = 0;
        while (true) {
            long now = clock.nanos();
            // The row for the second that just ended comes before the events of the new one.
            if (now >= nextTick || now >= totalNanos) {
                TickStats tick = recorder.rollTick(now >= totalNanos ? Long.MAX_VALUE : nextTick);
                if (now < totalNanos || tick.calls() > 0) {
                    second++;
                    // A probe may come and go between two samples: its start shows the circuit was half-open then.
                    boolean halfOpen = halfOpenMarker != null && (halfOpenThisSecond || tick.sawHalfOpen());
                    renderer.row(second, schedule.healthAt(Math.min(nextTick, totalNanos) - 1), tick,
                            halfOpen ? CircuitState.HALF_OPEN : tracker.state());
                }
                halfOpenThisSecond = tracker.state() == CircuitState.HALF_OPEN;
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
            CircuitState before = tracker.state();
            CircuitState state = sample(call, before);
            ProbeTotals probes = recorder.probeTotals();
            boolean reopened = probes.reopened() > probesSeen.reopened();
            if (tracker.observe(state, now)) {
                renderer.event(now, change(before, state, reopened, probes.succeeded() > probesSucceededSeen),
                        state);
                probesSucceededSeen = probes.succeeded();
            } else if (reopened && state == CircuitState.OPEN) {
                // Half-open for less than a sample: the probe that failed is all there is to see.
                renderer.event(now, "a probe failed: circuit OPEN again", CircuitState.OPEN);
            }
            probesSeen = probes;
            halfOpenThisSecond |= state == CircuitState.HALF_OPEN;
            if (now >= totalNanos) {
                return;
            }
            renderer.progress(now, totalNanos, schedule.healthAt(now), tracker.state());
            sleep(Math.min(SAMPLE_EVERY_MILLIS, Math.max(1, (totalNanos - now) / 1_000_000)));
        }
    }

    /** The line for a change of the circuit's state. */
    private static String change(CircuitState before, CircuitState after, boolean probeReopened,
            boolean probesSucceeded) {
        switch (after) {
            case OPEN:
                return before == CircuitState.HALF_OPEN || probeReopened ? "circuit OPEN again: a probe failed"
                        : "circuit OPEN: calls are rejected at once";
            case HALF_OPEN:
                return "circuit half-open: probes call the service, other calls are rejected";
            default:
                // Only a probe's success says why: a round nobody probes, or an operator, closes it too.
                return probesSucceeded ? "circuit closed: the probes succeeded, calls reach the service again"
                        : "circuit closed: calls reach the service again";
        }
    }

    /** The circuit's state in the store; when the store fails, the last known state stands. */
    private CircuitState sample(GuardedCall call, CircuitState lastKnown) {
        try {
            if (call.isOpen()) {
                return CircuitState.OPEN;
            }
            return halfOpenMarker != null && halfOpenMarker.getAsBoolean() ? CircuitState.HALF_OPEN
                    : CircuitState.CLOSED;
        } catch (StorageException | CompletionException e) {
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
