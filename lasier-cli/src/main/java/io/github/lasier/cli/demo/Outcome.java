package io.github.lasier.cli.demo;

import io.github.lasier.CircuitOpenException;
import io.github.lasier.FailedResultException;
import io.github.lasier.storage.StorageException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How one call ended, as the caller saw it. */
public enum Outcome {
    /** The service answered. */
    SUCCESS,
    /**
     * The service answered, but later than the slow-call threshold: the breaker counted a failure. When that failure
     * opened the circuit, the caller got the breaker's exception instead of the answer.
     */
    SLOW,
    /** The service answered with a server error. */
    SERVER_ERROR,
    /** The service did not answer within the request timeout. */
    TIMEOUT,
    /** The call failed otherwise: the connection was refused or reset. */
    OTHER_FAILURE,
    /** The breaker refused the call at once: the circuit was open. */
    REJECTED,
    /** The store failed, so the breaker could not decide. */
    STORE_ERROR;

    /** Whether the call ran and failed. */
    public boolean isFailure() {
        return this == SERVER_ERROR || this == TIMEOUT || this == OTHER_FAILURE;
    }

    /** Whether the breaker counted the call as a failure: it failed, or it was slow. */
    public boolean countsAsFailure() {
        return isFailure() || this == SLOW;
    }

    /**
     * Classifies how a guarded call ended: as {@link #of(Throwable)}, and a call that returned normally but ran longer
     * than {@code slowCallNanos} is {@link #SLOW}.
     *
     * @param slowCallNanos the slow-call threshold; {@link Long#MAX_VALUE} when the rule counts no slow calls
     */
    public static Outcome of(GuardedCall.Ended ended, long slowCallNanos) {
        Outcome outcome = of(ended.thrown());
        return outcome == SUCCESS && ended.ranNanos() > slowCallNanos ? SLOW : outcome;
    }

    /**
     * Classifies what a guarded call ended with. A failure that opened the circuit arrives as the breaker's
     * exception with the failure as its cause; it counts as that failure.
     *
     * @param thrown {@code null} for a success
     */
    public static Outcome of(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause == null) {
            return SUCCESS;
        }
        if (cause instanceof CircuitOpenException open) {
            return open.getCause() == null ? REJECTED : of(open.getCause());
        }
        if (cause instanceof FailedResultException) {
            // The demo's breakers judge no results, so a call that returned and still failed was slow.
            return SLOW;
        }
        if (cause instanceof StorageException) {
            return STORE_ERROR;
        }
        if (cause instanceof ServerErrorException) {
            return SERVER_ERROR;
        }
        if (cause instanceof HttpTimeoutException) {
            return TIMEOUT;
        }
        return OTHER_FAILURE;
    }

    /** Whether this failure opened the circuit (the breaker then throws its own exception, with a cause). */
    public static boolean openedCircuit(Throwable thrown) {
        return unwrap(thrown) instanceof CircuitOpenException open && open.getCause() != null;
    }

    /**
     * Whether this rejection came from a half-open circuit whose probe leases were all taken (by probes under way, or
     * by probes that succeeded, which keep theirs until the round ends): the breaker's exception then tells no time
     * left open (a flag without expiry, which no breaker sets, would look the same).
     */
    public static boolean rejectedWhileProbing(Throwable thrown) {
        return unwrap(thrown) instanceof CircuitOpenException open && open.getCause() == null
                && open.openFor().isEmpty();
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
