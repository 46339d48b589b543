package io.github.lasier;

import io.github.lasier.rules.Rule;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.Totals;
import java.time.Duration;
import java.util.List;
import io.github.lasier.store.Unwrapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy both breakers share: every decision of Lasier's state machine lives here, once. The sync and async
 * breakers only differ in how they wait for the store between these decisions.
 */
final class BreakerCore {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.lasier.CircuitBreaker");

    /** What a finished call means for the counters. */
    enum Outcome {
        /** The call counts as a request and a failure. */
        FAILURE,
        /** The call counts as a request only. */
        REQUEST,
        /** The call is not recorded (an {@link Error}). */
        NOT_RECORDED
    }

    private final Circuit circuit;
    private final Rule rule;
    private final Class<?>[] catchExceptions;
    private final FailureExceptionFactory failureException;

    BreakerCore(Circuit circuit, Rule rule, List<Class<? extends Exception>> catchExceptions,
            FailureExceptionFactory failureException) {
        this.circuit = circuit;
        this.rule = rule;
        this.catchExceptions = catchExceptions.toArray(new Class<?>[0]);
        this.failureException = failureException;
    }

    Circuit circuit() {
        return circuit;
    }

    /** Whether the store's answer means the call must not run. */
    static boolean isOpen(long openMillisRemaining) {
        return openMillisRemaining != CircuitStore.NOT_OPEN;
    }

    /** The exception for a call rejected because the circuit is open. */
    RuntimeException rejection(long openMillisRemaining) {
        if (openMillisRemaining == FallbackStores.REJECT_STORE_UNAVAILABLE) {
            return failureException(null, new StoreUnavailableException(circuit.name(), null));
        }
        Duration openFor = openMillisRemaining == CircuitStore.OPEN_FOR_UNKNOWN_TIME ? null
                : Duration.ofMillis(openMillisRemaining);
        return failureException(openFor, null);
    }

    private RuntimeException failureException(Duration openFor, Throwable cause) {
        RuntimeException made = failureException.create(circuit.name(), openFor, cause);
        if (made == null) {
            throw new NullPointerException("the failureException factory of circuit '" + circuit.name()
                    + "' returned null; it must return the exception to throw");
        }
        return made;
    }

    /** Whether a successful call changes any counter, so the store need not be asked when it does not. */
    boolean recordsSuccess() {
        return circuit.countsRequests();
    }

    /** Classifies what a call threw. */
    Outcome outcomeOf(Throwable thrown) {
        if (!(thrown instanceof Exception)) {
            return Outcome.NOT_RECORDED;
        }
        for (Class<?> failureClass : catchExceptions) {
            if (failureClass.isInstance(thrown)) {
                return Outcome.FAILURE;
            }
        }
        return Outcome.REQUEST;
    }

    /** Asks the rule about the totals after a failure was recorded. */
    boolean shouldOpen(Totals totals) {
        rule.onFailureCounted(totals.failures(), totals.requests());
        return rule.shouldOpen(totals.failures(), totals.requests());
    }

    /** Logs that {@code cause} opened the circuit and makes the exception to throw instead of it. */
    RuntimeException opened(Throwable cause) {
        LOG.error("Open circuit for {} {} ({} for {} ms)", circuit.failureKey(), circuit.openKey(), circuit.name(),
                circuit.circuitTimeoutMillis());
        return failureException(circuit.circuitTimeout(), cause);
    }

    /** The exception a failed stage stands for, without the wrappers that stage composition adds. */
    static Throwable unwrap(Throwable thrown) {
        return Unwrapping.unwrap(thrown);
    }
}
