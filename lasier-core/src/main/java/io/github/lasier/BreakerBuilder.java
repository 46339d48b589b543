package io.github.lasier;

import io.github.lasier.rules.Rule;
import io.github.lasier.storage.Ttl;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.HalfOpen;
import io.github.lasier.store.ImmediateAsyncCircuitStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The configuration both breakers share, set fluently. Each setter checks its value at once and names the parameter
 * in the error; {@link #build()} checks that the required rule and storage were given.
 *
 * @param <S> the storage type the breaker talks to
 * @param <B> the concrete builder, for fluent chaining
 */
public abstract class BreakerBuilder<S, B extends BreakerBuilder<S, B>> {

    /** Lasier's default for both timeouts. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** How long a failed store is left alone before one call probes it again, by default. */
    public static final Duration DEFAULT_STORE_RETRY_INTERVAL = Duration.ofSeconds(1);

    private String name;
    private Rule rule;
    private S storage;
    private Duration failureTimeout = DEFAULT_TIMEOUT;
    private Duration circuitTimeout = DEFAULT_TIMEOUT;
    private List<Class<? extends Exception>> catchExceptions = List.of(Exception.class);
    private FailureExceptionFactory failureException = new CircuitOpenExceptions();
    private String keyPrefix = "";
    private StoreFailurePolicy storeFailurePolicy = StoreFailurePolicy.LOCAL_FALLBACK;
    private Duration storeRetryInterval = DEFAULT_STORE_RETRY_INTERVAL;
    private int permittedProbes;
    private int successesToClose;
    private Duration probeTimeout;
    private Predicate<Object> failureResult;

    BreakerBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The circuit's name, used in messages and exceptions. Default: the rule's failure key. */
    public B name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be null or blank, got: "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
        return self();
    }

    /** The rule that decides when the circuit opens. Required. */
    public B rule(Rule rule) {
        this.rule = Objects.requireNonNull(rule, "rule must not be null");
        return self();
    }

    /** Where the circuit's state lives. Required. */
    public B storage(S storage) {
        this.storage = Objects.requireNonNull(storage, "storage must not be null");
        return self();
    }

    /**
     * The counters' window: it starts when a counter is created and later increments do not extend it (Lasier's
     * fixed window). At least 1 ms; default 60 s.
     */
    public B failureTimeout(Duration failureTimeout) {
        Ttl.toMillis("failureTimeout", failureTimeout);
        this.failureTimeout = failureTimeout;
        return self();
    }

    /** How long the circuit stays open once opened. At least 1 ms; default 60 s. */
    public B circuitTimeout(Duration circuitTimeout) {
        Ttl.toMillis("circuitTimeout", circuitTimeout);
        this.circuitTimeout = circuitTimeout;
        return self();
    }

    /**
     * The exceptions (with their subclasses) that count as failures. Default: every {@link Exception}. Other
     * exceptions propagate unchanged and count only as requests; {@link Error}s propagate untouched and are not
     * recorded at all.
     */
    @SafeVarargs
    public final B catchExceptions(Class<? extends Exception>... exceptionClasses) {
        if (exceptionClasses == null || exceptionClasses.length == 0) {
            throw new IllegalArgumentException("catchExceptions needs at least one exception class, got: "
                    + Arrays.toString(exceptionClasses));
        }
        for (Class<? extends Exception> exceptionClass : exceptionClasses) {
            if (exceptionClass == null) {
                throw new IllegalArgumentException("catchExceptions must not contain null, got: "
                        + Arrays.toString(exceptionClasses));
            }
        }
        this.catchExceptions = List.of(exceptionClasses);
        return self();
    }

    /**
     * The exception thrown while the circuit is open and when a failure has just opened it. When it has, the
     * original exception is set as its cause if the supplied exception has none yet.
     */
    public B failureException(Supplier<? extends RuntimeException> failureException) {
        Objects.requireNonNull(failureException, "failureException must not be null");
        return failureException((circuitName, openFor, cause) -> {
            RuntimeException exception = failureException.get();
            if (cause != null && exception.getCause() == null) {
                try {
                    exception.initCause(cause);
                } catch (IllegalStateException causeAlreadySet) {
                    // The exception was built with an explicit null cause; it stays as built.
                }
            }
            return exception;
        });
    }

    /** The exception thrown while the circuit is open and when a failure has just opened it, made per event. */
    public B failureException(FailureExceptionFactory failureException) {
        this.failureException = Objects.requireNonNull(failureException, "failureException must not be null");
        return self();
    }

    /**
     * A prefix put before every key of this circuit, to keep several applications apart in one store. Default: none,
     * so the keys are exactly Lasier's.
     */
    public B keyPrefix(String keyPrefix) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
        return self();
    }

    /**
     * What the breaker does while its store is unavailable; see {@link StoreFailurePolicy}. Default:
     * {@link StoreFailurePolicy#LOCAL_FALLBACK}. Stores in this JVM cannot become unavailable and ignore it.
     */
    public B storeFailurePolicy(StoreFailurePolicy storeFailurePolicy) {
        this.storeFailurePolicy = Objects.requireNonNull(storeFailurePolicy, "storeFailurePolicy must not be null");
        return self();
    }

    /**
     * How long a store that failed is left alone before one call probes it again; also how soon shared state is used
     * again after the store returns. At least 1 ms; default 1 s.
     */
    public B storeRetryInterval(Duration storeRetryInterval) {
        Ttl.toMillis("storeRetryInterval", storeRetryInterval);
        this.storeRetryInterval = storeRetryInterval;
        return self();
    }

    /**
     * Enables the half-open state: when the open period ends, at most {@code permittedProbes} calls, across every
     * breaker sharing the store, run as probes, and the others are rejected with the failure exception. When all of
     * them succeed the circuit closes and its counters start again; when one fails the circuit opens again for the
     * circuit timeout. A probe that never reports (it hangs, its process dies) gives its permit back after the circuit
     * timeout. Off by default: Lasier's circuit closes when its open period ends and lets every call through.
     *
     * @param permittedProbes probes admitted at once, 1 to {@value HalfOpen#MAX_PROBES}
     * @throws IllegalArgumentException naming the parameter and the value when out of range
     */
    public B halfOpen(int permittedProbes) {
        return halfOpen(permittedProbes, permittedProbes, null);
    }

    /**
     * Enables the half-open state (see {@link #halfOpen(int)}) with every setting.
     *
     * @param permittedProbes  probes admitted at once, 1 to {@value HalfOpen#MAX_PROBES}
     * @param successesToClose successful probes that close the circuit, 1 to {@code permittedProbes}
     * @param probeTimeout     how long a probe holds its permit before it is given back if the probe has not
     *                         reported; {@code null} for the circuit timeout. Set it above the slowest call you expect
     * @throws IllegalArgumentException naming the parameter and the value when any is out of range
     */
    public B halfOpen(int permittedProbes, int successesToClose, Duration probeTimeout) {
        new HalfOpen(permittedProbes, successesToClose, probeTimeout == null ? DEFAULT_TIMEOUT : probeTimeout);
        this.permittedProbes = permittedProbes;
        this.successesToClose = successesToClose;
        this.probeTimeout = probeTimeout;
        return self();
    }

    /**
     * Judges calls by what they return: a result for which {@code isFailure} is true counts as a failure, exactly as
     * an exception would, and is still returned to the caller unless it opened the circuit (then the failure exception
     * is thrown, with a {@link FailedResultException} holding the result as its cause). If the predicate throws, its
     * exception reaches the caller and the call is not recorded. Default: no result is a failure.
     *
     * <pre>{@code .failureResult(result -> result instanceof HttpResponse<?> r && r.statusCode() >= 500)}</pre>
     */
    public B failureResult(Predicate<Object> isFailure) {
        this.failureResult = Objects.requireNonNull(isFailure, "failureResult must not be null");
        return self();
    }

    /** The default failure exception: a {@link CircuitOpenException}, which also tells a half-open rejection. */
    private static final class CircuitOpenExceptions implements FailureExceptionFactory {
        @Override
        public RuntimeException create(String circuitName, Duration openFor, Throwable cause) {
            return new CircuitOpenException(circuitName, openFor, cause);
        }

        @Override
        public RuntimeException createHalfOpenRejection(String circuitName) {
            return CircuitOpenException.halfOpen(circuitName);
        }
    }

    /** The health record of the breaker's store, read by the breaker and written by its failover store. */
    final StoreHealth storeHealth(BreakerCore core) {
        return new StoreHealth(core.circuit().name(), storeRetryInterval.toNanos(), System::nanoTime);
    }

    /** {@code store}, behind the storage-failure policy unless it lives in this JVM. */
    final CircuitStore protect(CircuitStore store, StoreHealth health, BreakerCore core) {
        if (store.isInProcess()) {
            return store;
        }
        CircuitStore fallback = FallbackStores.forPolicy(storeFailurePolicy, core.circuit().name(), health);
        return new FailoverCircuitStore(store, fallback, health, storeFailurePolicy);
    }

    /** {@code store}, behind the storage-failure policy unless it lives in this JVM. */
    final AsyncCircuitStore protect(AsyncCircuitStore store, StoreHealth health, BreakerCore core) {
        if (store.isInProcess()) {
            return store;
        }
        CircuitStore fallback = FallbackStores.forPolicy(storeFailurePolicy, core.circuit().name(), health);
        return new AsyncFailoverCircuitStore(store, new ImmediateAsyncCircuitStore(fallback), health,
                storeFailurePolicy);
    }

    /** Checks the required settings and gives the storage to the concrete builder. */
    final S requireStorage() {
        if (storage == null) {
            throw new IllegalStateException("storage is required: call storage(...) before build()");
        }
        return storage;
    }

    /** The shared core these settings describe. */
    final BreakerCore core() {
        if (rule == null) {
            throw new IllegalStateException("rule is required: call rule(...) before build()");
        }
        HalfOpen halfOpen = permittedProbes == 0 ? null
                : new HalfOpen(permittedProbes, successesToClose, probeTimeout != null ? probeTimeout : circuitTimeout);
        Circuit circuit = Circuit.of(name, rule, failureTimeout, circuitTimeout, keyPrefix, halfOpen);
        return new BreakerCore(circuit, rule, catchExceptions, failureException, failureResult);
    }
}
