package io.github.lasier;

import io.github.lasier.rules.Counting;
import io.github.lasier.rules.Rule;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;
import io.github.lasier.store.Unwrapping;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy both breakers share: every decision of the state machine lives here, once. The sync and async
 * breakers only differ in how they wait for the store between these decisions.
 */
final class BreakerCore {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.lasier.CircuitBreaker");

    /** The probe token of a call that is not a probe. Tokens of probes are never 0. */
    static final long NOT_A_PROBE = 0;

    /** What a finished call means for the circuit. */
    enum Outcome {
        /** The call counts as a request and a failure; a probe that failed. */
        FAILURE,
        /** The call succeeded: it counts as a request; a probe that succeeded. */
        SUCCESS,
        /**
         * The call threw an exception that is not counted as a failure: it counts as a request (Lasier's rule), but a
         * probe ending so says nothing about the downstream and gives its lease back.
         */
        IGNORED,
        /** The call is not recorded (an {@link Error}); a probe ending so gives its lease back. */
        NOT_RECORDED
    }

    private final Circuit circuit;
    private final Rule rule;
    private final Class<?>[] catchExceptions;
    private final FailureExceptionFactory failureException;
    private final Predicate<Object> failureResult;
    private final boolean timesCalls;
    private final long slowCallNanos;
    private final boolean countsExceptions;
    private final boolean recordsSuccess;

    BreakerCore(Circuit circuit, Rule rule, List<Class<? extends Exception>> catchExceptions,
            FailureExceptionFactory failureException, Predicate<Object> failureResult) {
        this.circuit = circuit;
        this.rule = rule;
        this.catchExceptions = catchExceptions.toArray(new Class<?>[0]);
        this.failureException = failureException;
        this.failureResult = failureResult;
        Duration slowCallThreshold = rule.slowCallThreshold();
        this.timesCalls = slowCallThreshold != null;
        this.slowCallNanos = timesCalls ? slowCallThreshold.toNanos() : Long.MAX_VALUE;
        this.countsExceptions = rule.countsExceptions();
        this.recordsSuccess = circuit.countsRequests() || circuit.countingKind() == Counting.Kind.CONSECUTIVE;
    }

    Circuit circuit() {
        return circuit;
    }

    /** Whether the circuit has the half-open state, so that calls ask the store for a permit, not only the flag. */
    boolean hasHalfOpen() {
        return circuit.hasHalfOpen();
    }

    /** A new probe token: random, so that breakers in other processes never hand out the same one. */
    static long newProbeToken() {
        long token;
        do {
            token = ThreadLocalRandom.current().nextLong();
        } while (token == NOT_A_PROBE);
        return token;
    }

    /** Whether the store's answer to the open check means the call must not run. */
    static boolean isOpen(long openMillisRemaining) {
        return openMillisRemaining != CircuitStore.NOT_OPEN;
    }

    /** Whether the store's answer to a permit request lets the call run (as a normal call or as a probe). */
    static boolean isPermitted(long answer) {
        return answer == CircuitStore.NOT_OPEN || answer == CircuitStore.PROBE_GRANTED;
    }

    /** The exception for a call rejected because the circuit is open, or half-open with every probe in flight. */
    RuntimeException rejection(long answer) {
        if (answer == FallbackStores.REJECT_STORE_UNAVAILABLE) {
            return failureException(null, new StoreUnavailableException(circuit.name(), null));
        }
        if (answer == CircuitStore.PROBES_IN_FLIGHT) {
            return made(failureException.createHalfOpenRejection(circuit.name()));
        }
        Duration openFor = answer == CircuitStore.OPEN_FOR_UNKNOWN_TIME ? null : Duration.ofMillis(answer);
        return failureException(openFor, null);
    }

    private RuntimeException failureException(Duration openFor, Throwable cause) {
        return made(failureException.create(circuit.name(), openFor, cause));
    }

    private RuntimeException made(RuntimeException made) {
        if (made == null) {
            throw new NullPointerException("the failureException factory of circuit '" + circuit.name()
                    + "' returned null; it must return the exception to throw");
        }
        return made;
    }

