package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.testkit.BreakerKind;
import io.github.lasier.testkit.TestBreaker;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two instances of a service, each with its own connection, share one circuit in Redis. */
class SharedCircuitTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisStorage instanceA;
    private RedisStorage instanceB;

    @BeforeEach
    void connect() {
        instanceA = TestStorages.connect(REDIS.server());
        instanceB = TestStorages.connect(REDIS.server());
    }

    @AfterEach
    void disconnect() {
        instanceA.close();
        instanceB.close();
    }

    private static TestBreaker breaker(BreakerKind kind, RedisStorage storage) {
        return TestBreaker.of(kind, storage, storage.async(), b -> b.rule(new MaxFailuresRule(4, "orders_failures")));
    }

    private static void fail(TestBreaker breaker) {
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("orders down");
        })).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void failuresFromBothCountTogetherOneOpensTheOtherRejects(BreakerKind kind) {
        TestBreaker a = breaker(kind, instanceA);
        TestBreaker b = breaker(kind, instanceB);

        fail(a);
        fail(b);
        fail(a);
        assertThat(REDIS.server().command("GET", "orders_failures")).isEqualTo("3");

        assertThatThrownBy(() -> b.call(() -> {
            throw new IOException("the fourth");
        })).isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> a.call(() -> "rejected")).isInstanceOf(CircuitOpenException.class)
                .satisfies(e -> assertThat(((CircuitOpenException) e).openFor()).isPresent());
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void aSyncAndAnAsyncInstanceShareTheCircuit() {
        CircuitBreaker sync = CircuitBreaker.builder().rule(new MaxFailuresRule(2, "orders_failures"))
                .storage(instanceA).build();
        AsyncCircuitBreaker async = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(2, "orders_failures"))
                .storage(instanceB.async()).build();

        fail(TestBreaker.of(async));
        assertThatThrownBy(() -> sync.execute(() -> {
            throw new IOException("second");
        })).isInstanceOf(CircuitOpenException.class);

        assertThat(async.isOpen().toCompletableFuture().join()).isTrue();
        async.close().toCompletableFuture().join();
        assertThat(sync.isOpen()).isFalse();
    }
}
