package io.github.lasier.benchmarks;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.redis.RedisStorage;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.store.StorageCircuitStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The breakers on the Redis store, against a real {@code redis-server} (URI in the system property
 * {@value #URI_PROPERTY}; {@code bench/run.sh} starts one on loopback), at the concurrency given by {@code -t}: each
 * benchmark thread is one caller waiting for its call, all on one shared breaker and one Lettuce connection.
 * {@link #lasierPattern()} and {@link #lasierPatternFailing()} issue Lasier for Python's exact command sequence on
 * that same connection.
 *
 * <p>Commands per call come from the server: before timing, {@value #COUNTED_CALLS} calls run with {@code MONITOR}
 * attached (client commands apart from commands inside scripts); over the whole trial, {@code INFO commandstats}
 * counts every command the server ran. One line per benchmark goes to the file in {@value #COUNTS_PROPERTY}, when
 * set.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisBenchmark {

    /** System property with the Redis URI, {@code redis://127.0.0.1:PORT}. */
    public static final String URI_PROPERTY = "lasier.bench.redis.uri";
    /** System property with the file that command counts are appended to. */
    public static final String COUNTS_PROPERTY = "lasier.bench.counts.file";
    static final int COUNTED_CALLS = 500;

    /** Generous: the machine may be busy; a timeout would end the benchmark, not measure it. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private static final io.github.lasier.CheckedSupplier<Object, RuntimeException> WORK = ProtectedWork::call;
    private static final io.github.lasier.CheckedSupplier<Object, RuntimeException> FAILING_WORK = () -> {
        ProtectedWork.call();
        throw CallFailed.INSTANCE;
    };

    private final LongAdder calls = new LongAdder();
    private RedisURI uri;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;
    private RedisStorage storage;
    private CircuitBreaker maxFailures;
    private CircuitBreaker percentage;
    private CircuitBreaker percentageFailing;
    private CircuitBreaker genericPercentage;
    private CircuitBreaker maxFailuresHalfOpen;
    private CircuitBreaker consecutive;
    private CircuitBreaker slidingWindow;
    private AsyncCircuitBreaker asyncMaxFailures;
    private AsyncCircuitBreaker asyncPercentage;
    private LasierCommandPattern pattern;
    private LasierCommandPattern patternFailing;
    /** What the counting before the benchmark found; completed by the trial's totals at tear-down. */
    private String countsLine;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        String uriText = System.getProperty(URI_PROPERTY);
        if (uriText == null) {
            throw new IllegalStateException("set -D" + URI_PROPERTY + "=redis://127.0.0.1:PORT (bench/run.sh does)");
        }
        uri = RedisURI.create(uriText);
        client = RedisClient.create(uri);
        connection = client.connect();
        commands = connection.sync();
        commands.flushdb();
        storage = RedisStorage.builder().connection(connection).commandTimeout(COMMAND_TIMEOUT).build();

        maxFailures = Breakers.lasier(Breakers.maxFailuresRule("redis_max"), storage);
        percentage = Breakers.lasier(Breakers.percentageRule("redis_pct"), storage);
        percentageFailing = Breakers.lasier(neverOpens("redis_pct_failing"), storage);
        genericPercentage = CircuitBreaker.builder().rule(Breakers.percentageRule("redis_generic"))
                .store(new StorageCircuitStore(storage)).failureTimeout(Breakers.LONG)
                .circuitTimeout(Breakers.LONG).build();
        maxFailuresHalfOpen = CircuitBreaker.builder().rule(Breakers.maxFailuresRule("redis_half_open"))
                .storage(storage).failureTimeout(Breakers.LONG).circuitTimeout(Breakers.LONG).halfOpen(1).build();
        consecutive = Breakers.lasier(new ConsecutiveFailuresRule(Long.MAX_VALUE, "redis_consecutive"), storage);
        slidingWindow = Breakers.lasier(new SlidingWindowRule(100, Long.MAX_VALUE, Duration.ofSeconds(10),
                Duration.ofSeconds(1), "redis_window_failures", "redis_window_requests"), storage);
        asyncMaxFailures = Breakers.lasierAsync(Breakers.maxFailuresRule("redis_async_max"), storage.async());
        asyncPercentage = Breakers.lasierAsync(Breakers.percentageRule("redis_async_pct"), storage.async());
        long windowSeconds = Breakers.LONG.toSeconds();
        pattern = new LasierCommandPattern(commands, "redis_pattern_failures", "redis_pattern_requests",
                windowSeconds);
        patternFailing = new LasierCommandPattern(commands, "redis_pattern_failing_failures",
                "redis_pattern_failing_requests", windowSeconds);

        Runnable call = callOf(method(params));
        call.run(); // loads the scripts and warms the connection before counting
        ServerCommandCount counted = ServerCommandCount.of(uri.getHost(), uri.getPort(), commands::echo, () -> {
            for (int i = 0; i < COUNTED_CALLS; i++) {
                call.run();
            }
        });
        commands.configResetstat();
        calls.reset();
        countsLine = String.format(Locale.ROOT, "%s\t%d\t%.2f\t%.2f", method(params), params.getThreads(),
                (double) counted.clientCommands() / COUNTED_CALLS, (double) counted.scriptCommands() / COUNTED_CALLS);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            Map<String, Long> ran = commandStats();
            long callsMade = calls.sum();
            StringBuilder breakdown = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> command : ran.entrySet()) {
                total += command.getValue();
                breakdown.append(String.format(Locale.ROOT, " %s=%.2f", command.getKey(),
                        (double) command.getValue() / callsMade));
            }
            String line = String.format(Locale.ROOT, "%s\t%.2f\t%d\t%s%n", countsLine, (double) total / callsMade,
                    callsMade, breakdown.toString().trim());
            String file = System.getProperty(COUNTS_PROPERTY);
            if (file != null) {
                Files.writeString(Path.of(file), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            System.out.print("commands per call: " + line);
            if (maxFailures.isOpen() || percentage.isOpen() || percentageFailing.isOpen() || genericPercentage.isOpen()
                    || maxFailuresHalfOpen.isOpen() || consecutive.isOpen() || slidingWindow.isOpen()
                    || asyncMaxFailures.isOpen().toCompletableFuture().join()
                    || asyncPercentage.isOpen().toCompletableFuture().join()) {
                throw new IllegalStateException("a circuit opened during a closed-state benchmark");
            }
        } finally {
            connection.close();
            client.shutdown();
        }
    }

    /** Sync breaker, {@code MaxFailuresRule}, successful call: one script to check the flag. */
    @Benchmark
    public Object lasierMaxFailures() {
        calls.increment();
        return maxFailures.execute(WORK);
    }

    /** Sync breaker, {@code PercentageFailuresRule}, successful call: check, then record the request. */
    @Benchmark
    public Object lasierPercentage() {
        calls.increment();
        return percentage.execute(WORK);
    }

    /** Sync breaker, {@code MaxFailuresRule} with half-open probing, closed: the permit script replaces the check. */
    @Benchmark
    public Object lasierMaxFailuresHalfOpen() {
        calls.increment();
        return maxFailuresHalfOpen.execute(WORK);
    }

    /** Sync breaker, {@code ConsecutiveFailuresRule}, successful call: check, then a DEL ending the run. */
    @Benchmark
    public Object lasierConsecutive() {
        calls.increment();
        return consecutive.execute(WORK);
    }

    /** Sync breaker, {@code SlidingWindowRule} (10 buckets of 1 s), successful call: check, then count the request. */
    @Benchmark
    public Object lasierSlidingWindow() {
        calls.increment();
        return slidingWindow.execute(WORK);
    }

    /** Sync breaker, percentage rule that never opens, failing call: check, then record the failure. */
    @Benchmark
    public Object lasierPercentageFailing() {
        calls.increment();
        try {
            return percentageFailing.execute(FAILING_WORK);
        } catch (CallFailed expected) {
            return expected;
        }
    }

    /** Async breaker, {@code MaxFailuresRule}, successful call whose stage is already complete. */
    @Benchmark
    public Object lasierAsyncMaxFailures() {
        calls.increment();
        return asyncMaxFailures.execute(ProtectedWork::callAsync).toCompletableFuture().join();
    }

    /** Async breaker, {@code PercentageFailuresRule}, successful call whose stage is already complete. */
    @Benchmark
    public Object lasierAsyncPercentage() {
        calls.increment();
        return asyncPercentage.execute(ProtectedWork::callAsync).toCompletableFuture().join();
    }

    /**
     * Sync breaker, percentage rule, on the generic {@link StorageCircuitStore} over the same Redis storage: the Java
     * port's command pattern without the fused scripts.
     */
    @Benchmark
    public Object lasierGenericStore() {
        calls.increment();
        return genericPercentage.execute(WORK);
    }

    /** Lasier for Python's commands for a successful call with a percentage rule (5), on the same connection. */
    @Benchmark
    public Object lasierPattern() {
        calls.increment();
        return pattern.success();
    }

    /** Lasier for Python's commands for a failing call with a percentage rule (11), on the same connection. */
    @Benchmark
    public Object lasierPatternFailing() {
        calls.increment();
        try {
            return patternFailing.failure(CallFailed.INSTANCE);
        } catch (CallFailed expected) {
            return expected;
        }
    }

    private Runnable callOf(String method) {
        Map<String, Supplier<Object>> byMethod = Map.ofEntries(
                Map.entry("lasierMaxFailures", () -> maxFailures.execute(WORK)),
                Map.entry("lasierPercentage", () -> percentage.execute(WORK)),
                Map.entry("lasierPercentageFailing", this::failingCall),
                Map.entry("lasierAsyncMaxFailures", () -> asyncMaxFailures.execute(ProtectedWork::callAsync) .toCompletableFuture().join()),
                Map.entry("lasierAsyncPercentage", () -> asyncPercentage.execute(ProtectedWork::callAsync) .toCompletableFuture().join()),
                Map.entry("lasierGenericStore", () -> genericPercentage.execute(WORK)),
                Map.entry("lasierMaxFailuresHalfOpen", () -> maxFailuresHalfOpen.execute(WORK)),
                Map.entry("lasierConsecutive", () -> consecutive.execute(WORK)),
                Map.entry("lasierSlidingWindow", () -> slidingWindow.execute(WORK)),
                Map.entry("lasierPattern", pattern::success),
                Map.entry("lasierPatternFailing", this::patternFailingCall));
        Supplier<Object> call = byMethod.get(method);
        if (call == null) {
            throw new IllegalStateException("no counted call for benchmark " + method);
        }
        return call::get;
    }

    private Object failingCall() {
        try {
            return percentageFailing.execute(FAILING_WORK);
        } catch (CallFailed expected) {
            return expected;
        }
    }

    private Object patternFailingCall() {
        try {
            return patternFailing.failure(CallFailed.INSTANCE);
        } catch (CallFailed expected) {
            return expected;
        }
    }

    /** Calls per command since the statistics were reset, without the benchmark's own bookkeeping commands. */
    private Map<String, Long> commandStats() {
        Map<String, Long> ran = new TreeMap<>();
        for (String line : commands.info("commandstats").split("\r?\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            if (name.equals("info") || name.startsWith("config")) {
                continue;
            }
            int start = line.indexOf("calls=") + "calls=".length();
            ran.put(name, Long.parseLong(line.substring(start, line.indexOf(',', start))));
        }
        return ran;
    }

    private static String method(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** A percentage rule that cannot open (it needs more than Long.MAX_VALUE requests), to time failing calls. */
    private static Rule neverOpens(String name) {
        return new PercentageFailuresRule(100, name + "_failures", Long.MAX_VALUE, name + "_requests");
    }
}
