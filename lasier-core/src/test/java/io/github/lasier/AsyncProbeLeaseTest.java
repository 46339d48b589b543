package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.storage.InMemoryStorage;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A probe's lease is given back on every path of the async breaker on which the call never runs: the caller gave up on
 * the stage (cancelled it, or a timeout of its own completed it) before the store answered or before the call
 * executor ran the call, or the call executor refused the call. Otherwise the lease is held until the probe timeout
 * (by default the whole circuit timeout), and no call can probe meanwhile.
 */
class AsyncProbeLeaseTest {

    private static final String LEASE = "circuit_f:probe:1";
    private static final Duration LONG = Duration.ofSeconds(60);

    private final InMemoryStorage data = new InMemoryStorage();

    private AsyncCircuitBreaker.Builder halfOpenBreaker() {
        return AsyncCircuitBreaker.builder().rule(new MaxFailuresRule(1, "f")).circuitTimeout(LONG)
                .halfOpen(1, 1, LONG);
    }

    /** Opens the circuit, then ends the open period as the flag's expiry would: the next call is a probe. */
    private void halfOpen(AsyncCircuitBreaker breaker) {
        breaker.open().toCompletableFuture().join();
        data.delete("circuit_f");
    }

    @Test
    void aProbeWhoseCallerGaveUpBeforeTheStoreAnsweredGivesItsLeaseBack() {
        CompletableFuture<Void> storeAnswers = new CompletableFuture<>();
        AsyncCircuitBreaker breaker = halfOpenBreaker().store(new SlowPermits(storeAnswers)).build();
        halfOpen(breaker);
        AtomicInteger ran = new AtomicInteger();

        CompletableFuture<String> call = breaker.<String>execute(() -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture("probe");
        }).toCompletableFuture();
        call.completeExceptionally(new TimeoutException("the caller's own timeout"));
        storeAnswers.complete(null);

        assertThat(ran).as("the caller gave up: the call does not run").hasValue(0);
        assertThat(data.get(LEASE)).as("the lease the store granted is given back").isEmpty();
        assertThat(breaker.<String>execute(() -> CompletableFuture.completedFuture("next probe"))
                .toCompletableFuture()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("next probe");
        assertThat(data.get("circuit_f:half_open")).as("the next probe closed the circuit").isEmpty();
    }

    @Test
    void aProbeWhoseCallerGaveUpWhileTheCallWaitedForTheExecutorGivesItsLeaseBack() {
        Queue<Runnable> queued = new ArrayDeque<>();
        AsyncCircuitBreaker breaker = halfOpenBreaker().storage(data.async()).callExecutor(queued::add).build();
        halfOpen(breaker);
        AtomicInteger ran = new AtomicInteger();

        CompletableFuture<String> call = breaker.<String>execute(() -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture("probe");
        }).toCompletableFuture();
        assertThat(data.get(LEASE)).as("the call is a probe").isPresent();
        call.cancel(false);
        while (!queued.isEmpty()) {
            queued.poll().run();
        }

        assertThat(ran).hasValue(0);
        assertThat(data.get(LEASE)).as("the lease is given back").isEmpty();
    }

    @Test
    void aProbeTheCallExecutorRefusesGivesItsLeaseBack() {
        RejectedExecutionException refused = new RejectedExecutionException("executor shut down");
        AsyncCircuitBreaker breaker = halfOpenBreaker().storage(data.async()).callExecutor(task -> {
            throw refused;
        }).build();
        halfOpen(breaker);

        CompletableFuture<String> call = breaker.<String>execute(
                () -> CompletableFuture.completedFuture("probe")).toCompletableFuture();

        assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .havingRootCause().isSameAs(refused);
        assertThat(data.get(LEASE)).as("the lease is given back").isEmpty();
        assertThat(data.get("circuit_f:half_open")).as("still half-open: nothing was learnt").hasValue(1);
    }

    @Test
    void aProbePermissionTheCallerGaveUpOnGivesItsLeaseBack() {
        CompletableFuture<Void> storeAnswers = new CompletableFuture<>();
        AsyncCircuitBreaker breaker = halfOpenBreaker().store(new SlowPermits(storeAnswers)).build();
        halfOpen(breaker);

        CompletableFuture<Permit> permit = breaker.acquirePermission().toCompletableFuture();
        permit.cancel(false);
        storeAnswers.complete(null);

        assertThat(data.get(LEASE)).as("nobody holds the permit: its lease is given back").isEmpty();
        Permit next = breaker.acquirePermission().toCompletableFuture().join();
        assertThat(next.isProbe()).isTrue();
    }

    /** The in-memory store, whose permits are answered only when {@code answers} completes, as a slow network's. */
    private final class SlowPermits implements AsyncCircuitStore {
        private final AsyncCircuitStore store = data.asyncCircuitStore();
        private final CompletableFuture<Void> answers;

        SlowPermits(CompletableFuture<Void> answers) {
            this.answers = answers;
        }

        @Override
        public CompletionStage<Long> openMillisRemaining(Circuit circuit) {
            return store.openMillisRemaining(circuit);
        }

        @Override
        public CompletionStage<Long> acquirePermit(Circuit circuit, long probeToken) {
            return answers.thenCompose(ready -> store.acquirePermit(circuit, probeToken));
        }

        @Override
        public CompletionStage<ProbeResult> reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
            return store.reportProbe(circuit, probeToken, report);
        }

        @Override
        public CompletionStage<Void> recordRequest(Circuit circuit) {
            return store.recordRequest(circuit);
        }

        @Override
        public CompletionStage<Totals> recordFailure(Circuit circuit) {
            return store.recordFailure(circuit);
        }

        @Override
        public CompletionStage<Void> open(Circuit circuit) {
            return store.open(circuit);
        }

        @Override
        public CompletionStage<Void> close(Circuit circuit) {
            return store.close(circuit);
        }

        @Override
        public boolean isInProcess() {
            return true;
        }
    }
}
