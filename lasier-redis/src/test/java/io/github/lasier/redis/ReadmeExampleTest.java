package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example of lasier-redis/README.md, as written there, on a server with a password. */
class ReadmeExampleTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", "secret");

    private final String order = "order-1";
    private final String query = "shoes";
    private int searches;

    private String charge(String order) {
        return "receipt for " + order;
    }

    private CompletionStage<String> searchAsync(String query) {
        searches++;
        return CompletableFuture.failedFuture(new IOException("search down"));
    }

    @Test
    void theExampleRunsAsWritten() throws Exception {
        String redisUri = "redis://:secret@127.0.0.1:" + REDIS.server().port() + "/0";
        String receipt;
        CompletionStage<String> hits;

        // From the README, with the test server's URI:
        try (RedisStorage redis = RedisStorage.builder()
                .uri(redisUri)
                .commandTimeout(Duration.ofMillis(100))
                .build()) {

            CircuitBreaker payments = CircuitBreaker.builder()
                    .rule(new PercentageFailuresRule(50, "payments_failures", 20, "payments_requests"))
                    .storage(redis)
                    .failureTimeout(Duration.ofSeconds(60))
                    .circuitTimeout(Duration.ofSeconds(30))
                    .build();
            receipt = payments.execute(() -> charge(order));

            AsyncCircuitBreaker search = AsyncCircuitBreaker.builder()
                    .rule(new MaxFailuresRule(5, "search_failures"))
                    .storage(redis.async())
                    .build();
            hits = search.execute(() -> searchAsync(query));

            // What the README says happens:
            assertThat(receipt).isEqualTo("receipt for order-1");
            assertThatThrownBy(() -> hits.toCompletableFuture().join()).hasCauseInstanceOf(IOException.class);
            for (int i = 0; i < 4; i++) {
                search.execute(() -> searchAsync(query)).exceptionally(thrown -> null).toCompletableFuture().join();
            }
            assertThatThrownBy(() -> search.execute(() -> searchAsync(query)).toCompletableFuture().join())
                    .hasCauseInstanceOf(CircuitOpenException.class);
            assertThat(searches).isEqualTo(5);
        }
        try (var check = REDIS.server().connect()) {
            check.command("AUTH", "secret");
            assertThat(check.command("GET", "payments_requests")).isEqualTo("1");
            assertThat(check.command("GET", "payments_failures")).isEqualTo("0");
            assertThat(check.command("GET", "circuit_search_failures")).isEqualTo("1");
            assertThat((Long) check.command("PTTL", "circuit_search_failures")).isPositive();
        }
    }
}
