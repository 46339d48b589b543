package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.storage.StorageValueException;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.Totals;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fused circuit events, checked against the keys the server holds afterwards. */
class RedisCircuitStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Circuit MAX = Circuit.of("max", new MaxFailuresRule(3, "max_failures"),
            Duration.ofSeconds(30), Duration.ofSeconds(20), "");
    private static final Circuit PERCENT = Circuit.of("percent",
            new PercentageFailuresRule(50, "pct_failures", 2, "pct_requests"),
            Duration.ofSeconds(30), Duration.ofSeconds(20), "");

    private static RedisStorage storage;
    private static CircuitStore store;

    @BeforeAll
    static void connect() {
        storage = TestStorages.connect(REDIS.server());
        store = storage.circuitStore();
    }

    @AfterAll
    static void disconnect() {
        storage.close();
    }

    private static Object redis(String... command) {
        return REDIS.server().command(command);
    }

    private static long pttl(String key) {
        return (Long) redis("PTTL", key);
    }

    @Test
    void givesTheFusedStoreToBreakers() {
        assertThat(storage.circuitStore()).isInstanceOf(RedisCircuitStore.class);
        assertThat(storage.asyncCircuitStore()).isInstanceOf(AsyncRedisCircuitStore.class);
        assertThat(storage.async().asyncCircuitStore()).isSameAs(storage.asyncCircuitStore());
    }

    @Test
    void checkReadsTheFlagAndItsTimeLeft() {
        assertThat(store.openMillisRemaining(MAX)).isEqualTo(CircuitStore.NOT_OPEN);

        redis("SET", "circuit_max_failures", "1", "PX", "7000");
        assertThat(store.openMillisRemaining(MAX)).isBetween(1L, 7_000L).isGreaterThan(5_000L);

        redis("SET", "circuit_max_failures", "2", "PX", "7000");
        assertThat(store.openMillisRemaining(MAX)).as("Lasier: open only when the flag is 1")
                .isEqualTo(CircuitStore.NOT_OPEN);

        redis("SET", "circuit_max_failures", "1");
        assertThat(store.openMillisRemaining(MAX)).as("a flag without expiry")
                .isEqualTo(CircuitStore.OPEN_FOR_UNKNOWN_TIME);
    }

    @Test
    void recordRequestCountsTheRequestAndCreatesTheFailureCounterWithTheSameWindow() {
        store.recordRequest(PERCENT);
        store.recordRequest(PERCENT);

        assertThat(redis("GET", "pct_requests")).isEqualTo("2");
        assertThat(redis("GET", "pct_failures")).isEqualTo("0");
        assertThat(pttl("pct_requests")).isBetween(25_000L, 30_000L);
        assertThat(pttl("pct_failures")).isBetween(25_000L, 30_000L);
    }

    @Test
    void recordRequestIsANoOpForRulesThatCountNoRequests() {
        store.recordRequest(MAX);

        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void recordFailureCountsAndReturnsTheTotals() {
        store.recordRequest(PERCENT);

        assertThat(store.recordFailure(PERCENT)).isEqualTo(new Totals(1, 2));
        assertThat(store.recordFailure(PERCENT)).isEqualTo(new Totals(2, 3));
        assertThat(store.recordFailure(MAX)).isEqualTo(new Totals(1, 0));
        assertThat(pttl("max_failures")).isBetween(25_000L, 30_000L);
        assertThat(redis("EXISTS", "max_requests")).isEqualTo(0L);
    }

    @Test
    void theWindowIsFixedFromCreationNotExtendedByIncrements() {
        store.recordFailure(MAX);
        redis("PEXPIRE", "max_failures", "4000");

        store.recordFailure(MAX);

        assertThat(pttl("max_failures")).isBetween(1L, 4_000L);
    }

    @Test
    void countersWithoutExpiryAreGivenTheWindow() {
        // Lasier's add-then-incr can leave such a counter when the key expires in between.
        redis("SET", "pct_requests", "5");
        redis("SET", "pct_failures", "1");

        assertThat(store.recordFailure(PERCENT)).isEqualTo(new Totals(2, 6));
        assertThat(pttl("pct_requests")).isPositive();
        assertThat(pttl("pct_failures")).isPositive();

        redis("PERSIST", "pct_failures");
        store.recordRequest(PERCENT);
        assertThat(pttl("pct_failures")).isPositive();
    }

    @Test
    void whileOpenNothingIsCountedAndTheCurrentTotalsAreReturned() {
        store.recordFailure(PERCENT);
        redis("SET", "circuit_pct_failures", "1", "PX", "5000");

        store.recordRequest(PERCENT);
        assertThat(store.recordFailure(PERCENT)).isEqualTo(new Totals(1, 1));
        assertThat(redis("GET", "pct_requests")).isEqualTo("1");
        redis("DEL", "pct_requests", "pct_failures");
        assertThat(store.recordFailure(PERCENT)).isEqualTo(new Totals(0, 0));
        assertThat(redis("DBSIZE")).isEqualTo(1L);
    }

    @Test
    void openSetsTheFlagForTheCircuitTimeoutAndDeletesTheCounters() {
        store.recordFailure(PERCENT);

        store.open(PERCENT);

        assertThat(redis("GET", "circuit_pct_failures")).isEqualTo("1");
        assertThat(pttl("circuit_pct_failures")).isBetween(15_000L, 20_000L);
        assertThat(redis("EXISTS", "pct_failures", "pct_requests")).isEqualTo(0L);
        assertThat(store.openMillisRemaining(PERCENT)).isBetween(15_000L, 20_000L);
    }

    @Test
    void closeDeletesFlagAndCounters() {
        store.open(MAX);
        store.recordFailure(PERCENT);
        store.open(PERCENT);
        store.recordFailure(MAX);

        store.close(PERCENT);

        assertThat(redis("EXISTS", "circuit_pct_failures", "pct_failures", "pct_requests")).isEqualTo(0L);
        assertThat(store.openMillisRemaining(PERCENT)).isEqualTo(CircuitStore.NOT_OPEN);
        assertThat(store.openMillisRemaining(MAX)).isPositive();
    }

    @Test
    void garbageInACounterIsRemovedAndTheEventRecordedInANewWindow() {
        redis("SET", "pct_failures", "oops", "PX", "30000");

        assertThat(store.recordFailure(PERCENT)).isEqualTo(new Totals(1, 1));
        assertThat(redis("GET", "pct_failures")).isEqualTo("1");
        assertThat(pttl("pct_failures")).as("the new counter has the window").isBetween(25_000L, 30_000L);
        assertThat(store.recordFailure(MAX)).as("other circuits unaffected").isEqualTo(new Totals(1, 0));
    }

    @Test
    void garbageInEitherCounterOnTheRequestPathIsRemoved() {
        redis("SET", "pct_requests", "1.5", "PX", "30000");
        redis("HSET", "pct_failures", "field", "value");

        store.recordRequest(PERCENT);

        assertThat(redis("GET", "pct_requests")).isEqualTo("1");
        assertThat(redis("GET", "pct_failures")).as("recreated at 0 with the same window").isEqualTo("0");
        assertThat(pttl("pct_failures")).isBetween(25_000L, 30_000L);
        assertThat(store.recordFailure(PERCENT)).isEqualTo(new Totals(1, 2));
    }

    @Test
    void aCounterThatCannotBeIncrementedIsRemovedAndCountsFromOne() {
        redis("SET", "max_failures", "9223372036854775807", "PX", "30000");

        assertThat(store.recordFailure(MAX)).isEqualTo(new Totals(1, 0));
    }

    @Test
    void garbageInTheFlagIsRemovedAndTheCircuitIsClosed() {
        redis("SET", "circuit_max_failures", "yes");

        assertThat(store.openMillisRemaining(MAX)).isEqualTo(CircuitStore.NOT_OPEN);
        assertThat(redis("EXISTS", "circuit_max_failures")).isEqualTo(0L);

        redis("SET", "circuit_max_failures", "1.0");
        assertThat(store.recordFailure(MAX)).as("the failure path repairs the flag too").isEqualTo(new Totals(1, 0));
        assertThat(redis("EXISTS", "circuit_max_failures")).isEqualTo(0L);
    }

    @Test
    void aKeyOfAnotherRedisTypeIsRemovedAndTreatedAsAbsent() {
        redis("LPUSH", "max_failures", "x");
        redis("SADD", "circuit_pct_failures", "x");

        assertThat(store.recordFailure(MAX)).isEqualTo(new Totals(1, 0));
        assertThat(redis("TYPE", "max_failures")).isEqualTo("string");
        assertThat(store.openMillisRemaining(PERCENT)).isEqualTo(CircuitStore.NOT_OPEN);
        assertThat(redis("EXISTS", "circuit_pct_failures")).isEqualTo(0L);
    }

    @Test
    void anotherIntegerInTheFlagMeansClosedAndIsLeftAsLasierLeavesIt() {
        redis("SET", "circuit_max_failures", "7", "PX", "30000");

        assertThat(store.openMillisRemaining(MAX)).isEqualTo(CircuitStore.NOT_OPEN);
        assertThat(store.recordFailure(MAX)).isEqualTo(new Totals(1, 0));
        assertThat(redis("GET", "circuit_max_failures")).isEqualTo("7");
    }

    @Test
    void theKeyValueStorageKeepsItsTypedErrors() {
        redis("SET", "counter", "oops");

        assertThatThrownBy(() -> storage.incr("counter", Duration.ofSeconds(5)))
                .isInstanceOf(StorageValueException.class).hasMessageContaining("'counter'");
        assertThat(redis("GET", "counter")).as("left as it was").isEqualTo("oops");
    }

    @Test
    void scriptsAreReloadedTransparentlyAfterScriptFlush() {
        store.recordFailure(MAX);
        redis("SCRIPT", "FLUSH");

        assertThat(store.recordFailure(MAX)).isEqualTo(new Totals(2, 0));
        assertThat(store.openMillisRemaining(MAX)).isEqualTo(CircuitStore.NOT_OPEN);
        assertThat(storage.incr("counter", Duration.ofSeconds(5))).isEqualTo(1);
    }

    @Test
    void asyncStoreGivesTheSameAnswers() {
        var async = storage.asyncCircuitStore();

        async.recordRequest(PERCENT).toCompletableFuture().join();
        assertThat(async.recordFailure(PERCENT).toCompletableFuture().join()).isEqualTo(new Totals(1, 2));
        async.open(PERCENT).toCompletableFuture().join();
        assertThat(async.openMillisRemaining(PERCENT).toCompletableFuture().join()).isPositive();
        async.close(PERCENT).toCompletableFuture().join();
        assertThat(store.openMillisRemaining(PERCENT)).isEqualTo(CircuitStore.NOT_OPEN);
    }
}
