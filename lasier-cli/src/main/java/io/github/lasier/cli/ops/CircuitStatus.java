package io.github.lasier.cli.ops;

import io.github.lasier.cli.Json;
import io.github.lasier.cli.store.KeyState;
import io.github.lasier.cli.store.StoreInspector;
import java.util.Optional;

/**
 * What the store holds for one circuit.
 *
 * @param name     the circuit's name (its failure key, without prefix)
 * @param keys     its keys
 * @param flag     the open flag, when present
 * @param failures the failure counter, when present
 * @param requests the request counter, when present (never when no request key is known)
 */
record CircuitStatus(String name, CircuitKeys keys, Optional<KeyState> flag, Optional<KeyState> failures,
        Optional<KeyState> requests) {

    static CircuitStatus read(CircuitKeys keys, StoreInspector inspector) {
        String requestKey = keys.circuit().requestKey();
        return new CircuitStatus(keys.name(), keys, inspector.read(keys.circuit().openKey()),
                inspector.read(keys.circuit().failureKey()),
                requestKey == null ? Optional.empty() : inspector.read(requestKey));
    }

    /** Open exactly when breakers see it open: the flag holds 1 (Lasier's value). */
    boolean isOpen() {
        return flag.map(state -> state.value().trim().equals("1")).orElse(false);
    }

    /** Whether the store holds nothing at all for this circuit. */
    boolean isAbsent() {
        return flag.isEmpty() && failures.isEmpty() && requests.isEmpty();
    }

    Json.Obj toJson() {
        return new Json.Obj()
                .put("name", name)
                .put("state", isOpen() ? "open" : "closed")
                .put("openKey", keys.circuit().openKey())
                .put("openMillisLeft", isOpen() ? ttl(flag.get()) : null)
                .put("failures", counter(keys.circuit().failureKey(), failures))
                .put("requests", keys.circuit().requestKey() == null ? null
                        : counter(keys.circuit().requestKey(), requests));
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
