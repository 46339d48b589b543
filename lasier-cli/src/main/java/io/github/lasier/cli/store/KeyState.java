package io.github.lasier.cli.store;

/**
 * One key as the store holds it.
 *
 * @param key       the key
 * @param value     its value as stored (decimal integers for Lasier's keys, but the store may hold anything)
 * @param ttlMillis milliseconds left before it expires, or {@link #NO_EXPIRY}
 */
public record KeyState(String key, String value, long ttlMillis) {

    /** {@link #ttlMillis} of a key that never expires. */
    public static final long NO_EXPIRY = -1;

    /** Whether the key will expire by itself. */
    public boolean expires() {
        return ttlMillis != NO_EXPIRY;
    }
}
