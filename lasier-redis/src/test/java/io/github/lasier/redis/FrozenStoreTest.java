package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.ObservedBreaker.Outcome;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.testkit.BreakerKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Redis frozen (SIGSTOP: connections stay open, nothing answers) then resumed (SIGCONT): the worst outage, where every
 * store call would wait for its whole timeout. Each policy holds, the timeout is not added to every call, the async
 * breaker never holds its caller's thread, and shared state is used again after the resume.
 */
class FrozenStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration OUTAGE = Duration.ofMillis(1500);

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void frozenTheLocalBreakerProtectsAndSharingResumesAfterTheResume(BreakerKind kind) {
        try (FaultScenario scenario = new FaultScenario(REDIS.server(), kind, StoreFailurePolicy.LOCAL_FALLBACK)) {
            scenario.healthy();
            REDIS.server().freeze();

            scenario.callDuringOutage(OUTAGE);
            scenario.assertStoreUnavailable();
            REDIS.server().unfreeze();
            scenario.awaitRecovery();

            scenario.assertNoForeignExceptionReachedACaller();
            scenario.assertOutcomesFollowThePolicy();
            scenario.assertLatencyBounded();
            scenario.assertLocallyOpenedCircuitStaysOpen();
            scenario.assertSharingResumed();
            if (kind == BreakerKind.ASYNC) {
                scenario.assertAsyncCallersNeverWaitedForTheStore();
            }
            System.out.println(scenario.report("frozen"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreFailurePolicy.class, names = {"FAIL_CLOSED", "PROPAGATE"})
    void frozenEveryCallIsRejectedOrGetsAStorageExceptionAsThePolicySays(StoreFailurePolicy policy) {
        for (BreakerKind kind : BreakerKind.values()) {
            try (FaultScenario scenario = new FaultScenario(REDIS.server(), kind, policy)) {
                scenario.healthy();
                REDIS.server().freeze();

                scenario.callDuringOutage(OUTAGE);
                scenario.assertStoreUnavailable();
                REDIS.server().unfreeze();
                scenario.awaitRecovery(false);

                scenario.assertNoForeignExceptionReachedACaller();
                scenario.assertOutcomesFollowThePolicy();
                scenario.assertLatencyBounded();
                assertThat(scenario.guarded.call(false)).as("calls go ahead again").isEqualTo(Outcome.SERVED);
                scenario.assertSharingResumed();
                System.out.println(scenario.report("frozen"));
            }
        }
    }

    @Test
    void theAsyncCallerGetsItsStageAtOnceAndItCompletesThroughTheFallbackWithinTheTimeout() throws Exception {
        try (RedisStorage storage = FaultScenario.connect(REDIS.server())) {
            AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder()
                    .rule(new MaxFailuresRule(5, "frozen_failures")).storage(storage.async())
                    .storeRetryInterval(FaultScenario.RETRY).build();
            assertThat(breaker.execute(() -> CompletableFuture.completedFuture("warm")).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS)).isEqualTo("warm");
            REDIS.server().freeze();

            long started = System.nanoTime();
            CompletableFuture<String> stage = breaker.execute(() -> CompletableFuture.completedFuture("served"))
                    .toCompletableFuture();
            long returnedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(stage).as("Redis has not answered; the stage waits, not the caller").isNotDone();
            assertThat(returnedMillis).as("execute() held the caller's thread").isLessThan(50);
            long timeout = FaultScenario.COMMAND_TIMEOUT.toMillis();
            assertThat(stage.get(2 * timeout + 500, TimeUnit.MILLISECONDS)).isEqualTo("served");
            long completedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(completedMillis).as("completed after the command timeout, through the local fallback")
                    .isBetween(timeout - 20, 2 * timeout + 100);
            assertThat(breaker.isStoreAvailable()).isFalse();
            System.out.printf("frozen, async first call: execute() returned in %d ms, stage completed in %d ms%n",
                    returnedMillis, completedMillis);
        }
    }
}
