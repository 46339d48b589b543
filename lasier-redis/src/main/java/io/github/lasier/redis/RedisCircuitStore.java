package io.github.lasier.redis;

import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;

/**
 * The fused circuit store on Redis for {@link io.github.lasier.CircuitBreaker}: each operation runs
 * {@link AsyncRedisCircuitStore}'s and waits for it, at most about the command timeout.
 */
public final class RedisCircuitStore implements CircuitStore {

    private final AsyncRedisCircuitStore async;
    private final Await await;

    RedisCircuitStore(AsyncRedisCircuitStore async, Await await) {
        this.async = async;
        this.await = await;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An open flag without expiry counts as open for an unknown time.
     */
    @Override
    public long openMillisRemaining(Circuit circuit) {
        return await.result(async.openMillisRemaining(circuit));
    }

    @Override
    public long acquirePermit(Circuit circuit, long probeToken) {
        return await.result(async.acquirePermit(circuit, probeToken));
    }

    @Override
    public ProbeResult reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        return await.result(async.reportProbe(circuit, probeToken, report));
    }

    @Override
    public void recordRequest(Circuit circuit) {
        await.result(async.recordRequest(circuit));
    }

    @Override
    public Totals recordFailure(Circuit circuit) {
        return await.result(async.recordFailure(circuit));
    }

    @Override
    public void open(Circuit circuit) {
        await.result(async.open(circuit));
    }

    @Override
    public void close(Circuit circuit) {
        await.result(async.close(circuit));
    }
}
