package io.github.lasier.cli.demo;

import static io.github.lasier.cli.demo.CircuitState.CLOSED;
import static io.github.lasier.cli.demo.CircuitState.HALF_OPEN;
import static io.github.lasier.cli.demo.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.cli.demo.StateTracker.Segment;
import org.junit.jupiter.api.Test;

/** The timeline of the summary: no stretch that would read as zero-length at its 0.1 s resolution. */
class StateTrackerTest {

    private static final long MS = 1_000_000L;

    @Test
    void aHalfOpenStretchTooShortToShowGoesToTheOpenStateThatFollowedIt() {
        StateTracker tracker = new StateTracker();
        tracker.observe(OPEN, 2_000 * MS);
        tracker.observe(HALF_OPEN, 6_200 * MS);
        tracker.observe(OPEN, 6_240 * MS);
        tracker.observe(CLOSED, 10_300 * MS);

        assertThat(tracker.timeline(15_000 * MS)).containsExactly(
                new Segment(CLOSED, 0, 2_000 * MS),
                new Segment(OPEN, 2_000 * MS, 10_300 * MS),
                new Segment(CLOSED, 10_300 * MS, 15_000 * MS));
        assertThat(tracker.halfOpenAt()).as("the change itself is still listed").containsExactly(6_200 * MS);
        assertThat(tracker.openedAt()).containsExactly(2_000 * MS, 6_240 * MS);
    }

    @Test
    void aCircuitOpenAtTheStartBeginsOpen() {
        StateTracker tracker = new StateTracker();
        tracker.observe(OPEN, 0);
        tracker.observe(CLOSED, 3_000 * MS);

        assertThat(tracker.timeline(5_000 * MS)).containsExactly(
                new Segment(OPEN, 0, 3_000 * MS), new Segment(CLOSED, 3_000 * MS, 5_000 * MS));
    }

    @Test
    void stretchesLongEnoughToShowAreKept() {
        StateTracker tracker = new StateTracker();
        tracker.observe(OPEN, 2_000 * MS);
        tracker.observe(HALF_OPEN, 6_000 * MS);
        tracker.observe(CLOSED, 6_100 * MS);

        assertThat(tracker.timeline(8_000 * MS)).extracting(Segment::state)
                .containsExactly(CLOSED, OPEN, HALF_OPEN, CLOSED);
    }

    @Test
    void theLastStretchIsKeptHoweverShort() {
        StateTracker tracker = new StateTracker();
        tracker.observe(OPEN, 2_000 * MS);

        assertThat(tracker.timeline(2_030 * MS)).containsExactly(
                new Segment(CLOSED, 0, 2_000 * MS), new Segment(OPEN, 2_000 * MS, 2_030 * MS));
    }
}
