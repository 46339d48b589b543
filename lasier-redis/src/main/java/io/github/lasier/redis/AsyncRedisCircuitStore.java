package io.github.lasier.redis;

import io.github.lasier.rules.Counting;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The fused circuit store on Redis: each event of a call is one Lua script, so one atomic step and one round trip.
 * This is the one implementation; {@link RedisCircuitStore} waits on it. Stages complete on the storage's completion
 * executor (see {@link RedisStorage.Builder#completionExecutor}) and fail with
 * {@link io.github.lasier.storage.StorageException} when Redis does.
 *
 * <p>Per call: one script to check the open flag (or ask for a probe), one to record the outcome (skipped for a
 * success when the rule counts no requests and does not count failures in a row), and one more only when the circuit
 * opens, or a probe reports. A sliding window's bucket is chosen inside the scripts by the server's clock.
 */
public final class AsyncRedisCircuitStore implements AsyncCircuitStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final long OPEN_WITHOUT_EXPIRY = -2;
    private static final long PROBE_GRANTED = 1;
    private static final long PROBES_IN_FLIGHT = 2;
    /** What report-probe answers, by the result's number there. */
    private static final ProbeResult[] PROBE_RESULTS = {ProbeResult.LEASE_LOST, ProbeResult.COUNTED,
        ProbeResult.CLOSED, ProbeResult.REOPENED, ProbeResult.RELEASED};
    private static final String REQUEST = "0";
    private static final String FAILURE = "1";

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

    /**
     * {@inheritDoc}
     *
     * <p>One script: for a circuit without the half-open state, the check of {@link #openMillisRemaining}.
     *
     * @throws IllegalArgumentException in the stage, when {@code probeToken} is 0
     */
    @Override
    public CompletionStage<Long> acquirePermit(Circuit circuit, long probeToken) {
        if (!circuit.hasHalfOpen()) {
            return openMillisRemaining(circuit);
        }
        if (probeToken == 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("probeToken must not be 0"));
        }
        return calls.run(scripts.acquireProbe, CircuitLayout.probeKeys(circuit), Long.toString(probeToken),
                Long.toString(circuit.halfOpen().probeTimeoutMillis()),
                Long.toString(circuit.halfOpenMillisAfterProbe()))
                .thenApply(AsyncRedisCircuitStore::permit);
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a circuit without the half-open state no probe holds a lease: {@link ProbeResult#LEASE_LOST}, without
     * asking Redis.
     */
    @Override
    public CompletionStage<ProbeResult> reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        if (!circuit.hasHalfOpen()) {
            return CompletableFuture.completedFuture(ProbeResult.LEASE_LOST);
        }
        String[] arguments = CircuitLayout.arguments(circuit, Long.toString(probeToken), report.name(),
                Integer.toString(circuit.halfOpen().successesToClose()),
                Long.toString(circuit.halfOpenMillisAfterProbe()));
        return calls.run(scripts.reportProbe, CircuitLayout.keys(circuit), arguments)
                .thenApply(reply -> PROBE_RESULTS[(int) reply[0]]);
    }

    @Override
    public CompletionStage<Void> recordRequest(Circuit circuit) {
        switch (circuit.countingKind()) {
            case CONSECUTIVE:
                // The run of failures is over, for every instance: one DEL, whether or not the circuit is open (the
                // counter is gone while it is).
                String failureKey = circuit.failureKey();
                return redis.run("DEL", failureKey, commands -> commands.del(failureKey)).thenApply(deleted -> null);
            case SLIDING_WINDOW:
                return recordSliding(circuit, REQUEST).thenApply(reply -> null);
            default:
                if (!circuit.countsRequests()) {
                    return DONE;
                }
                String[] keys = {circuit.openKey(), circuit.requestKey(), circuit.failureKey()};
                return calls.run(scripts.recordRequest, keys, Long.toString(circuit.failureTimeoutMillis()))
                        .thenApply(reply -> null);
        }
    }

    @Override
    public CompletionStage<Totals> recordFailure(Circuit circuit) {
        CompletionStage<long[]> recorded = circuit.countingKind() == Counting.Kind.SLIDING_WINDOW
                ? recordSliding(circuit, FAILURE)
                // A run of failures in a row is counted as Lasier counts failures in its window.
                : calls.run(scripts.recordFailure, circuitKeys(circuit),
                        Long.toString(circuit.failureTimeoutMillis()));
        return recorded.thenApply(reply -> new Totals(reply[0], reply[1]));
    }

    @Override
    public CompletionStage<Void> open(Circuit circuit) {
        return calls.run(scripts.open, CircuitLayout.keys(circuit), CircuitLayout.arguments(circuit))
                .thenApply(reply -> null);
    }

    /**
     * Closes the circuit with one DEL of all its keys: the flag, the counters and the half-open keys. A sliding
     * window's bucket keys depend on the server's clock, so that circuit closes by a script instead.
     */
    @Override
    public CompletionStage<Void> close(Circuit circuit) {
        String[] keys = CircuitLayout.keys(circuit);
        if (circuit.countingKind() == Counting.Kind.SLIDING_WINDOW) {
            return calls.run(scripts.close, keys, CircuitLayout.arguments(circuit)).thenApply(reply -> null);
        }
        return redis.run("DEL", keys[0], commands -> commands.del(keys)).thenApply(deleted -> null);
    }

    private CompletionStage<long[]> recordSliding(Circuit circuit, String event) {
        Counting counting = circuit.counting();
        return calls.run(scripts.recordSliding, CircuitLayout.slidingKeys(circuit),
                Long.toString(counting.bucketMillis()), Integer.toString(counting.buckets()),
                Long.toString(counting.bucketMillis() * (counting.buckets() + 1)), event);
    }

    private static long openState(long state) {
        if (state == OPEN_WITHOUT_EXPIRY) {
            return CircuitStore.OPEN_FOR_UNKNOWN_TIME;
        }
        return state < 0 ? CircuitStore.NOT_OPEN : state;
    }

    /** The answer of acquire-probe: {open state, probe}. */
    private static long permit(long[] reply) {
        if (reply[1] == PROBE_GRANTED) {
            return CircuitStore.PROBE_GRANTED;
        }
        if (reply[1] == PROBES_IN_FLIGHT) {
            return CircuitStore.PROBES_IN_FLIGHT;
        }
        return openState(reply[0]);
    }

    /** The flag, then the failure counter, then the request counter when the circuit counts requests. */
    private static String[] circuitKeys(Circuit circuit) {
        return circuit.countsRequests()
                ? new String[] {circuit.openKey(), circuit.failureKey(), circuit.requestKey()}
                : new String[] {circuit.openKey(), circuit.failureKey()};
    }
}
