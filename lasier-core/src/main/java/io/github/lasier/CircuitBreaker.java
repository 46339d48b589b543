package io.github.lasier;

import io.github.lasier.storage.Storage;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.CircuitStoreProvider;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.StorageCircuitStore;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A synchronous circuit breaker with Lasier's behaviour, whose state lives in a {@link Storage} that several
 * breakers, in this JVM or others, may share.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder()
 *         .rule(new MaxFailuresRule(5, "payments_failures"))
 *         .storage(new InMemoryStorage())
 *         .build();
 * Receipt receipt = breaker.execute(() -> payments.charge(order));
 * }</pre>
 *
 * <p>A call runs only while the circuit is closed; otherwise the failure exception is thrown at once. After the call,
 * the outcome is recorded; when the rule says a failure has to open the circuit, the circuit opens for the circuit
 * timeout and the failure exception is thrown with the original exception as its cause. Any other exception of the
 * call propagates unchanged. With {@link Builder#halfOpen(int) half-open} probing, a call after the open period is a
 * probe if it gets one of the permitted leases, and is rejected otherwise; its outcome closes or reopens the circuit.
 * No lock is held while the call runs. Thread-safe.
 */
public final class CircuitBreaker {

    private final BreakerCore core;
    private final Circuit circuit;
    private final CircuitStore store;
    private final StoreHealth storeHealth;

    private CircuitBreaker(BreakerCore core, CircuitStore store, StoreHealth storeHealth) {
        this.core = core;
        this.circuit = core.circuit();
        this.store = store;
        this.storeHealth = storeHealth;
    }

    /** A builder; {@link Builder#rule} and {@link Builder#storage} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code call} through the breaker.
     *
     * @return what the call returned
     * @throws E                what the call threw, unchanged, unless that failure opened the circuit
     * @throws RuntimeException the failure exception when the circuit is open, half-open with every probe in flight,
     *                          or the call's failure opened it; what the failure-result predicate threw
     */
    public <T, E extends Exception> T execute(CheckedSupplier<T, E> call) throws E {
        if (core.hasHalfOpen()) {
            return executeWithHalfOpen(call);
        }
        // The check of acquirePermission(), written here and kept small (the call itself runs in another method) so
        // that the JIT can inline this method into its caller: a rejection's throw and the caller's catch then become
        // a jump instead of an unwind, several times cheaper.
        long openMillisRemaining = store.openMillisRemaining(circuit);
        if (BreakerCore.isOpen(openMillisRemaining)) {
            throw core.rejection(openMillisRemaining);
        }
        return callAndRecord(call, BreakerCore.NOT_A_PROBE);
    }

    private <T, E extends Exception> T executeWithHalfOpen(CheckedSupplier<T, E> call) throws E {
        long token = BreakerCore.newProbeToken();
        long answer = store.acquirePermit(circuit, token);
        if (!BreakerCore.isPermitted(answer)) {
            throw core.rejection(answer);
        }
        return callAndRecord(call, answer == CircuitStore.PROBE_GRANTED ? token : BreakerCore.NOT_A_PROBE);
    }

    /** Runs a permitted call and records how it ended. */
    private <T, E extends Exception> T callAndRecord(CheckedSupplier<T, E> call, long probeToken) throws E {
        long startNanos = core.callStarted();
        T result;
        try {
            result = call.get();
        } catch (Throwable thrown) {
            recordError(probeToken, startNanos, thrown);
            throw thrown;
        }
        recordResult(probeToken, startNanos, result);
        return result;
    }

    /** Runs {@code call} through the breaker; see {@link #execute(CheckedSupplier)}. */
    public <E extends Exception> void run(CheckedRunnable<E> call) throws E {
        execute(() -> {
            call.run();
            return null;
        });
    }

    /** {@code supplier}, protected by this breaker. */
    public <T> Supplier<T> decorateSupplier(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return () -> execute(supplier::get);
    }

    /** {@code callable}, protected by this breaker. */
    public <T> Callable<T> decorateCallable(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        return () -> execute(callable::call);
    }

    /** {@code runnable}, protected by this breaker. */
    public Runnable decorateRunnable(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        return () -> execute(() -> {
            runnable.run();
            return null;
        });
    }

    /** {@code function}, protected by this breaker. */
    public <T, R> Function<T, R> decorateFunction(Function<T, R> function) {
        Objects.requireNonNull(function, "function");
        return input -> execute(() -> function.apply(input));
    }

    // The permission API, for frameworks that cannot pass a lambda: acquirePermission() before the call, then exactly
    // one of onSuccess, onResult or onError with its permit after it.

    /**
     * Lets a call go ahead, or refuses it.
     *
     * @return the permit to hand back when the call has ended
     * @throws RuntimeException the failure exception when the circuit is open, or half-open with every probe in
     *                          flight
     */
    public Permit acquirePermission() {
        long token = core.hasHalfOpen() ? BreakerCore.newProbeToken() : BreakerCore.NOT_A_PROBE;
        long answer = token == BreakerCore.NOT_A_PROBE ? store.openMillisRemaining(circuit)
                : store.acquirePermit(circuit, token);
        if (!BreakerCore.isPermitted(answer)) {
            throw core.rejection(answer);
        }
        return new Permit(answer == CircuitStore.PROBE_GRANTED ? token : BreakerCore.NOT_A_PROBE,
                core.callStarted());
    }

    /** Records a permitted call that completed normally, without looking at a result. */
    public void onSuccess(Permit permit) {
        long probeToken = requireProbeToken(permit);
        record(probeToken, core.outcomeOfCompletion(permit.startNanos()), null, null);
    }

    /**
     * Records a permitted call that returned {@code result}, judged by the failure-result predicate when there is one.
     * Returns normally when the caller should use the result.
     *
     * @throws RuntimeException the failure exception when the result was a failure that opened the circuit; what the
     *                          predicate threw
     */
    public void onResult(Permit permit, Object result) {
        recordResult(requireProbeToken(permit), permit.startNanos(), result);
    }

    /**
     * Records a permitted call that threw {@code thrown}. Returns normally when the caller should rethrow
     * {@code thrown}.
     *
     * @throws RuntimeException the failure exception, with {@code thrown} as its cause, when this failure opened the
     *                          circuit
     */
    public void onError(Permit permit, Throwable thrown) {
        recordError(requireProbeToken(permit), permit.startNanos(), thrown);
    }

    private static long requireProbeToken(Permit permit) {
        if (permit == null) {
            throw new IllegalArgumentException("permit must be the one acquirePermission() returned, got: null");
        }
        return permit.probeTokenToReport();
    }

    private void recordResult(long probeToken, long startNanos, Object result) {
        BreakerCore.Outcome outcome;
        try {
            outcome = core.outcomeOfResult(result, startNanos);
        } catch (RuntimeException | Error predicateFailed) {
            abandon(probeToken);
            throw predicateFailed;
        }
        record(probeToken, outcome, null, result);
    }

    private void recordError(long probeToken, long startNanos, Throwable thrown) {
        record(probeToken, core.outcomeOf(thrown, startNanos), thrown, null);
    }

    /** Records a call's outcome: in the counters for a normal call, as a report for a probe. */
    private void record(long probeToken, BreakerCore.Outcome outcome, Throwable thrown, Object result) {
        if (probeToken != BreakerCore.NOT_A_PROBE) {
            ProbeResult reported = store.reportProbe(circuit, probeToken, BreakerCore.probeReport(outcome));
            RuntimeException reopened = core.probeReported(reported,
                    outcome == BreakerCore.Outcome.FAILURE ? core.failureOf(thrown, result) : null);
            if (reopened != null) {
                throw reopened;
            }
            return;
        }
        switch (outcome) {
            case FAILURE:
                if (core.shouldOpen(store.recordFailure(circuit))) {
                    store.open(circuit);
                    throw core.opened(core.failureOf(thrown, result));
                }
                break;
            case SUCCESS:
            case IGNORED:
                if (core.recordsSuccess()) {
                    store.recordRequest(circuit);
                }
                break;
            default:
                break;
        }
    }

    private void abandon(long probeToken) {
        if (probeToken != BreakerCore.NOT_A_PROBE) {
            core.probeReported(store.reportProbe(circuit, probeToken, ProbeReport.ABANDONED), null);
        }
    }

    /** Whether the circuit is open now. */
    public boolean isOpen() {
        return BreakerCore.isOpen(store.openMillisRemaining(circuit));
    }

    /** Opens the circuit for its circuit timeout, for every breaker sharing the store. */
    public void open() {
        store.open(circuit);
    }

    /** Closes the circuit and clears its counters, for every breaker sharing the store. */
    public void close() {
        store.close(circuit);
    }

    /**
     * Whether the store answered the last time it was asked; {@code false} from its first failure until a later probe
     * succeeds. For health checks. Always {@code true} for a store in this JVM.
     */
    public boolean isStoreAvailable() {
        return storeHealth.isAvailable();
    }

    /** The circuit: its name, keys and timeouts. */
    public Circuit circuit() {
        return circuit;
    }

    /** Builds a {@link CircuitBreaker}. */
    public static final class Builder extends BreakerBuilder<Storage, Builder> {

        private CircuitStore store;

        private Builder() {
        }

        /**
         * A per-circuit store to use instead of a {@link Storage}; for backends that implement the fused operations
         * themselves.
         */
        public Builder store(CircuitStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * Builds the breaker.
         *
         * @throws IllegalStateException when the rule or the storage was not given
         */
        public CircuitBreaker build() {
            BreakerCore core = core();
            StoreHealth health = storeHealth(core);
            CircuitStore chosen = store != null ? store : storeFor(requireStorage());
            return new CircuitBreaker(core, protect(chosen, health, core), health);
        }

        private static CircuitStore storeFor(Storage storage) {
            return storage instanceof CircuitStoreProvider provider ? provider.circuitStore()
                    : new StorageCircuitStore(storage);
        }
    }
}
