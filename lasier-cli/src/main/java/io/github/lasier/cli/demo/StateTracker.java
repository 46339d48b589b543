package io.github.lasier.cli.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The circuit's state over time, as sampled from the store: the store is the truth when several demos share it, and
 * a demo that never failed a call sees the circuit open only there. Used by one thread.
 */
final class StateTracker {

    /** A change of state, {@code atNanos} after the start. */
    record Transition(long atNanos, boolean open) {
    }

    /** A stretch of one state. */
    record Segment(boolean open, long fromNanos, long toNanos) {
    }

    private final List<Transition> transitions = new ArrayList<>();
    private boolean open;

    /** @return whether the state changed */
    boolean observe(boolean openNow, long atNanos) {
        if (openNow == open) {
            return false;
        }
        open = openNow;
        transitions.add(new Transition(atNanos, openNow));
        return true;
    }

    boolean isOpen() {
        return open;
    }

    /** When the circuit opened, in nanoseconds after the start. */
    List<Long> openedAt() {
        return transitions.stream().filter(Transition::open).map(Transition::atNanos).toList();
    }

    /** When it closed again. */
    List<Long> closedAt() {
        return transitions.stream().filter(t -> !t.open()).map(Transition::atNanos).toList();
    }

    /** The states from the start to {@code endNanos}, beginning closed. */
    List<Segment> timeline(long endNanos) {
        List<Segment> segments = new ArrayList<>();
        long from = 0;
        boolean state = false;
        for (Transition transition : transitions) {
            segments.add(new Segment(state, from, transition.atNanos()));
            from = transition.atNanos();
            state = transition.open();
        }
        segments.add(new Segment(state, from, Math.max(from, endNanos)));
        return segments;
    }
}
