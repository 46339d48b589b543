package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.CircuitOpenException;
import io.github.lasier.FailedResultException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-second counts behind the demo's table. */
class RecorderTest {

    private static final long MS = 1_000_000L;

    private static RuntimeException serverError() {
        try {
            ServerErrorException.check(500);
        } catch (ServerErrorException e) {
            return e;
        }
        throw new AssertionError("500 is a server error");
    }

    /** A call refused because every probe lease was taken: the breaker tells no time left open. */
    private static CircuitOpenException refusedForAProbe() {
        return new CircuitOpenException("demo", null, null);
    }

    @Test
    void aProbeShowsTheCircuitHalfOpenInTheSecondItStartedNotInTheOneItEnded() {
        Recorder recorder = new Recorder(Long.MAX_VALUE);

        recorder.probeStarted(12_500 * MS);
        TickStats started = recorder.rollTick(13_000 * MS);
        // It timed out after the circuit opened again: the next second was open throughout.
        recorder.record(new GuardedCall.Ended(serverError(), true, -1), 12_500 * MS, 700 * MS, Health.FAILING);
        TickStats ended = recorder.rollTick(14_000 * MS);

        assertThat(started.probes()).isEqualTo(1);
        assertThat(started.sawHalfOpen()).isTrue();
        assertThat(ended.probes()).isZero();
        assertThat(ended.sawHalfOpen()).isFalse();
        assertThat(ended.calls()).as("its outcome counts when it ended").isEqualTo(1);
        assertThat(ended.failures()).isEqualTo(1);
        assertThat(recorder.probeTotals().probes()).isEqualTo(1);
        assertThat(recorder.probeTotals().failed()).isEqualTo(1);
    }

    @Test
    void aRefusalForWantOfAProbeLeaseCountsInTheSecondItStarted() {
        Recorder recorder = new Recorder(Long.MAX_VALUE);

        recorder.record(new GuardedCall.Ended(refusedForAProbe(), false, -1), 13_999 * MS, 3 * MS, Health.HEALTHY);
        TickStats fourteenth = recorder.rollTick(14_000 * MS);
        // Reported after its second's row was out: it must not make the next second look half-open.
        recorder.record(new GuardedCall.Ended(refusedForAProbe(), false, -1), 13_998 * MS, 4 * MS, Health.HEALTHY);
        TickStats fifteenth = recorder.rollTick(15_000 * MS);

        assertThat(fourteenth.sawHalfOpen()).isTrue();
        assertThat(fifteenth.sawHalfOpen()).isFalse();
        assertThat(fifteenth.rejections()).isEqualTo(1);
        assertThat(recorder.probeTotals().rejectedWhileProbing()).isEqualTo(2);
    }

    @Test
    void slowCallsAreCountedApartFromTheSuccessesAndTheFailures() {
        Recorder recorder = new Recorder(5 * MS);

        recorder.record(new GuardedCall.Ended(null, false, 4 * MS), 0, 5 * MS, Health.HEALTHY);
        recorder.record(new GuardedCall.Ended(null, false, 6 * MS), 0, 7 * MS, Health.HEALTHY);
        // The slow call that crossed the threshold: the breaker threw its exception instead of returning.
        recorder.record(new GuardedCall.Ended(new CircuitOpenException("demo", Duration.ofSeconds(4),
                new FailedResultException("demo", null)), false, -1), 0, 8 * MS, Health.HEALTHY);
        TickStats tick = recorder.rollTick(1_000 * MS);
        RunTotals totals = recorder.totals();

        assertThat(tick.successes()).isEqualTo(1);
        assertThat(tick.slow()).isEqualTo(2);
        assertThat(tick.failures()).isZero();
        assertThat(totals.slowCalls()).isEqualTo(2);
        assertThat(totals.otherFailures()).as("a slow call is not an unexplained failure").isZero();
        assertThat(totals.failures()).isZero();
        assertThat(totals.opensCausedHere()).isEqualTo(1);
    }

    @Test
    void aSlowProbeFailed() {
        Recorder recorder = new Recorder(5 * MS);

        recorder.record(new GuardedCall.Ended(null, true, 6 * MS), 0, 7 * MS, Health.HEALTHY);

        assertThat(recorder.probeTotals().failed()).isEqualTo(1);
        assertThat(recorder.probeTotals().succeeded()).isZero();
    }

    @Test
    void theLastRowTakesEveryProbeStillUncounted() {
        Recorder recorder = new Recorder(Long.MAX_VALUE);

        recorder.probeStarted(Duration.ofMillis(5_900).toNanos());
        recorder.probeStarted(Duration.ofMillis(6_010).toNanos());

        assertThat(recorder.rollTick(Long.MAX_VALUE).probes()).isEqualTo(2);
    }
}
