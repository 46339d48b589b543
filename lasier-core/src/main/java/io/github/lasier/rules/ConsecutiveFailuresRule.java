package io.github.lasier.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the circuit after {@code consecutiveFailures} failures in a row. Any call that does not fail ends the run:
 * the store deletes the counter, so every instance sharing it starts again from zero. A run is forgotten when the
 * circuit's failure timeout passes after its first failure.
 *
 * <pre>{@code
 * new ConsecutiveFailuresRule(5, "inventory_failures")   // five failures in a row open the circuit
 * }</pre>
 *
 * <p>Cost: a successful call writes to the store once (it ends the run), where {@link MaxFailuresRule} only reads.
 */
public final class ConsecutiveFailuresRule implements Rule {

    private static final Logger LOG = LoggerFactory.getLogger(ConsecutiveFailuresRule.class);

    private final long consecutiveFailures;
    private final String failureKey;

    /**
     * @param consecutiveFailures failures in a row that open the circuit; at least 1
     * @param failureKey          store key of the run's counter; not blank
     * @throws IllegalArgumentException naming the parameter and the value when either is out of range
     */
    public ConsecutiveFailuresRule(long consecutiveFailures, String failureKey) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1, got: " + consecutiveFailures);
        }
        this.consecutiveFailures = consecutiveFailures;
        this.failureKey = RuleArguments.requireKey("failureKey", failureKey);
    }

    @Override
    public String failureKey() {
        return failureKey;
    }

    @Override
    public Counting counting() {
        return Counting.consecutive();
    }

    @Override
    public boolean shouldOpen(long totalFailures, long totalRequests) {
        return totalFailures >= consecutiveFailures;
    }

    @Override
    public void onFailureCounted(long totalFailures, long totalRequests) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Failure in a row for: {} - {} of {}", failureKey, totalFailures, consecutiveFailures);
        }
    }

    /** The failures in a row that open the circuit. */
    public long consecutiveFailures() {
        return consecutiveFailures;
    }

    @Override
    public String toString() {
        return "ConsecutiveFailuresRule{consecutiveFailures=" + consecutiveFailures + ", failureKey='" + failureKey
                + "'}";
    }
}
