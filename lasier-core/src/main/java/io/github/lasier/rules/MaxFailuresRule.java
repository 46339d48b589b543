package io.github.lasier.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the circuit when the failures counted in the current window reach {@code maxFailures}.
 * Lasier's {@code MaxFailuresRule}: only failures are counted, so a successful call costs one store read.
 */
public final class MaxFailuresRule implements Rule {

    private static final Logger LOG = LoggerFactory.getLogger(MaxFailuresRule.class);

    private final long maxFailures;
    private final String failureKey;

    /**
     * @param maxFailures failures in one window that open the circuit; at least 1
     * @param failureKey  store key of the failure counter; not blank
     * @throws IllegalArgumentException naming the parameter and the value when either is out of range
     */
    public MaxFailuresRule(long maxFailures, String failureKey) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got: " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.failureKey = RuleArguments.requireKey("failureKey", failureKey);
    }

    @Override
    public String failureKey() {
        return failureKey;
    }

    @Override
    public boolean shouldOpen(long totalFailures, long totalRequests) {
        return totalFailures >= maxFailures;
    }

    @Override
    public void onFailureCounted(long totalFailures, long totalRequests) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Increase failure for: {} - max failures {} - total failures {}", failureKey, maxFailures,
                    totalFailures);
        }
    }

    /** The failures that open the circuit. */
    public long maxFailures() {
        return maxFailures;
    }

    @Override
    public String toString() {
        return "MaxFailuresRule{maxFailures=" + maxFailures + ", failureKey='" + failureKey + "'}";
    }
}
