package io.github.lasier.cli.demo;

import io.github.lasier.cli.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The service's behaviour over time: phases played one after another, written {@code healthy:8s,failing:10s,...}.
 */
public final class Schedule {

    /** The default: healthy, then failing long enough to open the circuit more than once, then healthy again. */
    public static final String DEFAULT = "healthy:8s,failing:10s,healthy:12s";

    private final List<Phase> phases;
    private final long[] endsAtNanos;

    private Schedule(List<Phase> phases) {
        this.phases = List.copyOf(phases);
        this.endsAtNanos = new long[phases.size()];
        long end = 0;
        for (int i = 0; i < phases.size(); i++) {
            end += phases.get(i).duration().toNanos();
            endsAtNanos[i] = end;
        }
    }

    /**
     * @throws IllegalArgumentException naming the value and the expected form, when {@code spec} is malformed
     */
    public static Schedule parse(String spec) {
        List<Phase> phases = new ArrayList<>();
        for (String item : spec.split(",", -1)) {
            String[] parts = item.trim().split(":", -1);
            if (parts.length != 2) {
                throw invalid(spec, "'" + item.trim() + "' is not PHASE:DURATION");
            }
            Health health;
            try {
                health = Health.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(spec, "'" + parts[0].trim() + "' is not a phase; use healthy or failing");
            }
            Duration duration;
            try {
                duration = DurationConverter.parse(parts[1]);
            } catch (RuntimeException e) {
                throw invalid(spec, e.getMessage());
            }
            if (duration.toMillis() < 1) {
                throw invalid(spec, "phase '" + item.trim() + "' must last at least 1ms");
            }
            phases.add(new Phase(health, duration));
        }
        return new Schedule(phases);
    }

    private static IllegalArgumentException invalid(String spec, String reason) {
        return new IllegalArgumentException("'" + spec + "' is not a schedule (" + reason
                + "); expected for example " + DEFAULT);
    }

    /** The phases in order. */
    public List<Phase> phases() {
        return phases;
    }

    /** How long the whole schedule lasts. */
    public Duration total() {
        return Duration.ofNanos(endsAtNanos[endsAtNanos.length - 1]);
    }

    /** Index of the phase playing {@code elapsedNanos} after the start; the last phase once the schedule is over. */
    public int phaseIndexAt(long elapsedNanos) {
        for (int i = 0; i < endsAtNanos.length; i++) {
            if (elapsedNanos < endsAtNanos[i]) {
                return i;
            }
        }
        return endsAtNanos.length - 1;
    }

    /** The service's health {@code elapsedNanos} after the start. */
    public Health healthAt(long elapsedNanos) {
        return phases.get(phaseIndexAt(elapsedNanos)).health();
    }

    /** Nanoseconds from the start to the start of phase {@code index}. */
    public long startNanos(int index) {
        return index == 0 ? 0 : endsAtNanos[index - 1];
    }

    /** Whether any phase is failing. */
    public boolean hasFailures() {
        return phases.stream().anyMatch(phase -> phase.health() == Health.FAILING);
    }

    @Override
    public String toString() {
        return phases.stream().map(phase -> phase.health().label() + ":"
                + DurationConverter.format(phase.duration())).collect(Collectors.joining(","));
    }
}
