package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.ObservedBreaker.Outcome;
import io.github.lasier.redis.testing.LogCapture;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.testkit.BreakerKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Redis killed mid-run and started again, and Redis restarted empty: each policy does what it says during the
 * outage, no driver exception reaches a caller, the outage costs callers a bounded time, and shared state is used
 * again after the recovery. Also: one warning per outage and one info per recovery, not one per call.
 */
class StoreOutageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration OUTAGE = Duration.ofMillis(1500);
    /** For counting log lines: a killed server fails at once, and a loaded machine cannot pass for an outage. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(3);

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void killedMidRunTheLocalBreakerProtectsAndSharingResumesAfterTheRestart(BreakerKind kind) {
        try (FaultScenario scenario = new FaultScenario(REDIS.server(), kind, StoreFailurePolicy.LOCAL_FALLBACK)) {
            scenario.healthy();
            for (int i = 0; i < 50; i++) {
                scenario.busy.call(false);
            }
            REDIS.server().kill();

            scenario.callDuringOutage(OUTAGE);
            scenario.assertStoreUnavailable();
            REDIS.server().start();
            scenario.awaitRecovery();

            scenario.assertNoForeignExceptionReachedACaller();
            scenario.assertOutcomesFollowThePolicy();
            scenario.assertLatencyBounded();
            scenario.assertLocallyOpenedCircuitStaysOpen();
            scenario.assertSharingResumed();
            if (kind == BreakerKind.ASYNC) {
                scenario.assertAsyncCallersNeverWaitedForTheStore();
            }
            System.out.println(scenario.report("killed"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreFailurePolicy.class, names = {"FAIL_CLOSED", "PROPAGATE"})
    void killedEveryCallIsRejectedOrGetsAStorageExceptionAsThePolicySays(StoreFailurePolicy policy) {
        for (BreakerKind kind : BreakerKind.values()) {
            REDIS.server().ensureRunning();
            try (FaultScenario scenario = new FaultScenario(REDIS.server(), kind, policy)) {
                scenario.healthy();
                REDIS.server().kill();

                scenario.callDuringOutage(OUTAGE);
                scenario.assertStoreUnavailable();
                REDIS.server().start();
                scenario.awaitRecovery(false);

                scenario.assertNoForeignExceptionReachedACaller();
                scenario.assertOutcomesFollowThePolicy();
                scenario.assertLatencyBounded();
                assertThat(scenario.guarded.call(false)).as("calls go ahead again").isEqualTo(Outcome.SERVED);
                scenario.assertSharingResumed();
                System.out.println(scenario.report("killed"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void restartedEmptyTheBreakerReloadsItsScriptsAndStartsOverWithTheLostState(BreakerKind kind) {
        try (FaultScenario scenario = new FaultScenario(REDIS.server(), kind, StoreFailurePolicy.LOCAL_FALLBACK)) {
            scenario.healthy();
            scenario.guarded.open();
            assertThat(scenario.guarded.call(false)).isEqualTo(Outcome.REJECTED);
            assertThat(scenario.busy.call(true)).isEqualTo(Outcome.FAILED);

            REDIS.server().restart();
            for (int i = 0; i < 20; i++) {
                assertThat(scenario.busy.call(i % 2 == 0)).as("busy call %d went ahead", i)
                        .isEqualTo(i % 2 == 0 ? Outcome.FAILED : Outcome.SERVED);
                FaultScenario.pause(10);
            }
            scenario.awaitRecovery(false);

            assertThat(scenario.guardedWhileRecovering).as("the open flag was lost with the data: calls go ahead")
                    .containsOnly(Outcome.SERVED);
            assertThat(scenario.guarded.call(false)).isEqualTo(Outcome.SERVED);
            scenario.assertNoForeignExceptionReachedACaller();
            scenario.assertSharingResumed();
            assertThat((String) REDIS.server().command("INFO", "commandstats"))
                    .as("the empty server was sent the scripts again").contains("cmdstat_eval:");
        }
    }

    @Test
    void oneWarningPerOutageAndOneInfoPerRecoveryNotOnePerCall() {
        try (LogCapture log = LogCapture.start();
                FaultScenario sync = new FaultScenario(REDIS.server(), BreakerKind.SYNC,
                        StoreFailurePolicy.LOCAL_FALLBACK, LONG_TIMEOUT);
                FaultScenario async = new FaultScenario(REDIS.server(), BreakerKind.ASYNC,
                        StoreFailurePolicy.LOCAL_FALLBACK, LONG_TIMEOUT)) {
            for (int outage = 1; outage <= 2; outage++) {
                REDIS.server().kill();
                sync.callDuringOutage(Duration.ofMillis(800));
                async.callDuringOutage(Duration.ofMillis(800));
                REDIS.server().start();
                sync.awaitRecovery();
                async.awaitRecovery();
                sync.settle();
                async.settle();
                for (int i = 0; i < 50; i++) {
                    sync.busy.call(i % 2 == 0);
                    async.busy.call(i % 2 == 0);
                }

                // Each breaker has its own health and names its circuit: sync and async together log twice.
                FaultScenario.assertOutagesLogged(log, 2 * outage);
            }
            assertThat(Map.of("sync", sync.busy.ran(), "async", async.busy.ran()))
                    .allSatisfy((kind, ran) -> assertThat(ran).as("calls made by %s", kind).isGreaterThan(200));
        }
    }
}
