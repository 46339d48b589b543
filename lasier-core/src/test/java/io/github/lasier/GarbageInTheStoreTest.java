package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.testkit.BreakerKind;
import io.github.lasier.testkit.FlakyStorage;
import io.github.lasier.testkit.TestBreaker;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Garbage at a circuit's keys, on the generic stores: treated as absent and overwritten, never thrown at a caller. */
class GarbageInTheStoreTest {

    private final FlakyStorage storage = new FlakyStorage();

    private TestBreaker breaker(BreakerKind kind) {
        return TestBreaker.of(kind, storage, storage.async(),
                b -> b.rule(new PercentageFailuresRule(50, "f", 0, "r")).storeFailurePolicy(StoreFailurePolicy.PROPAGATE));
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void garbageAtTheOpenFlagDoesNotKeepTheCircuitOpen(BreakerKind kind) throws Exception {
        storage.writeGarbage("circuit_f");
        TestBreaker breaker = breaker(kind);
        assertThat(breaker.<String>call(() -> "served")).isEqualTo("served");
        assertThat(storage.data().get("r")).hasValue(1);
        assertThat(breaker.isOpen()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void garbageAtACounterStartsANewWindow(BreakerKind kind) throws Exception {
        TestBreaker breaker = breaker(kind);
        breaker.call(() -> "ok");
        breaker.call(() -> "ok");
        storage.writeGarbage("r");
        storage.writeGarbage("f");
        breaker.call(() -> "ok");
        assertThat(storage.data().get("r")).as("the counter was overwritten, counting from 1").hasValue(1);
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("counted in the new window");
        })).isInstanceOf(CircuitOpenException.class);
    }

    private TestBreaker halfOpenBreaker(BreakerKind kind) {
        return TestBreaker.of(kind, storage, storage.async(),
                b -> b.rule(new PercentageFailuresRule(50, "f", 0, "r")).halfOpen(1)
                        .storeFailurePolicy(StoreFailurePolicy.PROPAGATE));
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void garbageSquattingOnAProbeLeaseIsRemovedAndTheProbeRuns(BreakerKind kind) throws Exception {
        storage.data().set("circuit_f:half_open", 1, Duration.ofMinutes(1));
        storage.data().set("circuit_f:probe:1", 7, Duration.ofMinutes(1));
        storage.writeGarbage("circuit_f:probe:1");
        TestBreaker breaker = halfOpenBreaker(kind);
        assertThat(breaker.<String>call(() -> "probe ran")).isEqualTo("probe ran");
        assertThat(storage.data().get("circuit_f:half_open")).as("the probe's success closed the circuit").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void garbageAtTheHalfOpenMarkerReadsAsClosed(BreakerKind kind) throws Exception {
        storage.data().set("circuit_f:half_open", 1, Duration.ofMinutes(1));
        storage.writeGarbage("circuit_f:half_open");
        TestBreaker breaker = halfOpenBreaker(kind);
        assertThat(breaker.<String>call(() -> "served")).isEqualTo("served");
        assertThat(storage.data().get("circuit_f:probe:1")).as("not a probe").isEmpty();
    }
}
