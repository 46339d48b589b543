package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.CircuitOpenException;
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
        Recorder recorder = new Recorder();

        recorder.probeStarted(12_500 * MS);
        TickStats started = recorder.rollTick(13_000 * MS);
        // It timed out after the circuit opened again: the next second was open throughout.
        recorder.record(new GuardedCall.Ended(serverError(), true), 12_500 * MS, 700 * MS, Health.FAILING);
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
        Recorder recorder = new Recorder();

        recorder.record(new GuardedCall.Ended(refusedForAProbe(), false), 13_999 * MS, 3 * MS, Health.HEALTHY);
        TickStats fourteenth = recorder.rollTick(14_000 * MS);
        // Reported after its second's row was out: it must not make the next second look half-open.
        recorder.record(new GuardedCall.Ended(refusedForAProbe(), false), 13_998 * MS, 4 * MS, Health.HEALTHY);
        TickStats fifteenth = recorder.rollTick(15_000 * MS);

        assertThat(fourteenth.sawHalfOpen()).isTrue();
        assertThat(fifteenth.sawHalfOpen()).isFalse();
        assertThat(fifteenth.rejections()).isEqualTo(1);
        assertThat(recorder.probeTotals().rejectedWhileProbing()).isEqualTo(2);
    }

    @Test
    void theLastRowTakesEveryProbeStillUncounted() {
        Recorder recorder = new Recorder();

        recorder.probeStarted(Duration.ofMillis(5_900).toNanos());
        recorder.probeStarted(Duration.ofMillis(6_010).toNanos());

        assertThat(recorder.rollTick(Long.MAX_VALUE).probes()).isEqualTo(2);
    }
}
