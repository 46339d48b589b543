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

    /** The summary's resolution: a stretch shorter than this would show as zero-length. */
    static final long SHORTEST_SEGMENT_NANOS = 100_000_000L;

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

    /**
     * The states from the start to {@code endNanos}, beginning closed. A stretch shorter than
     * {@link #SHORTEST_SEGMENT_NANOS} goes to the state that followed it, and neighbours of one state are merged: the
     * summary shows times to 0.1 s, where such a stretch would read {@code half-open 12.2s-12.2s}, and a circuit
     * already open at the start would begin with {@code closed 0.0s-0.0s}. Every change still shows in
     * {@link #openedAt()}, {@link #closedAt()} and {@link #halfOpenAt()}. The last stretch is kept however short: it
     * is the state at the end.
     */
    List<Segment> timeline(long endNanos) {
        List<Segment> segments = new ArrayList<>();
        long from = 0;
        CircuitState current = CircuitState.CLOSED;
        for (Transition transition : transitions) {
            if (transition.atNanos() - from >= SHORTEST_SEGMENT_NANOS) {
                append(segments, new Segment(current, from, transition.atNanos()));
                from = transition.atNanos();
            }
            current = transition.state();
        }
        append(segments, new Segment(current, from, Math.max(from, endNanos)));
        return segments;
    }

    private static void append(List<Segment> segments, Segment next) {
        int last = segments.size() - 1;
        if (last >= 0 && segments.get(last).state() == next.state()) {
            segments.set(last, new Segment(next.state(), segments.get(last).fromNanos(), next.toNanos()));
        } else {
            segments.add(next);
        }
    }
}
