package io.github.lasier.storage;

/** A key holds something that is not an integer where a counter or flag is expected (someone wrote garbage). */
public class StorageValueException extends StorageException {

    private final String key;

    /**
     * @param key   the key holding the unusable value
     * @param value a printable form of what was found
     */
    public StorageValueException(String key, String value) {
        super("key '" + key + "' holds a value that is not an integer: " + value);
        this.key = key;
    }

    /** The key holding the unusable value. */
    public String key() {
        return key;
    }
}
