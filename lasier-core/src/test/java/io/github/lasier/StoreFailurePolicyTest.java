package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.storage.StorageException;
import io.github.lasier.testkit.BreakerKind;
import io.github.lasier.testkit.FlakyStorage;
import io.github.lasier.testkit.TestBreaker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The three storage-failure policies, on both breakers, with a store that is switched down and up. */
class StoreFailurePolicyTest {

    private final FlakyStorage storage = new FlakyStorage();
    private final AtomicInteger calls = new AtomicInteger();
    private AsyncOrSync breaker;

    /** A test breaker and its health, whichever kind. */
    private record AsyncOrSync(TestBreaker breaker, java.util.function.BooleanSupplier storeAvailable) {
    }

    private AsyncOrSync build(BreakerKind kind, StoreFailurePolicy policy, int maxFailures, Duration retry) {
        if (kind == BreakerKind.SYNC) {
            CircuitBreaker sync = CircuitBreaker.builder().rule(new MaxFailuresRule(maxFailures, "f"))
                    .storage(storage).storeFailurePolicy(policy).storeRetryInterval(retry)
                    .circuitTimeout(Duration.ofSeconds(2)).build();
            return new AsyncOrSync(TestBreaker.of(sync), sync::isStoreAvailable);
        }
        AsyncCircuitBreaker async = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(maxFailures, "f"))
                .storage(storage.async()).storeFailurePolicy(policy).storeRetryInterval(retry)
                .circuitTimeout(Duration.ofSeconds(2)).build();
        return new AsyncOrSync(TestBreaker.of(async), async::isStoreAvailable);
    }

    private Object failingCall() throws IOException {
        calls.incrementAndGet();
        throw new IOException("downstream failed");
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void localFallbackKeepsCallsGoingAndProtectsThemLocally(BreakerKind kind) throws Exception {
        breaker = build(kind, StoreFailurePolicy.LOCAL_FALLBACK, 3, Duration.ofSeconds(30));
        storage.down();

        assertThat(breaker.breaker().<String>call(() -> "still served")).isEqualTo("still served");
        assertThat(breaker.storeAvailable().getAsBoolean()).isFalse();
        assertThatThrownBy(() -> breaker.breaker().call(this::failingCall)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> breaker.breaker().call(this::failingCall)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> breaker.breaker().call(this::failingCall))
                .as("the local breaker opened at the rule's threshold").isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> breaker.breaker().call(this::failingCall)).isInstanceOf(CircuitOpenException.class);
        assertThat(calls).hasValue(3);
        assertThat(storage.operations()).as("the down store was asked once, then left alone").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void sharedStateIsUsedAgainAfterTheStoreReturns(BreakerKind kind) throws Exception {
        breaker = build(kind, StoreFailurePolicy.LOCAL_FALLBACK, 100, Duration.ofMillis(200));
        storage.down();
        assertThatThrownBy(() -> breaker.breaker().call(this::failingCall)).isInstanceOf(IOException.class);
        assertThat(breaker.storeAvailable().getAsBoolean()).isFalse();
        storage.up();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            breaker.breaker().call(() -> "probe");
            return breaker.storeAvailable().getAsBoolean();
        });
        assertThatThrownBy(() -> breaker.breaker().call(this::failingCall)).isInstanceOf(IOException.class);
        assertThat(storage.data().get("f")).as("failures counted in the shared store again").hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aCircuitOpenedLocallyStaysOpenAfterTheStoreReturns(BreakerKind kind) throws Exception {
        breaker = build(kind, StoreFailurePolicy.LOCAL_FALLBACK, 1, Duration.ofMillis(100));
        storage.down();
        assertThatThrownBy(() -> breaker.breaker().call(this::failingCall)).isInstanceOf(CircuitOpenException.class);
        storage.up();
        Thread.sleep(150);
        assertThatThrownBy(() -> breaker.breaker().call(() -> "rejected"))
                .as("the local circuit is open for its timeout").isInstanceOf(CircuitOpenException.class);
        assertThat(breaker.storeAvailable().getAsBoolean()).isTrue();
        assertThat(storage.data().get("circuit_f")).as("the shared circuit was never opened").isEmpty();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(
                () -> assertThat(breaker.breaker().<String>call(() -> "served")).isEqualTo("served"));
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void failClosedRejectsWhileTheStoreIsDown(BreakerKind kind) throws Exception {
        breaker = build(kind, StoreFailurePolicy.FAIL_CLOSED, 3, Duration.ofMillis(200));
        storage.down();
        assertThatThrownBy(() -> breaker.breaker().call(() -> calls.incrementAndGet()))
                .isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> breaker.breaker().call(() -> calls.incrementAndGet()))
                .isInstanceOf(CircuitOpenException.class)
                .hasMessage("Circuit 'f' rejects calls: its store is unavailable (fail-closed policy)")
                .hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(calls).hasValue(0);
        storage.up();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(
                () -> assertThat(breaker.breaker().<String>call(() -> "served")).isEqualTo("served"));
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void propagateThrowsTypedStorageExceptionsAndLeavesTheStoreAlone(BreakerKind kind) throws Exception {
        breaker = build(kind, StoreFailurePolicy.PROPAGATE, 3, Duration.ofSeconds(30));
        storage.down();
        assertThatThrownBy(() -> breaker.breaker().call(() -> calls.incrementAndGet()))
                .isInstanceOf(StorageException.class).isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("injected");
        long asked = storage.operations();
        assertThatThrownBy(() -> breaker.breaker().call(() -> calls.incrementAndGet()))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("'f'")
                .hasRootCauseMessage("connection refused (injected)");
        assertThat(storage.operations()).isEqualTo(asked);
        assertThat(calls).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(value = BreakerKind.class, names = "SYNC")
    void anInterruptedCallerDoesNotMakeTheStoreUnavailable(BreakerKind kind) throws Exception {
        breaker = build(kind, StoreFailurePolicy.LOCAL_FALLBACK, 3, Duration.ofSeconds(30));
        storage.down(); // what an interrupted wait looks like to the failover store: the operation failed
        Thread.currentThread().interrupt();
        try {
            assertThat(breaker.breaker().<String>call(() -> "served")).isEqualTo("served");
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }
        assertThat(breaker.storeAvailable().getAsBoolean()).isTrue();
    }
}
