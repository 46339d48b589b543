package io.github.lasier.store;

import java.util.OptionalLong;

/** The open flag's value, as Lasier writes and reads it: the circuit is open while its key holds 1. */
final class OpenFlag {

    static final long VALUE = 1;

    private OpenFlag() {
    }

    static boolean isOpen(OptionalLong stored) {
        return stored.isPresent() && stored.getAsLong() == VALUE;
    }
}
