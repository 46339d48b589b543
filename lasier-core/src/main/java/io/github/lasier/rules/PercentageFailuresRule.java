package io.github.lasier.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the circuit when, in the current window, more than {@code minAcceptedRequests} requests were counted
 * (strictly more) and at least {@code maxFailuresPercentage} percent of them failed. Lasier's
 * {@code PercentageFailuresRule}, with the same real-valued percentage.
 */
public final class PercentageFailuresRule implements Rule {

    private static final Logger LOG = LoggerFactory.getLogger(PercentageFailuresRule.class);

    private final double maxFailuresPercentage;
    private final String failureKey;
    private final long minAcceptedRequests;
    private final String requestKey;

    /**
     * @param maxFailuresPercentage failure percentage that opens the circuit, in (0, 100]
     * @param failureKey            store key of the failure counter; not blank
     * @param minAcceptedRequests   requests that must be exceeded before the rule may open; at least 0
     * @param requestKey            store key of the request counter; not blank, not equal to {@code failureKey}
     * @throws IllegalArgumentException naming the parameter and the value when any is out of range
     */
    public PercentageFailuresRule(double maxFailuresPercentage, String failureKey, long minAcceptedRequests,
            String requestKey) {
        RuleArguments.requirePercentage("maxFailuresPercentage", maxFailuresPercentage);
        if (minAcceptedRequests < 0) {
            throw new IllegalArgumentException("minAcceptedRequests must be at least 0, got: " + minAcceptedRequests);
        }
        this.maxFailuresPercentage = maxFailuresPercentage;
        this.failureKey = RuleArguments.requireKey("failureKey", failureKey);
        this.minAcceptedRequests = minAcceptedRequests;
        this.requestKey = RuleArguments.requireDistinctRequestKey(requestKey, failureKey);
    }

    @Override
    public String failureKey() {
        return failureKey;
    }

    @Override
    public String requestKey() {
        return requestKey;
    }

    @Override
    public boolean shouldOpen(long totalFailures, long totalRequests) {
        return totalRequests > minAcceptedRequests && percentage(totalFailures, totalRequests) >= maxFailuresPercentage;
    }

    @Override
    public void onFailureCounted(long totalFailures, long totalRequests) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Increase failure for: {} - max failures {}% - total failures {} - min accepted requests {}"
                            + " - total requests {} - percentage failures {}%", failureKey, maxFailuresPercentage,
                    totalFailures, minAcceptedRequests, totalRequests, percentage(totalFailures, totalRequests));
        }
    }

    private static double percentage(long failures, long requests) {
        return requests > 0 ? failures * 100.0 / requests : 0;
    }

    /** The failure percentage that opens the circuit. */
    public double maxFailuresPercentage() {
        return maxFailuresPercentage;
    }

    /** The requests that must be exceeded before the rule may open the circuit. */
    public long minAcceptedRequests() {
        return minAcceptedRequests;
    }

    @Override
    public String toString() {
        return "PercentageFailuresRule{maxFailuresPercentage=" + maxFailuresPercentage + ", failureKey='"
                + failureKey + "', minAcceptedRequests=" + minAcceptedRequests + ", requestKey='" + requestKey + "'}";
    }
}
