package io.github.lasier.storage;

import java.time.Duration;

/**
 * Checks TTLs once, the same way for every store: a TTL is a {@link Duration} of at least one millisecond and is
 * used at millisecond precision, so the seconds-versus-milliseconds confusion of plain numbers cannot happen.
 */
public final class Ttl {

    private Ttl() {
    }

    /**
     * @param parameter the parameter's name, for the error message
     * @return the TTL in whole milliseconds (sub-millisecond parts are dropped)
     * @throws IllegalArgumentException naming the parameter and value when it is null or under one millisecond
     */
    public static long toMillis(String parameter, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException(parameter + " must be a duration of at least 1 ms, got: " + ttl);
        }
        return ttl.toMillis();
    }
}
