package io.github.lasier.cli.demo;

/** The service answered with a server error status; the breaker counts it as a failure. */
public final class ServerErrorException extends RuntimeException {

    private ServerErrorException(int status) {
        super("HTTP " + status, null, false, false);
    }

    /** Passes a status below 500; throws for a server error. */
    static void check(int status) {
        if (status >= 500) {
            throw new ServerErrorException(status);
        }
    }
}
