package io.github.lasier.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * Counts a call slower than {@code slowCallThreshold} as a failure, then lets another rule decide when the failures
 * open the circuit: its counters, its counting and its threshold. Exceptions count as failures too, unless
 * {@code countExceptions} is false, in which case only slow calls do.
 *
 * <pre>{@code
 * // a call slower than 2 s is a failure; 50% of slow or failed calls in the last minute open the circuit
 * new SlowCallRule(new SlidingWindowRule(50, 10, Duration.ofMinutes(1), Duration.ofSeconds(5),
 *         "ledger_failures", "ledger_requests"), Duration.ofSeconds(2), true)
 * }</pre>
 *
 * <p>The breaker measures each call on the JVM's monotonic clock from just before the call to the moment its result
 * (or, for the asynchronous breaker, its stage) is there.
 */
public final class SlowCallRule implements Rule {

    private final Rule rule;
    private final Duration slowCallThreshold;
    private final boolean countExceptions;

    /**
     * @param rule              decides when the counted failures open the circuit; not a {@code SlowCallRule}
     * @param slowCallThreshold calls taking longer count as failures; 1 ms to ten years
     * @param countExceptions   whether exceptions the breaker catches count as failures too
     * @throws IllegalArgumentException naming the parameter and the value when either is out of range
     */
    public SlowCallRule(Rule rule, Duration slowCallThreshold, boolean countExceptions) {
        this.rule = Objects.requireNonNull(rule, "rule must not be null");
        if (rule.slowCallThreshold() != null) {
            throw new IllegalArgumentException("rule must not itself count slow calls, got: " + rule);
        }
        RuleArguments.requireMillis("slowCallThreshold", slowCallThreshold);
        this.slowCallThreshold = slowCallThreshold;
        this.countExceptions = countExceptions;
    }

    /** A slow call or an exception is a failure. */
    public SlowCallRule(Rule rule, Duration slowCallThreshold) {
        this(rule, slowCallThreshold, true);
    }

    @Override
    public String failureKey() {
        return rule.failureKey();
    }

    @Override
    public String requestKey() {
        return rule.requestKey();
    }

    @Override
    public boolean shouldOpen(long totalFailures, long totalRequests) {
        return rule.shouldOpen(totalFailures, totalRequests);
    }

    @Override
    public boolean countsFailures() {
        return rule.countsFailures();
    }

    @Override
    public boolean countsRequests() {
        return rule.countsRequests();
    }

    @Override
    public void onFailureCounted(long totalFailures, long totalRequests) {
        rule.onFailureCounted(totalFailures, totalRequests);
    }

    @Override
    public Counting counting() {
        return rule.counting();
    }

    @Override
    public Duration slowCallThreshold() {
        return slowCallThreshold;
    }

    @Override
    public boolean countsExceptions() {
        return countExceptions;
    }

    /** The rule deciding when failures open the circuit. */
    public Rule rule() {
        return rule;
    }

    @Override
    public String toString() {
        return "SlowCallRule{slowCallThreshold=" + slowCallThreshold + ", countExceptions=" + countExceptions
                + ", rule=" + rule + "}";
    }
}
