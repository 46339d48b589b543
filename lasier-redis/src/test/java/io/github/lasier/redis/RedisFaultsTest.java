package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.storage.StorageException;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.Totals;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow, frozen, stopped or restarted Redis: every operation ends within about the command timeout with a storage
 * exception of this library, never a Lettuce type, and the storage works again once Redis is back.
 */
class RedisFaultsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Circuit CIRCUIT = Circuit.of("faults", new MaxFailuresRule(100, "faults_failures"),
            Duration.ofSeconds(30), Duration.ofSeconds(30), "");

    private RedisStorage storage;

    @BeforeEach
    void connect() {
        storage = RedisStorage.builder().uri(REDIS.uri()).commandTimeout(TIMEOUT).build();
    }

    @AfterEach
    void disconnect() {
        REDIS.server().unfreeze();
        storage.close();
    }

    private static void assertOwnType(Throwable thrown) {
        assertThat(thrown).isInstanceOf(StorageException.class);
        assertThat(thrown.getClass().getName()).startsWith("io.github.lasier.");
    }

    @Test
    void aFrozenServerTimesOutSyncCallsWithAStorageException() {
        storage.set("k", 1, null);
        REDIS.server().freeze();

        long started = System.nanoTime();
        assertThatThrownBy(() -> storage.get("k")).satisfies(RedisFaultsTest::assertOwnType)
                .hasMessageContaining("GET").hasMessageContaining("'k'").hasMessageContaining("timed out after 300 ms");
        assertThatThrownBy(() -> storage.circuitStore().recordFailure(CIRCUIT))
                .satisfies(RedisFaultsTest::assertOwnType).hasMessageContaining("timed out");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(elapsedMillis).as("two timed-out calls, not a hang").isLessThan(5_000);

        REDIS.server().unfreeze();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(storage.get("k")).isEqualTo(OptionalLong.of(1)));
    }

    @Test
    void aFrozenServerNeverBlocksTheAsyncCallerAndFailsTheStage() throws Exception {
        REDIS.server().freeze();

        CompletableFuture<Totals> stage = storage.asyncCircuitStore().recordFailure(CIRCUIT).toCompletableFuture();
        assertThat(stage).as("returned at once, before Redis answered").isNotDone();

        assertThatThrownBy(() -> stage.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertOwnType(e.getCause()));
        assertThatThrownBy(() -> storage.async().incr("k").toCompletableFuture().get(5, TimeUnit.SECONDS))
                .satisfies(e -> assertOwnType(e.getCause()));
    }

    @Test
    void aBreakerPropagatingStoreFailuresGetsTheStorageException() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(3, "faults_failures"))
                .storage(storage).storeFailurePolicy(StoreFailurePolicy.PROPAGATE).build();
        REDIS.server().freeze();

        assertThatThrownBy(() -> breaker.execute(() -> "never")).satisfies(RedisFaultsTest::assertOwnType);
    }

    @Test
    void aStoppedServerFailsFastAndTheStorageRecoversWithScriptsReloadedAfterRestart() {
        assertThat(storage.circuitStore().recordFailure(CIRCUIT)).isEqualTo(new Totals(1, 0));
        REDIS.server().stop();

        assertThatThrownBy(() -> storage.circuitStore().openMillisRemaining(CIRCUIT))
                .satisfies(RedisFaultsTest::assertOwnType);
        assertThatThrownBy(() -> storage.async().get("k").toCompletableFuture().get(5, TimeUnit.SECONDS))
                .satisfies(e -> assertOwnType(e.getCause()));

        REDIS.server().start();
        // The new server has neither the data nor the scripts: the first script call reloads them by itself.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> assertThat(storage.circuitStore().recordFailure(CIRCUIT))
                        .isEqualTo(new Totals(1, 0)));
        assertThat(storage.circuitStore().recordFailure(CIRCUIT)).isEqualTo(new Totals(2, 0));
    }
}
