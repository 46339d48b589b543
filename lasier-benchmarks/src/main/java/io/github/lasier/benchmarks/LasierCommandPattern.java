package io.github.lasier.benchmarks;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The commands Lasier for Python (its sync {@code CircuitBreaker} on redis-py, current source) sends for one call
 * with a {@code PercentageFailuresRule}, issued one by one in the same order and with no breaker logic around them:
 * the cost of Lasier's storage pattern itself. Its {@code cache.add} is {@code SET key 0 EX timeout NX}.
 *
 * <p>Success, 5 commands: {@code GET} the flag on entry; on exit, to count the request, {@code GET} the flag again,
 * add the request counter, add the failure counter (so both windows expire together), {@code INCR} the request
 * counter.
 *
 * <p>Failure, 11 commands: {@code GET} the flag on entry; count the request as above (4); count the failure:
 * {@code GET} the flag, add the failure counter, {@code INCR} it, {@code GET} the request counter (for the log
 * line); ask the rule: {@code GET} both counters.
 */
final class LasierCommandPattern {

    private final RedisCommands<String, String> redis;
    private final String openKey;
    private final String failureKey;
    private final String requestKey;
    private final SetArgs add;

    LasierCommandPattern(RedisCommands<String, String> redis, String failureKey, String requestKey,
            long failureTimeoutSeconds) {
        this.redis = redis;
        this.openKey = "circuit_" + failureKey;
        this.failureKey = failureKey;
        this.requestKey = requestKey;
        this.add = SetArgs.Builder.ex(failureTimeoutSeconds).nx();
    }

    /** A call that succeeds. */
    Object success() {
        if (isOpen()) {
            throw new IllegalStateException("the circuit of the command pattern is open");
        }
        Object result = ProtectedWork.call();
        increaseRequestCount();
        return result;
    }

    /** A call that fails with {@code failure}, which the rule never lets open the circuit. */
    Object failure(RuntimeException failure) {
        if (isOpen()) {
            throw new IllegalStateException("the circuit of the command pattern is open");
        }
        ProtectedWork.call();
        increaseRequestCount();
        increaseFailureCount();
        long failures = valueOf(failureKey);
        long requests = valueOf(requestKey);
        if (failures < 0 || requests < 0) {
            throw new IllegalStateException("negative counter");
        }
        throw failure;
    }

    private boolean isOpen() {
        return "1".equals(redis.get(openKey));
    }

    private void increaseRequestCount() {
        if (isOpen()) {
            return;
        }
        redis.set(requestKey, "0", add);
        redis.set(failureKey, "0", add);
        redis.incr(requestKey);
    }

    private void increaseFailureCount() {
        if (isOpen()) {
            return;
        }
        redis.set(failureKey, "0", add);
        redis.incr(failureKey);
        valueOf(requestKey);
    }

    private long valueOf(String key) {
        String value = redis.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }
}
