package io.github.lasier.cli.ops;

import io.github.lasier.cli.Json;
import io.github.lasier.cli.store.KeyState;
import io.github.lasier.cli.store.StoreInspector;
import java.util.Optional;

/**
 * What the store holds for one circuit.
 *
 * @param name           the circuit's name (its failure key, without prefix)
 * @param keys           its keys
 * @param flag           the open flag, when present
 * @param failures       the failure counter, when present
 * @param requests       the request counter, when present (never when no request key is known)
 * @param marker         the half-open marker, when present
 * @param successes      the successful probes' counter, when present
 * @param probeLeases    how many probe leases are held: probes under way, and those that succeeded, which keep
 *                       theirs until the round ends (so at most N probes run per round)
 */
record CircuitStatus(String name, CircuitKeys keys, Optional<KeyState> flag, Optional<KeyState> failures,
        Optional<KeyState> requests, Optional<KeyState> marker, Optional<KeyState> successes, long probeLeases) {

    /** The states as breakers see them. */
    enum State {
        CLOSED("closed"), OPEN("open"), HALF_OPEN("half-open");

        private final String label;

        State(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static CircuitStatus read(CircuitKeys keys, StoreInspector inspector) {
        String requestKey = keys.circuit().requestKey();
        Optional<KeyState> marker = inspector.read(keys.circuit().halfOpenKey());
        return new CircuitStatus(keys.name(), keys, inspector.read(keys.circuit().openKey()),
                inspector.read(keys.circuit().failureKey()),
                requestKey == null ? Optional.empty() : inspector.read(requestKey),
                marker, inspector.read(keys.circuit().probeSuccessesKey()),
                // Leases live only in a half-open round; without a marker there is none to count.
                marker.isPresent() ? inspector.countExisting(keys.leaseKeys()) : 0);
    }

    /**
     * As breakers decide: open when the flag holds 1 (Lasier's value), half-open when it does not and the half-open
     * marker holds 1, closed otherwise.
     */
    State state() {
        if (holdsOne(flag)) {
            return State.OPEN;
        }
        return holdsOne(marker) ? State.HALF_OPEN : State.CLOSED;
    }

    boolean isOpen() {
        return state() == State.OPEN;
    }

    /** Whether a half-open round is under way or will follow the open period. */
    boolean hasHalfOpenRound() {
        return holdsOne(marker);
    }

    /** Successful probes counted in this round. */
    long probeSuccesses() {
        return successes.map(CircuitStatus::number).filter(Long.class::isInstance).map(Long.class::cast).orElse(0L);
    }

    /** Whether the store holds nothing at all for this circuit. */
    boolean isAbsent() {
        return flag.isEmpty() && failures.isEmpty() && requests.isEmpty() && marker.isEmpty() && successes.isEmpty()
                && probeLeases == 0;
    }

    Json.Obj toJson() {
        return new Json.Obj()
                .put("name", name)
                .put("state", state().label())
                .put("openKey", keys.circuit().openKey())
                .put("openMillisLeft", isOpen() ? ttl(flag.get()) : null)
                .put("failures", counter(keys.circuit().failureKey(), failures))
                .put("requests", keys.circuit().requestKey() == null ? null
                        : counter(keys.circuit().requestKey(), requests))
                .put("halfOpen", !hasHalfOpenRound() ? null : new Json.Obj()
                        .put("key", keys.circuit().halfOpenKey())
                        .put("millisLeft", ttl(marker.get()))
                        .put("probeLeases", probeLeases)
                        .put("probeSuccesses", probeSuccesses()));
    }

    private static boolean holdsOne(Optional<KeyState> key) {
        return key.map(state -> state.value().trim().equals("1")).orElse(false);
    }

    private static Json.Obj counter(String key, Optional<KeyState> state) {
        return new Json.Obj()
                .put("key", key)
                .put("value", state.map(CircuitStatus::number).orElse(null))
                .put("windowMillisLeft", state.map(CircuitStatus::ttl).orElse(null));
    }

    /** The value as a number when it is one (Lasier's counters are), as stored otherwise. */
    private static Object number(KeyState state) {
        try {
            return Long.parseLong(state.value().trim());
        } catch (NumberFormatException e) {
            return state.value();
        }
    }

    private static Long ttl(KeyState state) {
        return state.expires() ? state.ttlMillis() : null;
    }
}
