package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.CircuitOpenException;
import io.github.lasier.FailedResultException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    private static final long MS = 1_000_000L;

    @Test
    void aCallThatRanLongerThanTheSlowCallThresholdIsSlow() {
        assertThat(Outcome.of(new GuardedCall.Ended(null, false, 6 * MS), 5 * MS)).isEqualTo(Outcome.SLOW);
        assertThat(Outcome.of(new GuardedCall.Ended(null, false, 5 * MS), 5 * MS)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.of(new GuardedCall.Ended(null, false, 60_000 * MS), Long.MAX_VALUE))
                .as("no slow-call rule").isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.SLOW.countsAsFailure()).isTrue();
        assertThat(Outcome.SLOW.isFailure()).as("the caller got an answer").isFalse();
    }

    @Test
    void aSlowCallThatOpenedTheCircuitIsSlowNotAnOtherFailure() {
        Throwable opened = new CompletionException(new CircuitOpenException("demo", Duration.ofSeconds(4),
                new FailedResultException("demo", null)));

        assertThat(Outcome.of(new GuardedCall.Ended(opened, false, -1), 5 * MS)).isEqualTo(Outcome.SLOW);
        assertThat(Outcome.openedCircuit(opened)).isTrue();
    }

    @Test
    void aRefusalIsNeverSlow() {
        Throwable refused = new CircuitOpenException("demo", Duration.ofSeconds(4), null);

        assertThat(Outcome.of(new GuardedCall.Ended(refused, false, -1), 0)).isEqualTo(Outcome.REJECTED);
    }
}
