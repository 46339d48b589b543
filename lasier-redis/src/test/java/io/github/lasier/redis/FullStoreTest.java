package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.testing.LogCapture;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.RespConnection;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.storage.StorageException;
import io.github.lasier.storage.StorageValueException;
import io.github.lasier.store.Circuit;
import io.github.lasier.testkit.BreakerKind;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full Redis (maxmemory reached, policy noeviction): it still answers reads but refuses every write with OOM. The
 * scripts that count fail, which the breaker takes for the store failing (not for garbage); the local breaker
 * protects; once memory is freed, failures are counted in Redis again.
 */
class FullStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration OUTAGE = Duration.ofMillis(1500);
    /** A full server answers at once; a long timeout keeps a loaded machine from passing for an outage in the log. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @AfterEach
    void emptyAgain() {
        makeRoom();
    }

    private static void fill() {
        try (RespConnection redis = REDIS.server().connect()) {
            redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction");
            redis.command("SET", "ballast", "x".repeat(2 * 1024 * 1024));
            redis.command("CONFIG", "SET", "maxmemory", "1mb");
        }
        assertThatThrownBy(() -> REDIS.server().command("SET", "probe", "1"))
                .as("the server refuses writes").hasMessageContaining("OOM");
    }

    private static void makeRoom() {
        try (RespConnection redis = REDIS.server().connect()) {
            redis.command("CONFIG", "SET", "maxmemory", "0");
            redis.command("DEL", "ballast");
        }
    }

    /** Also: the flapping of a store that answers reads and refuses writes is one outage in the log. */
    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void fullTheLocalBreakerProtectsAndSharingResumesOnceThereIsRoom(BreakerKind kind) {
        try (LogCapture log = LogCapture.start();
                FaultScenario scenario = new FaultScenario(REDIS.server(), kind, StoreFailurePolicy.LOCAL_FALLBACK,
                        TIMEOUT)) {
            scenario.healthy();
            fill();

            scenario.callDuringOutage(OUTAGE);
            scenario.assertStoreWasUnavailable();
            makeRoom();
            scenario.awaitRecovery();

            scenario.assertNoForeignExceptionReachedACaller();
            scenario.assertOutcomesFollowThePolicy();
            scenario.assertLatencyBounded();
            scenario.assertLocallyOpenedCircuitStaysOpen();
            scenario.assertSharingResumed();
            scenario.settle();
            FaultScenario.assertOutagesLogged(log, 1);
            System.out.println(scenario.report("full"));
        }
    }

    @Test
    void theRefusedWriteIsAStorageFailureNotGarbage() {
        try (RedisStorage storage = FaultScenario.connect(REDIS.server())) {
            Circuit circuit = Circuit.of("full", new MaxFailuresRule(5, "f"), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), "");
            fill();
            assertThatThrownBy(() -> storage.circuitStore().recordFailure(circuit))
                    .isInstanceOf(StorageException.class).isNotInstanceOf(StorageValueException.class)
                    .hasMessageContaining("OOM");
            assertThat(REDIS.server().command("EXISTS", "f")).isEqualTo(0L);
        }
    }
}
