package io.github.lasier.cli.ops;

import io.github.lasier.store.Circuit;
import io.github.lasier.store.HalfOpen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A circuit's keys, as every breaker lays them out: the failure counter at {@code PREFIX + NAME}, the open flag at
 * {@code PREFIX + "circuit_" + NAME}, and the request counter, when the circuit has one, at
 * {@code PREFIX + REQUEST_KEY}. The request key is the rule's choice and cannot be derived from the name. Breakers with
 * half-open probing keep their round beside the flag: the marker ({@code :half_open}), the probes' leases
 * ({@code :probe:1} to {@code :probe:N}) and the successes ({@code :probe_successes}). The tool cannot know a service's
 * N, so its circuit has every lease a breaker may have ({@link HalfOpen#MAX_PROBES}).
 *
 * @param circuit the circuit, as the library computes it (its timeouts are not used)
 */
record CircuitKeys(Circuit circuit) {

    /** A probe lease's key ends so, after the open flag's key. */
    private static final Pattern LEASE_SUFFIX = Pattern.compile(Pattern.quote(Circuit.PROBE_SUFFIX) + "\\d+$");

    /**
     * @param name       the rule's failure key
     * @param requestKey the rule's request key, or {@code null}
     * @throws IllegalArgumentException naming the value when the keys are unusable
     */
    static CircuitKeys of(String name, String requestKey, String keyPrefix) {
        return new CircuitKeys(Circuit.of(name, new KeysOnlyRule(name, requestKey), Duration.ofSeconds(1),
                Duration.ofSeconds(1), keyPrefix, everyProbe(Duration.ofSeconds(1))));
    }

    /** Half-open settings with every lease a breaker may hold, so that opening or closing reaches all of them. */
    static HalfOpen everyProbe(Duration probeTimeout) {
        return new HalfOpen(HalfOpen.MAX_PROBES, 1, probeTimeout);
    }

    /**
     * The circuit's name when {@code key} is its open flag or its half-open marker, or {@code null} for another key
     * (a lease, the successes, anything else). A failure key that itself ends as a marker's would be read as one.
     */
    static String nameOf(String key, String keyPrefix) {
        String flagPrefix = keyPrefix + Circuit.OPEN_KEY_PREFIX;
        if (!key.startsWith(flagPrefix) || key.length() == flagPrefix.length()) {
            return null;
        }
        String name = key.substring(flagPrefix.length());
        if (name.endsWith(Circuit.HALF_OPEN_SUFFIX)) {
            name = name.substring(0, name.length() - Circuit.HALF_OPEN_SUFFIX.length());
            return name.isEmpty() ? null : name;
        }
        if (name.endsWith(Circuit.PROBE_SUCCESSES_SUFFIX) || LEASE_SUFFIX.matcher(name).find()) {
            return null;
        }
        return name;
    }

    String name() {
        return circuit.name();
    }

    /** Every probe lease's key. */
    List<String> leaseKeys() {
        List<String> keys = new ArrayList<>(circuit.probeKeyCount());
        for (int i = 0; i < circuit.probeKeyCount(); i++) {
            keys.add(circuit.probeKey(i));
        }
        return keys;
    }

    /** Which counters an open or close cleared, named, and a hint when the request counter was left alone. */
    String clearedCounters() {
        return circuit.countsRequests()
                ? "cleared " + circuit.failureKey() + " and " + circuit.requestKey()
                : "cleared " + circuit.failureKey() + " (a request counter is not touched without --request-key)";
    }
}
