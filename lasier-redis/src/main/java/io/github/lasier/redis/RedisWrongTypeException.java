package io.github.lasier.redis;

import io.github.lasier.storage.StorageException;

/**
 * A key that should hold a counter or the open flag holds another Redis type (a hash, a list, ...), so Redis
 * answered {@code WRONGTYPE}. Only the circuit using that key is affected.
 */
public class RedisWrongTypeException extends StorageException {

    private final String key;

    /**
     * @param key       the key holding the wrong type
     * @param operation what was attempted, for the message
     * @param cause     the driver's exception, or {@code null} when a script found the problem
     */
    public RedisWrongTypeException(String key, String operation, Throwable cause) {
        super("Redis " + operation + ": key '" + key + "' holds a Redis type other than a string, "
                + "where an integer is expected", cause);
        this.key = key;
    }

    /** The key holding the wrong type. */
    public String key() {
        return key;
    }
}
