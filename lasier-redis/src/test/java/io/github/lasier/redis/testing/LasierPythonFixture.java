package io.github.lasier.redis.testing;

/**
 * Writes and reads circuit keys exactly as Lasier for Python does with its redis-py adapter, command for command,
 * so tests can show that a Python service and a Java service share one circuit. Timeouts are whole seconds (EX), as
 * in Lasier; values are decimal strings.
 *
 * <p>Lasier's adapter: add = {@code SET key value EX timeout NX}; set = {@code SET key value EX timeout};
 * incr = {@code INCR}; get = {@code GET} read as an integer; delete = {@code DEL}.
 */
public final class LasierPythonFixture implements AutoCloseable {

    private final RespConnection redis;
    private final String failureKey;
    private final String requestKey;
    private final long failureTimeoutSeconds;
    private final long circuitTimeoutSeconds;

    /**
     * @param requestKey {@code null} for a rule that counts no requests
     */
    public LasierPythonFixture(RedisServerProcess server, String failureKey, String requestKey,
            long failureTimeoutSeconds, long circuitTimeoutSeconds) {
        this.redis = server.connect();
        this.failureKey = failureKey;
        this.requestKey = requestKey;
        this.failureTimeoutSeconds = failureTimeoutSeconds;
        this.circuitTimeoutSeconds = circuitTimeoutSeconds;
    }

    /** Lasier's open flag key. */
    public String circuitKey() {
        return "circuit_" + failureKey;
    }

    /** Lasier's {@code is_circuit_open}: {@code get(circuit_key) == 1}. */
    public boolean isCircuitOpen() {
        Long value = get(circuitKey());
        return value != null && value == 1;
    }

    /** Lasier's request path: add both counters at 0 with the failure timeout, then incr the request counter. */
    public void increaseRequestCount() {
        if (requestKey == null) {
            return;
        }
        add(requestKey, 0, failureTimeoutSeconds);
        add(failureKey, 0, failureTimeoutSeconds);
        redis.command("INCR", requestKey);
    }

    /** Lasier's failure path: add the failure counter at 0 with the failure timeout, then incr it. */
    public void increaseFailureCount() {
        add(failureKey, 0, failureTimeoutSeconds);
        redis.command("INCR", failureKey);
    }

    /** Lasier's open: set the flag to 1 for the circuit timeout, delete both counters. */
    public void openCircuit() {
        redis.command("SET", circuitKey(), "1", "EX", Long.toString(circuitTimeoutSeconds));
        redis.command("DEL", failureKey);
        if (requestKey != null) {
            redis.command("DEL", requestKey);
        }
    }

    /**
     * One failed call through a Lasier breaker with a max-failures rule: rejected when open; otherwise counted,
     * and the circuit opened when the failures reach {@code maxFailures}.
     *
     * @return whether the call ran (false when the circuit was open)
     */
    public boolean failedCall(long maxFailures) {
        if (isCircuitOpen()) {
            return false;
        }
        increaseFailureCount();
        increaseRequestCount();
        Long failures = get(failureKey);
        if (failures != null && failures >= maxFailures) {
            openCircuit();
        }
        return true;
    }

    /** One successful call through a Lasier breaker. */
    public boolean successfulCall() {
        if (isCircuitOpen()) {
            return false;
        }
        increaseRequestCount();
        return true;
    }

    /** Lasier's get: the integer at {@code key}, or null. */
    public Long get(String key) {
        Object value = redis.command("GET", key);
        return value == null ? null : Long.valueOf((String) value);
    }

    private void add(String key, long value, long timeoutSeconds) {
        redis.command("SET", key, Long.toString(value), "EX", Long.toString(timeoutSeconds), "NX");
    }

    @Override
    public void close() {
        redis.close();
    }
}