    /** Whether a call that did not fail changes anything in the store, so the store need not be asked when not. */
    boolean recordsSuccess() {
        return recordsSuccess;
    }

    /** When a call starts, for rules that count slow calls; 0 (no clock read) for the others. */
    long callStarted() {
        return timesCalls ? System.nanoTime() : 0;
    }

    private boolean isSlow(long startNanos) {
        return timesCalls && System.nanoTime() - startNanos > slowCallNanos;
    }

    /** Classifies a call that threw {@code thrown}, started at {@code startNanos}. */
    Outcome outcomeOf(Throwable thrown, long startNanos) {
        if (!(thrown instanceof Exception)) {
            return Outcome.NOT_RECORDED;
        }
        if (countsExceptions) {
            for (Class<?> failureClass : catchExceptions) {
                if (failureClass.isInstance(thrown)) {
                    return Outcome.FAILURE;
                }
            }
        }
        return isSlow(startNanos) ? Outcome.FAILURE : Outcome.IGNORED;
    }

    /** Classifies a call that completed normally, without a result to judge, started at {@code startNanos}. */
    Outcome outcomeOfCompletion(long startNanos) {
        return isSlow(startNanos) ? Outcome.FAILURE : Outcome.SUCCESS;
    }

    /**
     * Classifies a call that returned {@code result}, started at {@code startNanos}.
     *
     * @throws RuntimeException what the failure-result predicate threw; the call is then not recorded
     */
    Outcome outcomeOfResult(Object result, long startNanos) {
        if (isSlow(startNanos) || failureResult != null && failureResult.test(result)) {
            return Outcome.FAILURE;
        }
        return Outcome.SUCCESS;
    }

    /** What a finished probe tells the store. */
    static ProbeReport probeReport(Outcome outcome) {
        switch (outcome) {
            case FAILURE:
                return ProbeReport.FAILED;
            case SUCCESS:
                return ProbeReport.SUCCEEDED;
            default:
                return ProbeReport.ABANDONED;
        }
    }

    /** Asks the rule about the totals after a failure was recorded. */
    boolean shouldOpen(Totals totals) {
        rule.onFailureCounted(totals.failures(), totals.requests());
        return rule.shouldOpen(totals.failures(), totals.requests());
    }

    /**
     * The failure a call ended with: what it threw, or for a result judged a failure, a {@link FailedResultException}
     * holding it.
     */
    Throwable failureOf(Throwable thrown, Object result) {
        return thrown != null ? thrown : new FailedResultException(circuit.name(), result);
    }

    /** Logs that {@code cause} opened the circuit and makes the exception to throw instead of it. */
    RuntimeException opened(Throwable cause) {
        LOG.error("Open circuit for {} {} ({} for {} ms)", circuit.failureKey(), circuit.openKey(), circuit.name(),
                circuit.circuitTimeoutMillis());
        return failureException(circuit.circuitTimeout(), cause);
    }

    /**
     * Logs what a probe's report did. Returns the exception to throw instead of the probe's failure when the failure
     * opened the circuit again, else {@code null}.
     */
    RuntimeException probeReported(ProbeResult result, Throwable failure) {
        switch (result) {
            case REOPENED:
                LOG.warn("Probe of circuit {} failed: open again for {} ms", circuit.name(),
                        circuit.circuitTimeoutMillis());
                return failureException(circuit.circuitTimeout(), failure);
            case CLOSED:
                LOG.info("Circuit {} closed after {} successful probes", circuit.name(),
                        circuit.halfOpen().successesToClose());
                return null;
            case LEASE_LOST:
                LOG.debug("Probe of circuit {} reported after its lease ended; the report changed nothing",
                        circuit.name());
                return null;
            default:
                return null;
        }
    }

    /** The exception a failed stage stands for, without the wrappers that stage composition adds. */
    static Throwable unwrap(Throwable thrown) {
        return Unwrapping.unwrap(thrown);
    }
}
