package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.storage.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The sync breaker's entry points: checked exceptions, decorators, the permission API, forcing. */
class CircuitBreakerApiTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final CircuitBreaker breaker = CircuitBreaker.builder()
            .rule(new PercentageFailuresRule(100, "f", 2, "r")).storage(storage).build();

    @Test
    void checkedExceptionsPropagateUnwrapped() {
        IOException io = new IOException("checked");
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw io;
        })).isSameAs(io);
        assertThatThrownBy(() -> breaker.run(() -> {
            throw io;
        })).isSameAs(io);
    }

    @Test
    void decoratorsProtectTheirFunction() throws Exception {
        Supplier<String> supplier = breaker.decorateSupplier(() -> "s");
        Callable<String> callable = breaker.decorateCallable(() -> "c");
        AtomicInteger ran = new AtomicInteger();
        Runnable runnable = breaker.decorateRunnable(ran::incrementAndGet);
        Function<Integer, Integer> twice = breaker.decorateFunction(x -> x * 2);
        assertThat(supplier.get()).isEqualTo("s");
        assertThat(callable.call()).isEqualTo("c");
        runnable.run();
        assertThat(twice.apply(21)).isEqualTo(42);
        assertThat(ran).hasValue(1);
        assertThat(storage.get("r")).as("each decorated call counted").hasValue(4);

        breaker.open();
        assertThatThrownBy(supplier::get).isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(callable::call).isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(runnable::run).isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> twice.apply(1)).isInstanceOf(CircuitOpenException.class);
        assertThat(ran).hasValue(1);
    }

    @Test
    void decoratedCallableKeepsItsCheckedException() {
        Callable<String> callable = breaker.decorateCallable(() -> {
            throw new IOException("kept");
        });
        assertThatThrownBy(callable::call).isInstanceOf(IOException.class).hasMessage("kept");
    }

    @Test
    void permissionApiRecordsLikeExecute() {
        breaker.onSuccess(breaker.acquirePermission());
        breaker.onError(breaker.acquirePermission(), new UncheckedIOException(new IOException("1")));
        Permit permit = breaker.acquirePermission();
        assertThat(permit.isProbe()).isFalse();
        IOException third = new IOException("3");
        assertThatCode(() -> breaker.onError(permit, third)).as("3 requests, above 2, 2/3 failed: not 100 %")
                .doesNotThrowAnyException();
        assertThat(storage.get("r")).hasValue(3);
        assertThat(storage.get("f")).hasValue(2);
    }

    @Test
    void onErrorThrowsTheFailureExceptionWhenItOpensTheCircuit() {
        CircuitBreaker strict = CircuitBreaker.builder().rule(new MaxFailuresRule(1, "g")).storage(storage).build();
        Permit permit = strict.acquirePermission();
        IOException cause = new IOException("x");
        assertThatThrownBy(() -> strict.onError(permit, cause)).isInstanceOf(CircuitOpenException.class).hasCause(cause);
        assertThatThrownBy(strict::acquirePermission).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void forcedOpenAndCloseActOnTheSharedState() throws Exception {
        CircuitBreaker other = CircuitBreaker.builder().rule(new PercentageFailuresRule(100, "f", 2, "r"))
                .storage(storage).build();
        breaker.execute(() -> "counted");
        breaker.open();
        assertThat(other.isOpen()).isTrue();
        assertThat(storage.get("r")).as("opening deletes the counters").isEmpty();
        other.close();
        assertThat(breaker.isOpen()).isFalse();
        assertThat((String) breaker.execute(() -> "runs")).isEqualTo("runs");
    }

    @Test
    void circuitNameDefaultsToTheFailureKey() {
        assertThat(breaker.circuit().name()).isEqualTo("f");
        assertThat(breaker.circuit().openKey()).isEqualTo("circuit_f");
    }

    @Test
    void aProbePermitReportedTwiceCountsOnceAndTheSecondReportIsRefused() {
        CircuitBreaker probing = CircuitBreaker.builder().rule(new MaxFailuresRule(1, "h")).storage(storage)
                .halfOpen(2).build();
        AsyncCircuitBreaker asyncProbing = AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(1, "h"))
                .storage(storage.async()).halfOpen(2).build();
        probing.open();
        storage.delete("circuit_h");
        Permit permit = probing.acquirePermission();
        assertThat(permit.isProbe()).isTrue();
        probing.onSuccess(permit);

        assertThatThrownBy(() -> probing.onSuccess(permit)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        assertThatThrownBy(() -> asyncProbing.onSuccess(permit)).isInstanceOf(IllegalStateException.class);
        assertThat(storage.get("circuit_h:probe_successes")).as("one probe, one success").hasValue(1);
        assertThat(storage.get("circuit_h:half_open")).as("one success of the two needed: still half-open")
                .hasValue(1);
    }

    @Test
    void aPermitOfANormalCallReportedTwiceIsRefusedAndCountsOnce() {
        CircuitBreaker strict = CircuitBreaker.builder().rule(new MaxFailuresRule(2, "twice")).storage(storage)
                .build();
        Permit permit = strict.acquirePermission();
        IOException failure = new IOException("one call, one failure");
        strict.onError(permit, failure);
        assertThatThrownBy(() -> strict.onError(permit, failure)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("handed back once");
        assertThat(storage.get("twice")).as("counted once").hasValue(1);
        assertThat(strict.isOpen()).isFalse();
    }
}
