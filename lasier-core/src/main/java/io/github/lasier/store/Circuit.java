package io.github.lasier.store;

import io.github.lasier.rules.Counting;
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
 * each key. A sliding window keeps one counter per bucket, at {@code <key>:<bucket number>} (the number is the store
 * clock's milliseconds since the epoch divided by the bucket's). The half-open state, when enabled, keeps its keys
 * beside the open flag: {@code circuit_<failureKey>:half_open} (1 while half-open), {@code
 * circuit_<failureKey>:probe:<n>} for n from 1 to the permitted probes (a probe's lease, holding its token) and
 * {@code circuit_<failureKey>:probe_successes}.
 */
public final class Circuit {

    /** Lasier's prefix of the open flag's key. */
    public static final String OPEN_KEY_PREFIX = "circuit_";

    /** Suffix of the half-open marker's key, after the open flag's key. */
    public static final String HALF_OPEN_SUFFIX = ":half_open";

    /** Suffix of a probe lease's key, after the open flag's key and before the lease's number. */
    public static final String PROBE_SUFFIX = ":probe:";

    /** Suffix of the successful probes' counter, after the open flag's key. */
    public static final String PROBE_SUCCESSES_SUFFIX = ":probe_successes";

    private final String name;
    private final String failureKey;
    private final String requestKey;
    private final String openKey;
    private final Duration failureTimeout;
    private final Duration circuitTimeout;
    private final long failureTimeoutMillis;
    private final long circuitTimeoutMillis;
    private final Counting counting;
    private final HalfOpen halfOpen;
    private final String halfOpenKey;
    private final String[] probeKeys;
    private final String probeSuccessesKey;
    /** The sliding window's keys at its latest position; replaced when the window moves (races only rebuild it). */
    private volatile WindowKeys windowKeys;

    private Circuit(String name, String failureKey, String requestKey, Duration failureTimeout,
            Duration circuitTimeout, String keyPrefix, Counting counting, HalfOpen halfOpen) {
        this.name = name;
        this.failureKey = keyPrefix + failureKey;
        this.requestKey = requestKey == null ? null : keyPrefix + requestKey;
        this.openKey = keyPrefix + OPEN_KEY_PREFIX + failureKey;
        this.counting = counting;
        this.halfOpen = halfOpen;
        this.halfOpenKey = halfOpen == null ? null : openKey + HALF_OPEN_SUFFIX;
        this.probeKeys = new String[halfOpen == null ? 0 : halfOpen.permittedProbes()];
        for (int i = 0; i < probeKeys.length; i++) {
            probeKeys[i] = openKey + PROBE_SUFFIX + (i + 1);
        }
        this.probeSuccessesKey = halfOpen == null ? null : openKey + PROBE_SUCCESSES_SUFFIX;
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
        return of(name, rule, failureTimeout, circuitTimeout, keyPrefix, null);
    }

    /**
     * @param name           the circuit's name, for messages and exceptions
     * @param rule           supplies the counter keys and how they are counted
     * @param failureTimeout the counters' window
     * @param circuitTimeout how long the circuit stays open
     * @param keyPrefix      put before every key; empty for Lasier's exact keys
     * @param halfOpen       the half-open state's settings, or {@code null} for Lasier's open-then-closed cycle
     */
    public static Circuit of(String name, Rule rule, Duration failureTimeout, Duration circuitTimeout,
            String keyPrefix, HalfOpen halfOpen) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        String failureKey = rule.failureKey();
        if (failureKey == null || failureKey.isBlank()) {
            throw new IllegalArgumentException("rule.failureKey() must not be null or blank, got: " + failureKey);
        }
        if (namesHalfOpenKey(failureKey)) {
            throw new IllegalArgumentException("rule.failureKey() must not end like a half-open key ('"
                    + HALF_OPEN_SUFFIX + "', '" + PROBE_SUCCESSES_SUFFIX + "', '" + PROBE_SUFFIX
                    + "<n>'): its open flag would be another circuit's half-open key, got: '" + failureKey + "'");
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
        Counting counting = Objects.requireNonNull(rule.counting(), "rule.counting()");
        if (counting.kind() == Counting.Kind.SLIDING_WINDOW && requestKey == null) {
            throw new IllegalArgumentException("a rule counting in a sliding window must count requests: "
                    + "rule.requestKey() must not be null, rule: " + rule);
        }
        Circuit circuit = new Circuit(name == null ? failureKey : name, failureKey, requestKey, failureTimeout,
                circuitTimeout, keyPrefix, counting, halfOpen);
        // The longest TTLs the circuit will ask a store for must be ones every store accepts.
        if (halfOpen != null) {
            requireStorableTtl("circuitTimeout + 2 x probeTimeout", circuit.halfOpenMillisAtOpen());
        }
        if (counting.kind() == Counting.Kind.SLIDING_WINDOW) {
            requireStorableTtl("window + bucket", counting.bucketMillis() * (counting.buckets() + 1L));
        }
        return circuit;
    }

    /** Whether {@code circuit_<failureKey>} would be the half-open key of the circuit of another failure key. */
    private static boolean namesHalfOpenKey(String failureKey) {
        if (failureKey.endsWith(HALF_OPEN_SUFFIX) || failureKey.endsWith(PROBE_SUCCESSES_SUFFIX)) {
            return true;
        }
        int probe = failureKey.lastIndexOf(PROBE_SUFFIX);
        if (probe < 0 || probe + PROBE_SUFFIX.length() == failureKey.length()) {
            return false;
        }
        for (int i = probe + PROBE_SUFFIX.length(); i < failureKey.length(); i++) {
            if (!Character.isDigit(failureKey.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void requireStorableTtl(String what, long millis) {
        if (millis > Ttl.MAX.toMillis()) {
            throw new IllegalArgumentException(what + " must be at most " + Ttl.MAX.toDays() + " days, got: "
                    + Duration.ofMillis(millis));
        }
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

    /** How the counters are kept. */
    public Counting counting() {
        return counting;
    }

    /** The kind of counting, for quick dispatch in the stores. */
    public Counting.Kind countingKind() {
        return counting.kind();
    }

    /** Whether the half-open state is enabled. */
    public boolean hasHalfOpen() {
        return halfOpen != null;
    }

    /** The half-open state's settings, or {@code null} when it is not enabled. */
    public HalfOpen halfOpen() {
        return halfOpen;
    }

    /** Full key of the half-open marker; {@code null} without half-open. */
    public String halfOpenKey() {
        return halfOpenKey;
    }

    /** Full key of the probe lease number {@code index} (from 0); one per permitted probe. */
    public String probeKey(int index) {
        return probeKeys[index];
    }

    /** How many probe leases there are: the permitted probes, or 0 without half-open. */
    public int probeKeyCount() {
        return probeKeys.length;
    }

    /** Full key of the successful probes' counter; {@code null} without half-open. */
    public String probeSuccessesKey() {
        return probeSuccessesKey;
    }

    /**
     * The half-open marker's TTL when the circuit opens: the open period, then two probe timeouts for the first probe
     * to be asked for. Each probe granted sets it to {@link #halfOpenMillisAfterProbe()} from then.
     */
    public long halfOpenMillisAtOpen() {
        return circuitTimeoutMillis + halfOpenMillisAfterProbe();
    }

    /**
     * The half-open marker's TTL after a probe was granted: two probe timeouts, so that when a probe never reports
     * another can still be granted after its lease expires. A half-open circuit nobody calls for that long closes.
     */
    public long halfOpenMillisAfterProbe() {
        return 2 * halfOpen.probeTimeoutMillis();
    }

    /**
     * The sliding window's keys when its newest bucket is {@code lastBucket}: built once per bucket period and shared
     * by every call in it.
     */
    public WindowKeys windowKeys(long lastBucket) {
        WindowKeys keys = windowKeys;
        if (keys == null || keys.lastBucket() != lastBucket) {
            keys = new WindowKeys(failureKey, requestKey, lastBucket, counting.buckets());
            windowKeys = keys;
        }
        return keys;
    }

    /** The number of the bucket a store clock reading in epoch milliseconds falls in. */
    public long bucketAt(long epochMillis) {
        return Math.floorDiv(epochMillis, counting.bucketMillis());
    }

    /** How long a bucket's counter lives: until the last window that reads it has passed. */
    public long bucketTtlMillis() {
        return counting.bucketMillis() * (counting.buckets() + 1L);
    }

    /** The store key of a sliding window's counter for one bucket. */
    public static String bucketKey(String counterKey, long bucketNumber) {
        return counterKey + ":" + bucketNumber;
    }

    @Override
    public String toString() {
        return "Circuit{name='" + name + "', failureKey='" + failureKey + "', requestKey='" + requestKey
                + "', openKey='" + openKey + "', failureTimeout=" + failureTimeout + ", circuitTimeout="
                + circuitTimeout + ", counting=" + counting + ", halfOpen=" + halfOpen + "}";
    }
}
