package io.github.lasier.benchmarks;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.Permit;
import io.github.lasier.storage.InMemoryStorage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pieces of the in-memory hot paths, timed one by one, to show where a breaker's overhead goes. Not part of the
 * suite's tables: run it by hand when the closed-state or open-state numbers need explaining, e.g.
 * {@code java -jar benchmarks.jar HotPathBreakdown -t 2 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBreakdownBenchmark {

    private static final Duration WINDOW = Breakers.LONG;

    private InMemoryStorage storage;
    private CircuitBreaker percentage;
    private CircuitBreaker open;
    /** The same breakers on a storage whose clock costs nothing (it always reads 0): the difference is the clock. */
    private CircuitBreaker percentageFreeClock;
    private CircuitBreaker openFreeClock;
    private final AtomicLong sharedCounter = new AtomicLong();
    private final LongAdder stripedCounter = new LongAdder();

    @Setup
    public void setUp() {
        storage = new InMemoryStorage();
        percentage = Breakers.lasier(Breakers.percentageRule("pct"), storage);
        open = Breakers.lasier(Breakers.maxFailuresRule("open"), storage);
        open.open();
        storage.incr("counter", WINDOW);
        storage.add("added", 0, WINDOW);
        InMemoryStorage freeClock = new InMemoryStorage(() -> 0L);
        percentageFreeClock = Breakers.lasier(Breakers.percentageRule("pct"), freeClock);
        openFreeClock = Breakers.lasier(Breakers.maxFailuresRule("open"), freeClock);
        openFreeClock.open();
    }

    /** The closed check of a success: one map read of the absent open flag (and the permit handed out). */
    @Benchmark
    public Permit closedCheck() {
        return percentage.acquirePermission();
    }

    /**
     * A success through the permission API with a percentage rule: the closed check, then check the flag, count the
     * request, add the failure counter. Subtract {@link #closedCheck()} for the recording alone.
     */
    @Benchmark
    public void recordRequest() {
        percentage.onSuccess(percentage.acquirePermission());
    }

    /** {@link #recordRequest()} without the cost of reading the clock. */
    @Benchmark
    public void recordRequestFreeClock() {
        percentageFreeClock.onSuccess(percentageFreeClock.acquirePermission());
    }

    /** One of its parts: a counter with a TTL incremented, shared by all threads. */
    @Benchmark
    public long storageIncrWithTtl() {
        return storage.incr("counter", WINDOW);
    }

    /** Another part: {@code add} of a counter that exists (so nothing is written). */
    @Benchmark
    public boolean storageAddExisting() {
        return storage.add("added", 0, WINDOW);
    }

    /** The clock each live-with-TTL read consults. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** The increment itself on one shared cache line. */
    @Benchmark
    public long sharedAtomicIncrement() {
        return sharedCounter.incrementAndGet();
    }

    /** A striped counter: what counting requests could cost when the running total is not needed per call. */
    @Benchmark
    public void stripedIncrement() {
        stripedCounter.increment();
    }

    /** An open circuit's check, without the exception. */
    @Benchmark
    public boolean openCheck() {
        return open.isOpen();
    }

    /** {@link #openCheck()} without the cost of reading the clock. */
    @Benchmark
    public boolean openCheckFreeClock() {
        return openFreeClock.isOpen();
    }

    /** The rejection exception alone, as the breaker builds it (remaining time known). */
    @Benchmark
    public Object rejectionException() {
        return new CircuitOpenException("open_failures", Duration.ofMillis(3_599_000), null);
    }

    /** A rejection through the permission API: the check and the exception, thrown one frame up. */
    @Benchmark
    public Object rejectAcquire() {
        try {
            open.acquirePermission();
            return null;
        } catch (CircuitOpenException rejected) {
            return rejected;
        }
    }
}
