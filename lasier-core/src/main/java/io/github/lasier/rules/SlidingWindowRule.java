package io.github.lasier.rules;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the circuit when, over the last {@code window}, at least {@code minimumCalls} calls were counted and at least
 * {@code failureRatePercentage} percent of them failed. The window is made of buckets of {@code bucket} each and
 * slides one bucket at a time, so old calls are forgotten a bucket at a time instead of all at once as in Lasier's
 * fixed window. The circuit's failure timeout does not apply to this rule's counters.
 *
 * <pre>{@code
 * // 50% of the calls of the last 10 seconds (in buckets of 1 s) failed, out of at least 20 calls
 * new SlidingWindowRule(50, 20, Duration.ofSeconds(10), Duration.ofSeconds(1), "search_failures", "search_requests")
 * }</pre>
 *
 * <p>Unlike {@link PercentageFailuresRule}, whose minimum must be exceeded (Lasier's), the minimum here is reached
 * with exactly {@code minimumCalls} calls.
 */
public final class SlidingWindowRule implements Rule {

    private static final Logger LOG = LoggerFactory.getLogger(SlidingWindowRule.class);

    private final double failureRatePercentage;
    private final long minimumCalls;
    private final Counting counting;
    private final String failureKey;
    private final String requestKey;

    /**
     * @param failureRatePercentage failure percentage that opens the circuit, in (0, 100]
     * @param minimumCalls          calls the window must hold before the rule may open; at least 1
     * @param window                how far back calls count; a whole multiple of {@code bucket}, 2 to
     *                              {@value Counting#MAX_BUCKETS} buckets
     * @param bucket                the step the window slides by; at least 10 ms
     * @param failureKey            prefix of the failure counters' keys (one key per bucket); not blank
     * @param requestKey            prefix of the request counters' keys; not blank, not equal to {@code failureKey}
     * @throws IllegalArgumentException naming the parameter and the value when any is out of range
     */
    public SlidingWindowRule(double failureRatePercentage, long minimumCalls, Duration window, Duration bucket,
            String failureKey, String requestKey) {
        this.failureRatePercentage = RuleArguments.requirePercentage("failureRatePercentage", failureRatePercentage);
        if (minimumCalls < 1) {
            throw new IllegalArgumentException("minimumCalls must be at least 1, got: " + minimumCalls);
        }
        this.minimumCalls = minimumCalls;
        this.counting = Counting.slidingWindow(window, bucket);
        this.failureKey = RuleArguments.requireKey("failureKey", failureKey);
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
    public Counting counting() {
        return counting;
    }

    @Override
    public boolean shouldOpen(long totalFailures, long totalRequests) {
        return totalRequests >= minimumCalls && totalFailures * 100.0 >= failureRatePercentage * totalRequests;
    }

    @Override
    public void onFailureCounted(long totalFailures, long totalRequests) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Failure in window for: {} - {} of {} calls - rate to open {}% - minimum calls {}", failureKey,
                    totalFailures, totalRequests, failureRatePercentage, minimumCalls);
        }
    }

    /** The failure percentage that opens the circuit. */
    public double failureRatePercentage() {
        return failureRatePercentage;
    }

    /** The calls the window must hold before the rule may open. */
    public long minimumCalls() {
        return minimumCalls;
    }

    @Override
    public String toString() {
        return "SlidingWindowRule{failureRatePercentage=" + failureRatePercentage + ", minimumCalls=" + minimumCalls
                + ", counting=" + counting + ", failureKey='" + failureKey + "', requestKey='" + requestKey + "'}";
    }
}
