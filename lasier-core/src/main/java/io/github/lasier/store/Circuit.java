package io.github.lasier.store;

import io.github.lasier.rules.Rule;
import io.github.lasier.storage.Ttl;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a store needs to know about one circuit, computed once when a breaker is built so that no key is built
 * per call: the keys (Lasier's layout, with an optional prefix), which counters are kept, and the two timeouts.
 *
 * <p>Key layout, as Lasier writes it: the failure counter at the rule's failure key, the request counter at the
 * rule's request key, the open flag at {@code circuit_<failureKey>} with value 1. A prefix, when given, goes before
 * each of the three keys.
 */
public final class Circuit {

    /** Lasier's prefix of the open flag's key. */
    public static final String OPEN_KEY_PREFIX = "circuit_";

    private final String name;
    private final String failureKey;
    private final String requestKey;
    private final String openKey;
    private final Duration failureTimeout;
    private final Duration circuitTimeout;
    private final long failureTimeoutMillis;
    private final long circuitTimeoutMillis;

    private Circuit(String name, String failureKey, String requestKey, Duration failureTimeout,
            Duration circuitTimeout, String keyPrefix) {
        this.name = name;
        this.failureKey = keyPrefix + failureKey;
        this.requestKey = requestKey == null ? null : keyPrefix + requestKey;
        this.openKey = keyPrefix + OPEN_KEY_PREFIX + failureKey;
        this.failureTimeoutMillis = Ttl.toMillis("failureTimeout", failureTimeout);
        this.circuitTimeoutMillis = Ttl.toMillis("circuitTimeout", circuitTimeout);
        this.failureTimeout = failureTimeout;
        this.circuitTimeout = circuitTimeout;
    }

    /**
     * @param name           the circuit's name, for messages and exceptions
     * @param rule           supplies the counter keys
     * @param failureTimeout the counters' window
     * @param circuitTimeout how long the circuit stays open
     * @param keyPrefix      put before every key; empty for Lasier's exact keys
     */
    public static Circuit of(String name, Rule rule, Duration failureTimeout, Duration circuitTimeout,
            String keyPrefix) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        String failureKey = rule.failureKey();
        if (failureKey == null || failureKey.isBlank()) {
            throw new IllegalArgumentException("rule.failureKey() must not be null or blank, got: " + failureKey);
        }
        String requestKey = rule.countsRequests() ? rule.requestKey() : null;
        if (rule.countsRequests() && (requestKey == null || requestKey.isBlank())) {
            throw new IllegalArgumentException("rule.requestKey() must not be null or blank when the rule counts"
                    + " requests, got: " + (requestKey == null ? "null" : "'" + requestKey + "'"));
        }
        if (requestKey != null && requestKey.equals(failureKey)) {
            throw new IllegalArgumentException("rule.requestKey() must differ from rule.failureKey(), both are: '"
                    + requestKey + "'");
        }
        return new Circuit(name == null ? failureKey : name, failureKey, requestKey, failureTimeout,
                circuitTimeout, keyPrefix);
    }

    /** The circuit's name. */
    public String name() {
        return name;
    }

    /** Full key of the failure counter. */
    public String failureKey() {
        return failureKey;
    }

    /** Full key of the request counter, or {@code null} when requests are not counted. */
    public String requestKey() {
        return requestKey;
    }

    /** Whether requests are counted. */
    public boolean countsRequests() {
        return requestKey != null;
    }

    /** Full key of the open flag. */
    public String openKey() {
        return openKey;
    }

    /** The counters' window: started when a counter is created, not extended by increments. */
    public Duration failureTimeout() {
        return failureTimeout;
    }

    /** How long the circuit stays open. */
    public Duration circuitTimeout() {
        return circuitTimeout;
    }

    /** {@link #failureTimeout()} in milliseconds. */
    public long failureTimeoutMillis() {
        return failureTimeoutMillis;
    }

    /** {@link #circuitTimeout()} in milliseconds. */
    public long circuitTimeoutMillis() {
        return circuitTimeoutMillis;
    }

    @Override
    public String toString() {
        return "Circuit{name='" + name + "', failureKey='" + failureKey + "', requestKey='" + requestKey
                + "', openKey='" + openKey + "', failureTimeout=" + failureTimeout + ", circuitTimeout="
                + circuitTimeout + "}";
    }
}
