package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.redis.testing.LasierPythonFixture;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Python service using Lasier (played by a fixture sending Lasier's exact commands) and a Java service using this
 * library share circuits in one Redis: same keys, same values, same TTLs.
 */
class LasierCompatibilityTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisStorage storage;

    @BeforeEach
    void connect() {
        storage = TestStorages.connect(REDIS.server());
    }

    @AfterEach
    void disconnect() {
        storage.close();
    }

    private static Object redis(String... command) {
        return REDIS.server().command(command);
    }

    private CircuitBreaker javaBreaker(long maxFailures) {
        return CircuitBreaker.builder().rule(new MaxFailuresRule(maxFailures, "payments_failures"))
                .storage(storage).failureTimeout(Duration.ofSeconds(60)).circuitTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static void javaFailure(CircuitBreaker breaker) {
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("payments down");
        })).isInstanceOf(IOException.class);
    }

    @Test
    void failuresFromBothCountTogetherAndPythonOpensForJava() {
        CircuitBreaker java = javaBreaker(4);
        try (LasierPythonFixture python = new LasierPythonFixture(REDIS.server(), "payments_failures", null, 60, 30)) {
            assertThat(python.failedCall(4)).isTrue();
            javaFailure(java);
            assertThat(python.failedCall(4)).isTrue();
            assertThat(python.get("payments_failures")).isEqualTo(3);

            // Python's failure is the fourth of the shared window: Lasier opens the circuit, Java sees it.
            assertThat(python.failedCall(4)).isTrue();
            assertThat(python.isCircuitOpen()).isTrue();
            assertThatThrownBy(() -> java.execute(() -> "never")).isInstanceOf(CircuitOpenException.class);
            assertThat(java.isOpen()).isTrue();
        }
    }

    @Test
    void javaOpensWithLasiersKeysAndPythonSeesIt() {
        CircuitBreaker java = javaBreaker(2);
        try (LasierPythonFixture python = new LasierPythonFixture(REDIS.server(), "payments_failures", null, 60, 30)) {
            python.failedCall(2);

            assertThatThrownBy(() -> java.execute(() -> {
                throw new IOException("payments down");
            })).isInstanceOf(CircuitOpenException.class);

            assertThat(python.isCircuitOpen()).isTrue();
            assertThat(python.failedCall(2)).as("Python rejects").isFalse();
            assertThat(redis("GET", "circuit_payments_failures")).isEqualTo("1");
            assertThat((Long) redis("PTTL", "circuit_payments_failures")).isBetween(25_000L, 30_000L);
            assertThat(redis("EXISTS", "payments_failures")).isEqualTo(0L);
        }
    }

    @Test
    void pythonOpensAndJavaRejectsWithTheTimeLeftUntilTheFlagExpires() {
        CircuitBreaker java = javaBreaker(5);
        AsyncCircuitBreaker javaAsync = AsyncCircuitBreaker.builder()
                .rule(new MaxFailuresRule(5, "payments_failures")).storage(storage.async()).build();
        try (LasierPythonFixture python = new LasierPythonFixture(REDIS.server(), "payments_failures", null, 60, 2)) {
            python.openCircuit();

            assertThatThrownBy(() -> java.execute(() -> "never")).isInstanceOf(CircuitOpenException.class)
                    .satisfies(e -> assertThat(((CircuitOpenException) e).openFor()).hasValueSatisfying(
                            left -> assertThat(left).isBetween(Duration.ofMillis(1), Duration.ofSeconds(2))));
            assertThat(javaAsync.isOpen().toCompletableFuture().join()).isTrue();

            // Seconds-TTL flag written by Python: Redis's clock ends the open period for both.
            await().atMost(Duration.ofSeconds(10)).until(() -> !java.isOpen());
            assertThat(java.execute(() -> "served")).isEqualTo("served");
            assertThat(python.isCircuitOpen()).isFalse();
        }
    }

    @Test
    void requestCountersAreSharedAndWindowsKeepLasiersSecondsTtl() {
        PercentageFailuresRule rule = new PercentageFailuresRule(50, "search_failures", 10, "search_requests");
        CircuitBreaker java = CircuitBreaker.builder().rule(rule).storage(storage)
                .failureTimeout(Duration.ofSeconds(60)).build();
        try (LasierPythonFixture python = new LasierPythonFixture(REDIS.server(), "search_failures",
                "search_requests", 40, 30)) {
            python.successfulCall();
            python.successfulCall();
            java.execute(() -> "ok");
            python.successfulCall();

            assertThat(redis("GET", "search_requests")).isEqualTo("4");
            assertThat(redis("GET", "search_failures")).isEqualTo("0");
            // The window Python opened (40 s) is kept, not replaced by Java's 60 s.
            assertThat((Long) redis("PTTL", "search_requests")).isBetween(30_000L, 40_000L);
            assertThat((Long) redis("PTTL", "search_failures")).isBetween(30_000L, 40_000L);

            javaFailureAsRequest(java);
            assertThat(python.get("search_failures")).isEqualTo(1);
            assertThat(python.get("search_requests")).isEqualTo(5);
        }
    }

    private static void javaFailureAsRequest(CircuitBreaker breaker) {
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("search down");
        })).isInstanceOf(IOException.class);
    }

    @Test
    void javaWritesDecimalStringsPythonCanRead() {
        PercentageFailuresRule rule = new PercentageFailuresRule(90, "search_failures", 100, "search_requests");
        AsyncCircuitBreaker java = AsyncCircuitBreaker.builder().rule(rule).storage(storage.async())
                .failureTimeout(Duration.ofSeconds(60)).build();
        try (LasierPythonFixture python = new LasierPythonFixture(REDIS.server(), "search_failures",
                "search_requests", 60, 30)) {
            java.execute(() -> CompletableFuture.completedFuture("ok")).toCompletableFuture().join();
            java.execute(() -> CompletableFuture.failedFuture(new IOException("down")))
                    .exceptionally(thrown -> null).toCompletableFuture().join();

            assertThat(redis("GET", "search_requests")).isEqualTo("2");
            assertThat(redis("GET", "search_failures")).isEqualTo("1");
            assertThat(python.get("search_requests")).isEqualTo(2);
            assertThat((Long) redis("PTTL", "search_requests")).isBetween(50_000L, 60_000L);
            assertThat((Long) redis("PTTL", "search_failures")).isBetween(50_000L, 60_000L);
            assertThat(redis("KEYS", "*")).asList().containsExactlyInAnyOrder("search_requests", "search_failures");
        }
    }

    @Test
    void aCounterLasierLeftWithoutTtlIsGivenTheWindow() {
        CircuitBreaker java = javaBreaker(100);
        // Lasier's add then incr: if the key expires in between, INCR creates it without TTL.
        redis("INCR", "payments_failures");

        javaFailure(java);

        assertThat(redis("GET", "payments_failures")).isEqualTo("2");
        assertThat((Long) redis("PTTL", "payments_failures")).isBetween(50_000L, 60_000L);
    }
}
