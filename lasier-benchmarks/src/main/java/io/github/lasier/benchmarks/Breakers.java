package io.github.lasier.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;

/**
 * The breakers under test, configured once so that the closed-state and open-state benchmarks measure the same
 * objects. Each breaker gets its own keys, so breakers sharing one storage never see each other's counters.
 */
final class Breakers {

    /** Long enough that no window or open period ends during a benchmark. */
    static final Duration LONG = Duration.ofHours(1);

    private Breakers() {
    }

    static MaxFailuresRule maxFailuresRule(String name) {
        return new MaxFailuresRule(5, name + "_failures");
    }

    /** Lasier's usual percentage rule: at least half of more than 10 requests failed. */
    static PercentageFailuresRule percentageRule(String name) {
        return new PercentageFailuresRule(50, name + "_failures", 10, name + "_requests");
    }

    static CircuitBreaker lasier(Rule rule, Storage storage) {
        return CircuitBreaker.builder().rule(rule).storage(storage).failureTimeout(LONG).circuitTimeout(LONG)
                .build();
    }

    static AsyncCircuitBreaker lasierAsync(Rule rule, AsyncStorage storage) {
        return AsyncCircuitBreaker.builder().rule(rule).storage(storage).failureTimeout(LONG).circuitTimeout(LONG)
                .build();
    }

    /** Resilience4j's defaults (count-based window of 100 calls, 50% failure rate), open for {@link #LONG}. */
    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j(String name,
            boolean writableStackTrace) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .waitDurationInOpenState(LONG)
                .writableStackTraceEnabled(writableStackTrace)
                .build();
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of(name, config);
    }

    /** The Failsafe breaker: the same policy as Resilience4j's default (50 failures in the last 100 calls). */
    static dev.failsafe.CircuitBreaker<Object> failsafeBreaker() {
        return dev.failsafe.CircuitBreaker.builder()
                .withFailureThreshold(50, 100)
                .withDelay(LONG)
                .build();
    }

    static FailsafeExecutor<Object> failsafe(dev.failsafe.CircuitBreaker<Object> breaker) {
        return Failsafe.with(breaker);
    }
}
