package io.github.lasier.storage;

import java.time.Duration;

/**
 * Checks TTLs once, the same way for every store: a TTL is a {@link Duration} of at least one millisecond and is
 * used at millisecond precision, so the seconds-versus-milliseconds confusion of plain numbers cannot happen.
 */
public final class Ttl {

    /**
     * The longest TTL accepted: ten years. Longer ones mean "forever" in practice, and would overflow a store's
     * deadline arithmetic (nanoseconds in memory, milliseconds since the epoch in Redis).
     */
    public static final Duration MAX = Duration.ofDays(3650);

    private Ttl() {
    }

    /**
     * @param parameter the parameter's name, for the error message
     * @return the TTL in whole milliseconds (sub-millisecond parts are dropped)
     * @throws IllegalArgumentException naming the parameter and value when it is null, under one millisecond or
     *                                  over {@link #MAX}
     */
    public static long toMillis(String parameter, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.compareTo(MAX) > 0 || ttl.toMillis() < 1) {
            throw new IllegalArgumentException(parameter + " must be a duration from 1 ms to " + MAX.toDays()
                    + " days, got: " + ttl);
        }
        return ttl.toMillis();
    }
}
