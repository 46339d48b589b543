package io.github.lasier.cli;

/**
 * A runtime failure the tool reports as one line on stderr with exit code 1: the store is unreachable, a circuit
 * does not exist, a file cannot be written. The message must say what failed and name the value involved.
 */
public class CliException extends RuntimeException {

    /** @param message one line saying what failed */
    public CliException(String message) {
        super(message);
    }

    /**
     * @param message one line saying what failed
     * @param cause   the underlying exception, shown with {@code --verbose}
     */
    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
