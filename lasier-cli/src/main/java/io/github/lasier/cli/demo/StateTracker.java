package io.github.lasier.cli.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The circuit's state over time, as sampled from the store: the store is the truth when several demos share it, and
 * a demo that never failed a call sees the circuit open only there. A half-open state shorter than the sampling
 * interval (a probe that fails or succeeds in a few milliseconds) may be missed here; the probes' own counts show it.
 * Used by one thread.
 */
final class StateTracker {

    /** A change of state, {@code atNanos} after the start. */
    record Transition(long atNanos, CircuitState state) {
    }

    /** A stretch of one state. */
    record Segment(CircuitState state, long fromNanos, long toNanos) {
    }

    private final List<Transition> transitions = new ArrayList<>();
    private CircuitState state = CircuitState.CLOSED;

    /** @return whether the state changed */
    boolean observe(CircuitState now, long atNanos) {
        if (now == state) {
            return false;
        }
        state = now;
        transitions.add(new Transition(atNanos, now));
        return true;
    }

    CircuitState state() {
        return state;
    }

    boolean isOpen() {
        return state == CircuitState.OPEN;
    }

    /** When the circuit opened (again), in nanoseconds after the start. */
    List<Long> openedAt() {
        return at(CircuitState.OPEN);
    }

    /** When it closed again. */
    List<Long> closedAt() {
        return at(CircuitState.CLOSED);
    }

    /** When it was seen half-open. */
    List<Long> halfOpenAt() {
        return at(CircuitState.HALF_OPEN);
    }

    private List<Long> at(CircuitState wanted) {
        return transitions.stream().filter(t -> t.state() == wanted).map(Transition::atNanos).toList();
    }

    /** The states from the start to {@code endNanos}, beginning closed. */
    List<Segment> timeline(long endNanos) {
        List<Segment> segments = new ArrayList<>();
        long from = 0;
        CircuitState current = CircuitState.CLOSED;
        for (Transition transition : transitions) {
            segments.add(new Segment(current, from, transition.atNanos()));
            from = transition.atNanos();
            current = transition.state();
        }
        segments.add(new Segment(current, from, Math.max(from, endNanos)));
        return segments;
    }
}
