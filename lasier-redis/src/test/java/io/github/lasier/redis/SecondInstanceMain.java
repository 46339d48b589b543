package io.github.lasier.redis;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.rules.MaxFailuresRule;
import java.io.IOException;
import java.time.Duration;

/**
 * Another instance of a service, in its own JVM: runs failing calls through a breaker on Redis and prints what
 * happened to each, one word a line: FAILED (counted), OPENED (this failure opened the circuit), REJECTED.
 *
 * <p>Arguments: redis URI, max failures, number of failing calls.
 */
public final class SecondInstanceMain {

    private SecondInstanceMain() {
    }

    public static void main(String[] args) {
        String uri = args[0];
        long maxFailures = Long.parseLong(args[1]);
        int calls = Integer.parseInt(args[2]);
        try (RedisStorage storage = RedisStorage.builder().uri(uri).commandTimeout(Duration.ofSeconds(5)).build()) {
            CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(maxFailures, "jvm_failures"))
                    .storage(storage).storeFailurePolicy(StoreFailurePolicy.PROPAGATE).build();
            for (int i = 0; i < calls; i++) {
                try {
                    breaker.execute(() -> {
                        throw new IOException("down");
                    });
                } catch (IOException counted) {
                    System.out.println("FAILED");
                } catch (CircuitOpenException open) {
                    System.out.println(open.getCause() != null ? "OPENED" : "REJECTED");
                }
            }
        }
    }
}
