package io.github.lasier.store;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Finds the exception a failed stage stands for, below the wrappers that stage composition adds. */
public final class Unwrapping {

    /** Wrappers deeper than this are not followed: a cause chain may loop. */
    private static final int MAX_DEPTH = 32;

    private Unwrapping() {
    }

    /**
     * @return the first cause of {@code thrown} that is not a {@link CompletionException} or
     *         {@link ExecutionException} wrapper, or the last wrapper when the chain ends, loops or is too deep
     */
    public static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; depth < MAX_DEPTH
                && (current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null && current.getCause() != current; depth++) {
            current = current.getCause();
        }
        return current;
    }
}
