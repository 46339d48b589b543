package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After many calls on many circuits, opening and closing, no key exists without a TTL. */
class KeyTtlTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Test
    void noKeyEverLivesWithoutTtl() {
        try (RedisStorage storage = TestStorages.connect(REDIS.server())) {
            for (int circuit = 0; circuit < 20; circuit++) {
                Rule rule = circuit % 2 == 0
                        ? new MaxFailuresRule(3 + circuit % 5, "svc" + circuit + "_failures")
                        : new PercentageFailuresRule(40, "svc" + circuit + "_failures", 5, "svc" + circuit + "_requests");
                CircuitBreaker sync = CircuitBreaker.builder().rule(rule).storage(storage)
                        .failureTimeout(Duration.ofSeconds(30)).circuitTimeout(Duration.ofMillis(50)).build();
                AsyncCircuitBreaker async = AsyncCircuitBreaker.builder().rule(rule).storage(storage.async())
                        .failureTimeout(Duration.ofSeconds(30)).circuitTimeout(Duration.ofMillis(50)).build();
                for (int call = 0; call < 60; call++) {
                    boolean failing = (call * 7 + circuit) % 3 == 0;
                    try {
                        sync.execute(() -> {
                            if (failing) {
                                throw new IOException("down");
                            }
                            return "ok";
                        });
                    } catch (RuntimeException | IOException ignored) {
                        // Failures and rejections are part of the mix.
                    }
                    async.execute(() -> failing ? CompletableFuture.failedFuture(new IOException("down"))
                            : CompletableFuture.completedFuture("ok")).exceptionally(thrown -> null)
                            .toCompletableFuture().join();
                }
            }

            assertThat(KeyHygiene.keyCount(REDIS.server())).as("the calls left keys to check").isPositive();
            assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
        }
    }
}
