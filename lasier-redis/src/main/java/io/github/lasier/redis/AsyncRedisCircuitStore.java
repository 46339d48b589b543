package io.github.lasier.redis;

import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.Totals;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The fused circuit store on Redis: each event of a call is one Lua script, so one atomic step and one round trip.
 * This is the one implementation; {@link RedisCircuitStore} waits on it. Stages complete on the storage's completion
 * executor (see {@link RedisStorage.Builder#completionExecutor}) and fail with
 * {@link io.github.lasier.storage.StorageException} when Redis does.
 *
 * <p>Per call: one script to check the open flag, one to record the outcome (skipped for a success when the rule
 * counts no requests), and one more only when the circuit opens.
 */
public final class AsyncRedisCircuitStore implements AsyncCircuitStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final long OPEN_WITHOUT_EXPIRY = -2;

    private final RedisCommandRunner redis;
    private final CircuitScripts scripts;
    private final ScriptCalls calls;

    AsyncRedisCircuitStore(RedisCommandRunner redis, CircuitScripts scripts) {
        this.redis = redis;
        this.scripts = scripts;
        this.calls = new ScriptCalls(redis);
    }

    /**
     * {@inheritDoc}
     *
     * <p>An open flag (value 1) that has no expiry, as one set by hand without TTL, counts as open for an unknown
     * time: until someone deletes it.
     */
    @Override
    public CompletionStage<Long> openMillisRemaining(Circuit circuit) {
        return calls.run(scripts.check, new String[] {circuit.openKey()})
                .thenApply(reply -> openState(reply[0]));
    }

    @Override
    public CompletionStage<Void> recordRequest(Circuit circuit) {
        if (!circuit.countsRequests()) {
            return DONE;
        }
        String[] keys = {circuit.openKey(), circuit.requestKey(), circuit.failureKey()};
        return calls.run(scripts.recordRequest, keys, Long.toString(circuit.failureTimeoutMillis()))
                .thenApply(reply -> null);
    }

    @Override
    public CompletionStage<Totals> recordFailure(Circuit circuit) {
        return calls.run(scripts.recordFailure, circuitKeys(circuit), Long.toString(circuit.failureTimeoutMillis()))
                .thenApply(reply -> new Totals(reply[0], reply[1]));
    }

    @Override
    public CompletionStage<Void> open(Circuit circuit) {
        return calls.run(scripts.open, circuitKeys(circuit), Long.toString(circuit.circuitTimeoutMillis()))
                .thenApply(reply -> null);
    }

    /** Closes the circuit with one DEL of the flag and both counters. */
    @Override
    public CompletionStage<Void> close(Circuit circuit) {
        String[] keys = circuitKeys(circuit);
        return redis.run("DEL", keys[0], commands -> commands.del(keys)).thenApply(deleted -> null);
    }

    private static long openState(long state) {
        if (state == OPEN_WITHOUT_EXPIRY) {
            return CircuitStore.OPEN_FOR_UNKNOWN_TIME;
        }
        return state < 0 ? CircuitStore.NOT_OPEN : state;
    }

    /** The flag, then the failure counter, then the request counter when the circuit counts requests. */
    private static String[] circuitKeys(Circuit circuit) {
        return circuit.countsRequests()
                ? new String[] {circuit.openKey(), circuit.failureKey(), circuit.requestKey()}
                : new String[] {circuit.openKey(), circuit.failureKey()};
    }
}
