package io.github.lasier.benchmarks;

import dev.failsafe.FailsafeExecutor;
import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.storage.InMemoryStorage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Open state: the cost of a rejected call, from the call to the caught exception, for each library. The protected
 * work never runs; if it did, the benchmark fails instead of reporting a number.
 *
 * <p>What each library throws: Lasier a {@link io.github.lasier.CircuitOpenException} that never fills its stack
 * trace; Resilience4j a {@code CallNotPermittedException}, measured both with its default (stack trace filled) and
 * with {@code writableStackTraceEnabled(false)}; Failsafe a {@code CircuitBreakerOpenException}, whose stack trace
 * is always filled (it offers no switch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpenStateBenchmark {

    private static final io.github.lasier.CheckedSupplier<Object, RuntimeException> MUST_NOT_RUN = () -> {
        throw new AssertionError("the protected call ran while the circuit was open");
    };
    private static final Supplier<Object> MUST_NOT_RUN_SUPPLIER = () -> {
        throw new AssertionError("the protected call ran while the circuit was open");
    };

    private CircuitBreaker lasier;
    private AsyncCircuitBreaker lasierAsync;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jNoStackTrace;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jDefault;
    private FailsafeExecutor<Object> failsafe;

    @Setup
    public void setUp() {
        InMemoryStorage storage = new InMemoryStorage();
        lasier = Breakers.lasier(Breakers.maxFailuresRule("sync_open"), storage);
        lasier.open();
        lasierAsync = Breakers.lasierAsync(Breakers.maxFailuresRule("async_open"), storage.async());
        lasierAsync.open().toCompletableFuture().join();
        resilience4jNoStackTrace = Breakers.resilience4j("r4j_no_trace", false);
        resilience4jNoStackTrace.transitionToOpenState();
        resilience4jDefault = Breakers.resilience4j("r4j_default", true);
        resilience4jDefault.transitionToOpenState();
        dev.failsafe.CircuitBreaker<Object> failsafeBreaker = Breakers.failsafeBreaker();
        failsafeBreaker.open();
        failsafe = Breakers.failsafe(failsafeBreaker);
    }

    @Benchmark
    public Object lasier() {
        try {
            return lasier.execute(MUST_NOT_RUN);
        } catch (io.github.lasier.CircuitOpenException rejected) {
            return rejected;
        }
    }

    /**
     * The rejected stage is checked, not joined: {@code join()} would wrap the failure in a new
     * {@code CompletionException} with a filled stack trace, a cost of the caller's choice, not of the breaker.
     */
    @Benchmark
    public Object lasierAsync() {
        CompletableFuture<Object> rejected = lasierAsync.execute(ProtectedWork::callAsync).toCompletableFuture();
        if (!rejected.isCompletedExceptionally()) {
            throw new AssertionError("the open circuit did not reject the call");
        }
        return rejected;
    }

    @Benchmark
    public Object resilience4jNoStackTrace() {
        try {
            return resilience4jNoStackTrace.executeSupplier(MUST_NOT_RUN_SUPPLIER);
        } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object resilience4jDefault() {
        try {
            return resilience4jDefault.executeSupplier(MUST_NOT_RUN_SUPPLIER);
        } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object failsafe() {
        try {
            return failsafe.get(() -> {
                throw new AssertionError("the protected call ran while the circuit was open");
            });
        } catch (dev.failsafe.CircuitBreakerOpenException rejected) {
            return rejected;
        }
    }
}
