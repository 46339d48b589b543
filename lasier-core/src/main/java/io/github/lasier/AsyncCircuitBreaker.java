package io.github.lasier;

import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.AsyncStorageCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStoreProvider;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * call's stage.
 */
public final class AsyncCircuitBreaker {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final BreakerCore core;
    private final Circuit circuit;
    private final AsyncCircuitStore store;
    private final StoreHealth storeHealth;

    private AsyncCircuitBreaker(BreakerCore core, AsyncCircuitStore store, StoreHealth storeHealth) {
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
     * @return a stage completing as the call's did, or failing with the failure exception
     */
    public <T> CompletionStage<T> execute(Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(call, "call");
        return acquirePermission().thenCompose(permitted -> start(call)
                .handle((value, thrown) -> thrown == null
                        ? onSuccess().thenApply(recorded -> value)
                        : this.<T>failWith(BreakerCore.unwrap(thrown)))
                .thenCompose(Function.identity()));
    }

    /** {@code call}, protected by this breaker. */
    public <T> Supplier<CompletionStage<T>> decorate(Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(call, "call");
        return () -> execute(call);
    }

    /**
     * Lets a call go ahead, or refuses it: the stage fails with the failure exception when the circuit is open.
     * Then report the call's end with exactly one of {@link #onSuccess()} or {@link #onError(Throwable)}.
     */
    public CompletionStage<Void> acquirePermission() {
        return store.openMillisRemaining(circuit).thenCompose(openMillisRemaining ->
                BreakerCore.isOpen(openMillisRemaining)
                        ? CompletableFuture.failedFuture(core.rejection(openMillisRemaining))
                        : DONE);
    }

    /** Records a call that completed normally. */
    public CompletionStage<Void> onSuccess() {
        return core.recordsSuccess() ? store.recordRequest(circuit) : DONE;
    }

    /**
     * Records a call that failed with {@code thrown}. The stage completes normally when the caller should pass
     * {@code thrown} on, and fails with the failure exception when this failure opened the circuit.
     */
    public CompletionStage<Void> onError(Throwable thrown) {
        Throwable cause = BreakerCore.unwrap(thrown);
        switch (core.outcomeOf(cause)) {
            case FAILURE:
                return store.recordFailure(circuit).thenCompose(totals -> core.shouldOpen(totals)
                        ? store.open(circuit).thenCompose(
                                opened -> CompletableFuture.<Void>failedFuture(core.opened(cause)))
                        : DONE);
            case REQUEST:
                return onSuccess();
            default:
                return DONE;
        }
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
    private <T> CompletionStage<T> failWith(Throwable thrown) {
        return onError(thrown).thenCompose(passOn -> CompletableFuture.<T>failedFuture(thrown));
    }

    /** Builds an {@link AsyncCircuitBreaker}. */
    public static final class Builder extends BreakerBuilder<AsyncStorage, Builder> {

        private AsyncCircuitStore store;

        private Builder() {
        }

        /**
         * A per-circuit store to use instead of an {@link AsyncStorage}; for backends that implement the fused
         * operations themselves.
         */
        public Builder store(AsyncCircuitStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        @Override
        public AsyncCircuitBreaker build() {
            BreakerCore core = core();
            StoreHealth health = storeHealth(core);
            AsyncCircuitStore chosen = store != null ? store : storeFor(requireStorage());
            return new AsyncCircuitBreaker(core, protect(chosen, health, core), health);
        }

        private static AsyncCircuitStore storeFor(AsyncStorage storage) {
            return storage instanceof CircuitStoreProvider provider ? provider.asyncCircuitStore()
                    : new AsyncStorageCircuitStore(storage);
        }
    }
}
