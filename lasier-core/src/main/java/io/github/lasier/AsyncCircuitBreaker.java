package io.github.lasier;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.AsyncStorageCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.CircuitStoreProvider;
import io.github.lasier.store.ProbeReport;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The asynchronous twin of {@link CircuitBreaker}: it protects calls that return a {@link CompletionStage} and never
 * blocks the calling thread, also not while it waits for the store. Same configuration, same decisions, same
 * keys; the two share one core.
 *
 * <pre>{@code
 * AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder()
 *         .rule(new MaxFailuresRule(5, "payments_failures"))
 *         .storage(new InMemoryStorage().async())
 *         .build();
 * CompletionStage<Receipt> receipt = breaker.execute(() -> payments.chargeAsync(order));
 * }</pre>
 *
 * <p>The returned stage fails with the failure exception when the circuit is open (the supplier is then not called)
 * or when the call's failure opened it; otherwise it completes as the call's stage did. An exception thrown by the
 * supplier itself counts like a failed stage. Continuations run on the thread that completes the store's or the
 * call's stage: with a network store that is the store client's I/O thread, unless {@link Builder#callExecutor}
 * names an executor for the calls. A supplier that blocks before returning its stage should be given one.
 */
public final class AsyncCircuitBreaker {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Long> NOT_A_PROBE = CompletableFuture.completedFuture(
            BreakerCore.NOT_A_PROBE);

    private final BreakerCore core;
    private final Circuit circuit;
    private final AsyncCircuitStore store;
    private final StoreHealth storeHealth;
    private final Executor callExecutor;

    private AsyncCircuitBreaker(BreakerCore core, AsyncCircuitStore store, StoreHealth storeHealth,
            Executor callExecutor) {
        this.core = core;
        this.circuit = core.circuit();
        this.store = store;
        this.storeHealth = storeHealth;
        this.callExecutor = callExecutor;
    }

    /** A builder; {@link Builder#rule} and {@link Builder#storage} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code call} through the breaker. A half-open probe whose stage the caller completes (cancels, times out)
     * before the call starts, or whose call the call executor refuses, does not run and gives its lease back.
     *
     * @return a stage completing as the call's did, or failing with the failure exception
     */
    public <T> CompletionStage<T> execute(Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(call, "call");
        CompletionStage<Long> probeToken = permittedProbeToken();
        if (core.hasHalfOpen()) {
            return executeProbing(call, probeToken);
        }
        return callExecutor == null ? probeToken.thenCompose(token -> callAndRecord(call, token))
                : probeToken.thenComposeAsync(token -> callAndRecord(call, token), callExecutor);
    }

    /**
     * {@link #execute} for a circuit with the half-open state, where a permitted call may hold a probe lease that it
     * must give back if it never runs. Stage composition silently skips a step whose stage the caller has already
     * completed (cancelled, or timed out with {@code orTimeout}), and a refusing executor skips it too; so the call is
     * started from a step the caller cannot complete, and a probe that will not run abandons its lease.
     */
    private <T> CompletionStage<T> executeProbing(Supplier<? extends CompletionStage<T>> call,
            CompletionStage<Long> probeToken) {
        CompletableFuture<T> result = new CompletableFuture<>();
        probeToken.whenComplete((token, refused) -> {
            if (refused != null) {
                result.completeExceptionally(refused);
            } else if (callExecutor == null) {
                callUnlessGivenUp(call, token, result);
            } else {
                try {
                    callExecutor.execute(() -> callUnlessGivenUp(call, token, result));
                } catch (RuntimeException notRun) {
                    abandon(token).whenComplete((released, failure) -> result.completeExceptionally(notRun));
                }
            }
        });
        return result;
    }

    private <T> void callUnlessGivenUp(Supplier<? extends CompletionStage<T>> call, long probeToken,
            CompletableFuture<T> result) {
        if (result.isDone()) {
            abandon(probeToken);
            return;
        }
        callAndRecord(call, probeToken).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
    }

    /**
     * Asks the store whether a call may run: a stage of the call's probe token ({@link BreakerCore#NOT_A_PROBE} for a
     * call that is not a probe), or failed with the failure exception.
     */
    private CompletionStage<Long> permittedProbeToken() {
        if (!core.hasHalfOpen()) {
            return store.openMillisRemaining(circuit).thenCompose(openMillisRemaining ->
                    BreakerCore.isOpen(openMillisRemaining) ? failed(core.rejection(openMillisRemaining)) : NOT_A_PROBE);
        }
        long token = BreakerCore.newProbeToken();
        return store.acquirePermit(circuit, token).thenCompose(answer -> !BreakerCore.isPermitted(answer)
                ? failed(core.rejection(answer))
                : answer == CircuitStore.PROBE_GRANTED ? CompletableFuture.completedFuture(token) : NOT_A_PROBE);
    }

    /** Runs a permitted call and records how it ended. */
    private <T> CompletionStage<T> callAndRecord(Supplier<? extends CompletionStage<T>> call, long probeToken) {
        long startNanos = core.callStarted();
        return start(call).handle((value, thrown) -> thrown == null
                        ? recordResult(probeToken, startNanos, value).thenApply(recorded -> value)
                        : this.<T>failWith(probeToken, startNanos, BreakerCore.unwrap(thrown)))
                .thenCompose(Function.identity());
    }

    /** {@code call}, protected by this breaker. */
    public <T> Supplier<CompletionStage<T>> decorate(Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(call, "call");
        return () -> execute(call);
    }

    /**
     * Lets a call go ahead, or refuses it: the stage fails with the failure exception when the circuit is open, or
     * half-open with every probe in flight. Then report the call's end with exactly one of {@link #onSuccess},
     * {@link #onResult} or {@link #onError}, handing back the permit.
     */
    public CompletionStage<Permit> acquirePermission() {
        if (!core.hasHalfOpen()) {
            return permittedProbeToken().thenApply(token -> new Permit(token, core.callStarted()));
        }
        // A permit the caller gave up on before it was granted reaches nobody: its probe lease is given back.
        CompletableFuture<Permit> permit = new CompletableFuture<>();
        permittedProbeToken().whenComplete((token, refused) -> {
            if (refused != null) {
                permit.completeExceptionally(refused);
            } else if (!permit.complete(new Permit(token, core.callStarted()))) {
                abandon(token);
            }
        });
        return permit;
    }

    /** Records a permitted call that completed normally, without looking at a result. */
    public CompletionStage<Void> onSuccess(Permit permit) {
        long probeToken = requireProbeToken(permit);
        return record(probeToken, core.outcomeOfCompletion(permit.startNanos()), null, null);
    }

    /**
     * Records a permitted call that returned {@code result}, judged by the failure-result predicate when there is one.
     * The stage completes normally when the caller should use the result, and fails with the failure exception when
     * the result was a failure that opened the circuit, or with what the predicate threw.
     */
    public CompletionStage<Void> onResult(Permit permit, Object result) {
        return recordResult(requireProbeToken(permit), permit.startNanos(), result);
    }

    /**
     * Records a permitted call that failed with {@code thrown}. The stage completes normally when the caller should
     * pass {@code thrown} on, and fails with the failure exception when this failure opened the circuit.
     */
    public CompletionStage<Void> onError(Permit permit, Throwable thrown) {
        return recordError(requireProbeToken(permit), permit.startNanos(), BreakerCore.unwrap(thrown));
    }

    private static long requireProbeToken(Permit permit) {
        if (permit == null) {
            throw new IllegalArgumentException("permit must be the one acquirePermission() returned, got: null");
        }
        return permit.probeTokenToReport();
    }

    private CompletionStage<Void> recordResult(long probeToken, long startNanos, Object result) {
        BreakerCore.Outcome outcome;
        try {
            outcome = core.outcomeOfResult(result, startNanos);
        } catch (RuntimeException | Error predicateFailed) {
            return abandon(probeToken).thenCompose(released -> failed(predicateFailed));
        }
        return record(probeToken, outcome, null, result);
    }

    private CompletionStage<Void> recordError(long probeToken, long startNanos, Throwable thrown) {
        return record(probeToken, core.outcomeOf(thrown, startNanos), thrown, null);
    }

    /** Records a call's outcome: in the counters for a normal call, as a report for a probe. */
    private CompletionStage<Void> record(long probeToken, BreakerCore.Outcome outcome, Throwable thrown,
            Object result) {
        if (probeToken != BreakerCore.NOT_A_PROBE) {
            return store.reportProbe(circuit, probeToken, BreakerCore.probeReport(outcome)).thenCompose(reported -> {
                RuntimeException reopened = core.probeReported(reported,
                        outcome == BreakerCore.Outcome.FAILURE ? core.failureOf(thrown, result) : null);
                return reopened != null ? failed(reopened) : DONE;
            });
        }
        switch (outcome) {
            case FAILURE:
                return store.recordFailure(circuit).thenCompose(totals -> core.shouldOpen(totals)
                        ? store.open(circuit).thenCompose(opened ->
                                AsyncCircuitBreaker.<Void>failed(core.opened(core.failureOf(thrown, result))))
                        : DONE);
            case SUCCESS:
            case IGNORED:
                return core.recordsSuccess() ? store.recordRequest(circuit) : DONE;
            default:
                return DONE;
        }
    }

    private CompletionStage<Void> abandon(long probeToken) {
        if (probeToken == BreakerCore.NOT_A_PROBE) {
            return DONE;
        }
        return store.reportProbe(circuit, probeToken, ProbeReport.ABANDONED)
                .thenAccept(reported -> core.probeReported(reported, null));
    }

    /** Whether the circuit is open now. */
    public CompletionStage<Boolean> isOpen() {
        return store.openMillisRemaining(circuit).thenApply(BreakerCore::isOpen);
    }

    /** Opens the circuit for its circuit timeout, for every breaker sharing the store. */
    public CompletionStage<Void> open() {
        return store.open(circuit);
    }

    /** Closes the circuit and clears its counters, for every breaker sharing the store. */
    public CompletionStage<Void> close() {
        return store.close(circuit);
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

    private static <T> CompletionStage<T> start(Supplier<? extends CompletionStage<T>> call) {
        try {
            CompletionStage<T> stage = call.get();
            return stage != null ? stage
                    : CompletableFuture.failedFuture(new NullPointerException("the call returned a null stage"));
        } catch (Throwable thrown) {
            return CompletableFuture.failedFuture(thrown);
        }
    }

    /** The stage a failed call ends with: its own failure, or the failure exception if it opened the circuit. */
    private <T> CompletionStage<T> failWith(long probeToken, long startNanos, Throwable thrown) {
        return recordError(probeToken, startNanos, thrown).thenCompose(passOn -> AsyncCircuitBreaker.<T>failed(thrown));
    }

    /** A stage failed with {@code failure}, in a wrapper that costs no stack walk (see QuietCompletionException). */
    private static <T> CompletableFuture<T> failed(Throwable failure) {
        return CompletableFuture.failedFuture(new QuietCompletionException(failure));
    }

    /** Builds an {@link AsyncCircuitBreaker}. */
    public static final class Builder extends BreakerBuilder<AsyncStorage, Builder> {

        private AsyncCircuitStore store;
        private Executor callExecutor;

        private Builder() {
        }

        /**
         * Where the protected supplier is called once the store has answered. Default: the thread that completed the
         * store's stage, which costs nothing but is the store client's I/O thread for a network store; name an
         * executor when the supplier does blocking work before it returns its stage.
         */
        public Builder callExecutor(Executor callExecutor) {
            this.callExecutor = Objects.requireNonNull(callExecutor, "callExecutor must not be null");
            return this;
        }

        /**
         * A per-circuit store to use instead of an {@link AsyncStorage}; for backends that implement the fused
         * operations themselves.
         */
        public Builder store(AsyncCircuitStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * Builds the breaker.
         *
         * @throws IllegalStateException when the rule or the storage was not given
         */
        public AsyncCircuitBreaker build() {
            BreakerCore core = core();
            StoreHealth health = storeHealth(core);
            AsyncCircuitStore chosen = store != null ? store : storeFor(requireStorage());
            return new AsyncCircuitBreaker(core, protect(chosen, health, core), health, callExecutor);
        }

        private static AsyncCircuitStore storeFor(AsyncStorage storage) {
            return storage instanceof CircuitStoreProvider provider ? provider.asyncCircuitStore()
                    : new AsyncStorageCircuitStore(storage);
        }
    }
}
