package io.github.lasier;

import java.util.concurrent.CompletionException;

/**
 * The wrapper the async breaker fails its stages with. Stage composition wraps any other failure in a new
 * {@link CompletionException} whose stack trace is filled, a walk of the whole stack on every rejected call; a
 * failure that already is a {@code CompletionException} passes through unwrapped. This one fills no stack trace: the
 * cause it carries (the call's exception, or the failure exception) is what callers look at, and
 * {@code get()} unwraps it as usual.
 */
final class QuietCompletionException extends CompletionException {

    QuietCompletionException(Throwable cause) {
        super(cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
