package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.redis.testing.CommandMonitor;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.RespConnection;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.HalfOpen;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import java.time.Duration;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands per store event for the half-open operations and the counting kinds, as the server counts them: each is
 * one round trip, sync and async alike.
 */
class StoreEventRoundTripTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int EVENTS = 200;

    private static final Circuit HALF_OPEN = Circuit.of("ho", new MaxFailuresRule(5, "ho_failures"),
            Duration.ofSeconds(30), Duration.ofSeconds(20), "", new HalfOpen(3, 3, Duration.ofSeconds(30)));
    private static final Circuit IN_A_ROW = Circuit.of("row", new ConsecutiveFailuresRule(1_000_000,
            "row_failures"), Duration.ofSeconds(30), Duration.ofSeconds(20), "");
    private static final Circuit SLIDING = Circuit.of("sliding", new SlidingWindowRule(100, 1_000_000,
            Duration.ofSeconds(10), Duration.ofSeconds(1), "sw_failures", "sw_requests"),
            Duration.ofSeconds(30), Duration.ofSeconds(20), "");

    private RedisStorage storage;
    private CircuitStore sync;
    private AsyncCircuitStore async;
    private CommandMonitor counter;
    /** Sets up state between the events; its commands are counted too, and subtracted where used. */
    private RespConnection fixture;

    @BeforeEach
    void connect() {
        storage = TestStorages.connect(REDIS.server());
        sync = storage.circuitStore();
        async = storage.asyncCircuitStore();
        counter = new CommandMonitor(REDIS.server());
        fixture = REDIS.server().connect();
    }

    @AfterEach
    void disconnect() {
        fixture.close();
        counter.close();
        storage.close();
    }

    /** Runs event {@code i} for i from 1 to {@link #EVENTS}, after a warm-up (event 0) that loads the script. */
    private double perEvent(IntConsumer event) {
        event.accept(0);
        counter.mark();
        for (int i = 1; i <= EVENTS; i++) {
            event.accept(i);
        }
        CommandMonitor.Counts counts = counter.countSinceMark();
        assertThat(counts.clientCommands() + counts.scriptCommands()).as("MONITOR agrees with INFO stats")
                .isEqualTo(counts.infoStatsTotal());
        return (double) counts.clientCommands() / EVENTS;
    }

    private static void report(String what, double perEvent) {
        System.out.printf("Redis commands per event, %s: %.2f%n", what, perEvent);
    }

    private void halfOpen() {
        sync.open(HALF_OPEN);
        fixture.command("DEL", HALF_OPEN.openKey());
    }

    @Test
    void askingForAPermitTakesOneCommandWhateverTheAnswer() {
        halfOpen();
        double granting = perEvent(i -> {
            // Each probe gives its lease back afterwards (not measured here), so every request is granted.
            assertThat(sync.acquirePermit(HALF_OPEN, 1)).isEqualTo(CircuitStore.PROBE_GRANTED);
            fixture.command("DEL", HALF_OPEN.probeKey(0));
        });
        double refusing = perEvent(i -> {
            if (i == 0) {
                for (int lease = 1; lease <= 3; lease++) {
                    sync.acquirePermit(HALF_OPEN, lease);
                }
            }
            assertThat(async.acquirePermit(HALF_OPEN, 10 + i).toCompletableFuture().join())
                    .isEqualTo(CircuitStore.PROBES_IN_FLIGHT);
        });
        sync.open(HALF_OPEN);
        double open = perEvent(i -> assertThat(sync.acquirePermit(HALF_OPEN, 1)).isPositive());

        report("acquirePermit granted, sync", granting - 1);
        report("acquirePermit in flight, async", refusing);
        report("acquirePermit open, sync", open);
        assertThat(granting - 1).as("the permit, less the test's DEL of its lease").isEqualTo(1);
        assertThat(refusing).isEqualTo(1);
        assertThat(open).isEqualTo(1);
    }

    @Test
    void reportingAProbeTakesOneCommand() {
        halfOpen();
        // Each probe's lease is set by the test (counted, and subtracted below): each report is one command.
        double released = perEvent(i -> {
            fixture.command("SET", HALF_OPEN.probeKey(0), Integer.toString(100 + i), "PX", "30000");
            assertThat(sync.reportProbe(HALF_OPEN, 100 + i, ProbeReport.ABANDONED))
                    .isEqualTo(ProbeResult.RELEASED);
        });
        double counted = perEvent(i -> {
            fixture.command("SET", HALF_OPEN.probeKey(0), Integer.toString(100 + i), "PX", "30000");
            fixture.command("DEL", HALF_OPEN.probeSuccessesKey());
            assertThat(async.reportProbe(HALF_OPEN, 100 + i, ProbeReport.SUCCEEDED).toCompletableFuture().join())
                    .isEqualTo(ProbeResult.COUNTED);
        });
        double reopened = perEvent(i -> {
            fixture.command("SET", HALF_OPEN.probeKey(0), Integer.toString(100 + i), "PX", "30000");
            assertThat(sync.reportProbe(HALF_OPEN, 100 + i, ProbeReport.FAILED)).isEqualTo(ProbeResult.REOPENED);
        });
        double lost = perEvent(i -> assertThat(sync.reportProbe(HALF_OPEN, -1, ProbeReport.FAILED))
                .isEqualTo(ProbeResult.LEASE_LOST));

        report("reportProbe released, sync", released - 1);
        report("reportProbe counted, async", counted - 2);
        report("reportProbe reopened, sync", reopened - 1);
        report("reportProbe lease lost, sync", lost);
        assertThat(released - 1).as("less the test's SET").isEqualTo(1);
        assertThat(counted - 2).as("less the test's SET and DEL").isEqualTo(1);
        assertThat(reopened - 1).as("less the test's SET").isEqualTo(1);
        assertThat(lost).isEqualTo(1);
    }

    @Test
    void aSuccessEndingARunOfFailuresTakesOneCommand() {
        double syncSuccess = perEvent(i -> sync.recordRequest(IN_A_ROW));
        double asyncSuccess = perEvent(i -> async.recordRequest(IN_A_ROW).toCompletableFuture().join());
        double failure = perEvent(i -> sync.recordFailure(IN_A_ROW));

        report("consecutive success, sync", syncSuccess);
        report("consecutive success, async", asyncSuccess);
        report("consecutive failure, sync", failure);
        assertThat(syncSuccess).isEqualTo(1);
        assertThat(asyncSuccess).isEqualTo(1);
        assertThat(failure).isEqualTo(1);

        counter.resetStats();
        for (int i = 0; i < EVENTS; i++) {
            sync.recordRequest(IN_A_ROW);
        }
        assertThat(counter.callsPerCommand()).as("a plain DEL, no script").containsEntry("del", (long) EVENTS)
                .doesNotContainKeys("evalsha", "eval");
    }

    @Test
    void aSlidingWindowsSuccessAndFailureTakeOneCommandEach() {
        double syncSuccess = perEvent(i -> sync.recordRequest(SLIDING));
        double asyncSuccess = perEvent(i -> async.recordRequest(SLIDING).toCompletableFuture().join());
        double syncFailure = perEvent(i -> sync.recordFailure(SLIDING));
        double asyncFailure = perEvent(i -> async.recordFailure(SLIDING).toCompletableFuture().join());

        report("sliding success, sync", syncSuccess);
        report("sliding success, async", asyncSuccess);
        report("sliding failure, sync", syncFailure);
        report("sliding failure, async", asyncFailure);
        assertThat(syncSuccess).isEqualTo(1);
        assertThat(asyncSuccess).isEqualTo(1);
        assertThat(syncFailure).isEqualTo(1);
        assertThat(asyncFailure).isEqualTo(1);
    }

    @Test
    void eachOfTheseEventsIsOneScriptRunBySha() {
        halfOpen();
        for (int i = 0; i <= EVENTS; i++) {
            if (i == 1) {
                // After one of each has loaded the scripts.
                counter.resetStats();
            }
            sync.acquirePermit(HALF_OPEN, i + 1);
            sync.reportProbe(HALF_OPEN, i + 1, ProbeReport.ABANDONED);
            sync.recordRequest(SLIDING);
            sync.recordFailure(SLIDING);
        }

        assertThat(counter.callsPerCommand()).containsEntry("evalsha", 4L * EVENTS).doesNotContainKey("eval");
    }
}
