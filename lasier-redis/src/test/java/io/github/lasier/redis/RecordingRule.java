package io.github.lasier.redis;

import io.github.lasier.rules.Rule;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/** A max-failures rule that records every failure total the breaker asked it about, in the order asked. */
final class RecordingRule implements Rule {

    private final long maxFailures;
    private final String failureKey;
    private final Queue<Long> askedFailures = new ConcurrentLinkedQueue<>();

    RecordingRule(long maxFailures, String failureKey) {
        this.maxFailures = maxFailures;
        this.failureKey = failureKey;
    }

    @Override
    public String failureKey() {
        return failureKey;
    }

    @Override
    public boolean shouldOpen(long totalFailures, long totalRequests) {
        askedFailures.add(totalFailures);
        return totalFailures >= maxFailures;
    }

    /** The failure totals asked about, in order. */
    List<Long> asked() {
        return List.copyOf(askedFailures);
    }

    /** The failure totals asked about, sorted. */
    List<Long> askedSorted() {
        return askedFailures.stream().sorted().collect(Collectors.toList());
    }

    void forget() {
        askedFailures.clear();
    }
}
