package io.github.lasier.benchmarks;

import dev.failsafe.FailsafeExecutor;
import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.rules.SlowCallRule;
import io.github.lasier.storage.InMemoryStorage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Closed state, successful calls, on one breaker shared by every benchmark thread: what a breaker adds to a call
 * when nothing goes wrong, which is nearly every call. Run it at 1 and 2 threads ({@code -t}); subtract
 * {@link #baseline()} to get a breaker's overhead, and add {@code -prof gc} for the bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClosedStateBenchmark {

    private static final io.github.lasier.CheckedSupplier<Object, RuntimeException> WORK = ProtectedWork::call;
    private static final Supplier<Object> WORK_SUPPLIER = ProtectedWork::call;
    private static final dev.failsafe.function.CheckedSupplier<Object> FAILSAFE_WORK = ProtectedWork::call;

    private CircuitBreaker lasierMaxFailures;
    private CircuitBreaker lasierPercentage;
    private CircuitBreaker lasierMaxFailuresHalfOpen;
    private CircuitBreaker lasierConsecutive;
    private CircuitBreaker lasierSlidingWindow;
    private CircuitBreaker lasierSlowCalls;
    private AsyncCircuitBreaker lasierAsyncMaxFailures;
    private AsyncCircuitBreaker lasierAsyncPercentage;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
    private FailsafeExecutor<Object> failsafe;

    @Setup
    public void setUp() {
        InMemoryStorage storage = new InMemoryStorage();
        lasierMaxFailures = Breakers.lasier(Breakers.maxFailuresRule("sync_max"), storage);
        lasierPercentage = Breakers.lasier(Breakers.percentageRule("sync_pct"), storage);
        lasierMaxFailuresHalfOpen = CircuitBreaker.builder().rule(Breakers.maxFailuresRule("sync_half_open"))
                .storage(storage).failureTimeout(Breakers.LONG).circuitTimeout(Breakers.LONG).halfOpen(1).build();
        lasierConsecutive = Breakers.lasier(new ConsecutiveFailuresRule(1_000_000, "sync_consecutive"), storage);
        lasierSlidingWindow = Breakers.lasier(new SlidingWindowRule(50, 1_000_000, Duration.ofSeconds(10),
                Duration.ofSeconds(1), "sync_window_failures", "sync_window_requests"), storage);
        lasierSlowCalls = Breakers.lasier(new SlowCallRule(Breakers.maxFailuresRule("sync_slow"),
                Duration.ofSeconds(10)), storage);
        lasierAsyncMaxFailures = Breakers.lasierAsync(Breakers.maxFailuresRule("async_max"), storage.async());
        lasierAsyncPercentage = Breakers.lasierAsync(Breakers.percentageRule("async_pct"), storage.async());
        resilience4j = Breakers.resilience4j("r4j", true);
        failsafe = Breakers.failsafe(Breakers.failsafeBreaker());
    }

    /** A benchmark that measured an open breaker would be meaningless: check every breaker stayed closed. */
    @TearDown
    public void checkStillClosed() {
        if (lasierMaxFailures.isOpen() || lasierPercentage.isOpen() || lasierMaxFailuresHalfOpen.isOpen()
                || lasierConsecutive.isOpen() || lasierSlidingWindow.isOpen() || lasierSlowCalls.isOpen()
                || lasierAsyncMaxFailures.isOpen().toCompletableFuture().join()
                || lasierAsyncPercentage.isOpen().toCompletableFuture().join()
                || resilience4j.getState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED) {
            throw new IllegalStateException("a breaker opened during a closed-state benchmark");
        }
    }

    /** The protected work alone. */
    @Benchmark
    public Object baseline() {
        return ProtectedWork.call();
    }

    /** Sync breaker, {@code MaxFailuresRule}: a success reads the open flag and records nothing. */
    @Benchmark
    public Object lasierMaxFailures() {
        return lasierMaxFailures.execute(WORK);
    }

    /** Sync breaker, {@code PercentageFailuresRule}: a success also counts a request. */
    @Benchmark
    public Object lasierPercentage() {
        return lasierPercentage.execute(WORK);
    }

    /** Sync breaker, {@code MaxFailuresRule} with half-open probing enabled: the permit check also reads the marker. */
    @Benchmark
    public Object lasierMaxFailuresHalfOpen() {
        return lasierMaxFailuresHalfOpen.execute(WORK);
    }

    /** Sync breaker, {@code ConsecutiveFailuresRule}: a success ends a run of failures (here there is none). */
    @Benchmark
    public Object lasierConsecutive() {
        return lasierConsecutive.execute(WORK);
    }

    /** Sync breaker, {@code SlidingWindowRule} (10 buckets of 1 s): a success counts a request in its bucket. */
    @Benchmark
    public Object lasierSlidingWindow() {
        return lasierSlidingWindow.execute(WORK);
    }

    /** Sync breaker, {@code SlowCallRule} over {@code MaxFailuresRule}: the call is timed. */
    @Benchmark
    public Object lasierSlowCalls() {
        return lasierSlowCalls.execute(WORK);
    }

    /** Async breaker, {@code MaxFailuresRule}, on a call whose stage is already complete. */
    @Benchmark
    public Object lasierAsyncMaxFailures() {
        return lasierAsyncMaxFailures.execute(ProtectedWork::callAsync).toCompletableFuture().join();
    }

    /** Async breaker, {@code PercentageFailuresRule}, on a call whose stage is already complete. */
    @Benchmark
    public Object lasierAsyncPercentage() {
        return lasierAsyncPercentage.execute(ProtectedWork::callAsync).toCompletableFuture().join();
    }

    /** Resilience4j with its defaults: count-based window of the last 100 calls. */
    @Benchmark
    public Object resilience4j() {
        return resilience4j.executeSupplier(WORK_SUPPLIER);
    }

    /** Failsafe, same policy as Resilience4j's defaults (50 failures in the last 100 calls). */
    @Benchmark
    public Object failsafe() {
        return failsafe.get(FAILSAFE_WORK);
    }
}
