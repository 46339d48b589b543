package io.github.lasier.cli.ops;

import io.github.lasier.store.Circuit;
import java.time.Duration;

/**
 * A circuit's keys, as every breaker lays them out: the failure counter at {@code PREFIX + NAME}, the open flag at
 * {@code PREFIX + "circuit_" + NAME}, and the request counter, when the circuit has one, at
 * {@code PREFIX + REQUEST_KEY}. The request key is the rule's choice and cannot be derived from the name.
 *
 * @param circuit the circuit, as the library computes it (its timeouts are not used)
 */
record CircuitKeys(Circuit circuit) {

    /**
     * @param name       the rule's failure key
     * @param requestKey the rule's request key, or {@code null}
     * @throws IllegalArgumentException naming the value when the keys are unusable
     */
    static CircuitKeys of(String name, String requestKey, String keyPrefix) {
        return new CircuitKeys(Circuit.of(name, new KeysOnlyRule(name, requestKey), Duration.ofSeconds(1),
                Duration.ofSeconds(1), keyPrefix));
    }

    /** The circuit's name when its open flag is {@code openKey}, or {@code null} for another key. */
    static String nameOfOpenKey(String openKey, String keyPrefix) {
        String flagPrefix = keyPrefix + Circuit.OPEN_KEY_PREFIX;
        return openKey.startsWith(flagPrefix) && openKey.length() > flagPrefix.length()
                ? openKey.substring(flagPrefix.length()) : null;
    }

    String name() {
        return circuit.name();
    }

    /** Which counters an open or close cleared, named, and a hint when the request counter was left alone. */
    String clearedCounters() {
        return circuit.countsRequests()
                ? "cleared " + circuit.failureKey() + " and " + circuit.requestKey()
                : "cleared " + circuit.failureKey() + " (a request counter is not touched without --request-key)";
    }
}
