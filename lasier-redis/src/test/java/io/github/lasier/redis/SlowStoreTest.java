package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.ObservedBreaker.Outcome;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.RespConnection;
import io.github.lasier.testkit.BreakerKind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A slow Redis: another client keeps it busy with {@code DEBUG SLEEP} longer than the command timeout, over and
 * over, so commands answer late or not within the timeout, and now and then one gets through. Every call goes ahead
 * under the local fallback, no call waits much longer than the timeout, and sharing resumes once Redis is fast again.
 */
class SlowStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--enable-debug-command", "local");

    private static final Duration SLOW_FOR = Duration.ofMillis(1500);
    private static final String SLEEP_SECONDS = "0.3";

    /** Keeps the server sleeping until stopped; each sleep blocks every client for longer than the timeout. */
    private static final class Sleeper extends Thread {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger sleeps = new AtomicInteger();

        @Override
        public void run() {
            try (RespConnection redis = RespConnection.open(REDIS.server().port(), Duration.ofSeconds(10))) {
                while (!stop.get()) {
                    redis.command("DEBUG", "SLEEP", SLEEP_SECONDS);
                    sleeps.incrementAndGet();
                }
            }
        }

        void finish() throws InterruptedException {
            stop.set(true);
            join(10_000);
        }
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void slowCallsGoAheadWithinABoundAndSharingResumesWhenRedisIsFastAgain(BreakerKind kind) throws Exception {
        try (FaultScenario scenario = new FaultScenario(REDIS.server(), kind, StoreFailurePolicy.LOCAL_FALLBACK)) {
            scenario.healthy();
            Sleeper sleeper = new Sleeper();
            sleeper.start();
            FaultScenario.pause(20);

            scenario.callDuringOutage(SLOW_FOR);
            sleeper.finish();
            scenario.awaitRecovery();

            assertThat(sleeper.sleeps.get()).as("the server was kept sleeping").isGreaterThanOrEqualTo(4);
            scenario.assertStoreWasUnavailable();
            scenario.assertNoForeignExceptionReachedACaller();
            for (int i = 0; i < scenario.busyOutcomes.size(); i++) {
                assertThat(scenario.busyOutcomes.get(i)).as("busy call %d went ahead", i)
                        .isEqualTo(i % 2 == 0 ? Outcome.FAILED : Outcome.SERVED);
            }
            // The guarded failures were counted partly in Redis, partly locally: which opened first is open.
            assertThat(scenario.guardedOutcomes).containsAnyOf(Outcome.OPENED)
                    .doesNotContain(Outcome.SERVED, Outcome.STORE_ERROR, Outcome.UNEXPECTED);
            scenario.assertLatencyBounded();
            if (kind == BreakerKind.ASYNC) {
                scenario.assertAsyncCallersNeverWaitedForTheStore();
            }
            scenario.assertSharingResumed();
            System.out.println(scenario.report("slow (DEBUG SLEEP " + SLEEP_SECONDS + " s, repeated)"));
        }
    }
}
