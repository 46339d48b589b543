package io.github.lasier.storage;

/**
 * A storage operation failed: the backend was unreachable, timed out, refused the command or answered something
 * unusable. The cause, when there is one, is the backend driver's exception.
 */
public class StorageException extends RuntimeException {

    /** @param message what failed, naming the operation and key where known */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the operation and key where known
     * @param cause   the backend's exception
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
