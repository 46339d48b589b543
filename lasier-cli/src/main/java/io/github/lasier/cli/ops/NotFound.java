package io.github.lasier.cli.ops;

import io.github.lasier.cli.store.StoreConnection;

/** The message for a named circuit of which the store holds nothing. */
final class NotFound {

    private NotFound() {
    }

    static String message(CircuitKeys keys, StoreConnection connection) {
        String requestKey = keys.circuit().requestKey();
        return "no circuit '" + keys.name() + "' in " + connection.uri() + ": none of the keys "
                + keys.circuit().openKey() + ", " + keys.circuit().failureKey()
                + (requestKey == null ? "" : ", " + requestKey) + " exists (a closed circuit whose counters'"
                + " window has passed leaves no key)";
    }
}
