package io.github.lasier.cli.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the key-value storage SPI does not expose: which keys exist and how long they live. Only the
 * operations commands need it; breakers never do.
 */
public interface StoreInspector {

    /** Every key starting with {@code prefix} (taken literally), sorted. */
    List<String> keysStartingWith(String prefix);

    /** The key's value and time to live, or empty when it does not exist. */
    Optional<KeyState> read(String key);

    /** How many of {@code keys} exist, in one request. */
    long countExisting(Collection<String> keys);
}
