package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.CircuitOpenException;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.storage.StorageException;
import io.github.lasier.testkit.BreakerKind;
import io.github.lasier.testkit.TestBreaker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A half-open probe in flight when Redis dies or freezes: its report cannot reach Redis, the caller still gets what
 * the policy says, and once Redis is back (empty, or resumed) the circuit is never wedged and no key lives forever.
 */
class HalfOpenOutageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String FAILURES = "ho_failures";
    private static final String FLAG = "circuit_" + FAILURES;
    private static final String LEASE = FLAG + ":probe:1";
    private static final Duration RETRY = Duration.ofMillis(200);

    private RedisStorage storage;

    @AfterEach
    void closeStorage() {
        REDIS.server().ensureRunning();
        if (storage != null) {
            storage.close();
        }
    }

    private TestBreaker halfOpenBreaker(BreakerKind kind, StoreFailurePolicy policy) {
        storage = FaultScenario.connect(REDIS.server());
        TestBreaker breaker = TestBreaker.of(kind, storage, storage.async(), b -> b
                .rule(new MaxFailuresRule(1, FAILURES)).circuitTimeout(Duration.ofSeconds(60))
                .halfOpen(1, 1, Duration.ofSeconds(30)).storeFailurePolicy(policy).storeRetryInterval(RETRY));
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(CircuitOpenException.class);
        REDIS.server().command("DEL", FLAG);
        return breaker;
    }

    /** Calls until one is served by the store again: the breaker has probed the store and uses it. */
    private static void awaitServed(TestBreaker breaker) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try {
                return "served".equals(breaker.call(() -> "served"));
            } catch (Exception rejectedOrStoreError) {
                return false;
            }
        });
    }

    @ParameterizedTest
    @EnumSource(StoreFailurePolicy.class)
    void aProbeReportingWhileRedisIsDeadGetsItsResultAndRedisRestartedEmptyIsClosed(StoreFailurePolicy policy)
            throws Exception {
        for (BreakerKind kind : BreakerKind.values()) {
            REDIS.server().ensureRunning();
            TestBreaker breaker = halfOpenBreaker(kind, policy);
            AtomicInteger ran = new AtomicInteger();
            CompletableFuture<String> downstream = new CompletableFuture<>();
            CompletableFuture<String> probe = breaker.begin(downstream, ran);
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 1);
            assertThat(REDIS.server().command("EXISTS", LEASE)).isEqualTo(1L);

            REDIS.server().kill();
            downstream.complete("up");
            if (policy == StoreFailurePolicy.PROPAGATE) {
                assertThatThrownBy(() -> TestBreaker.outcomeOf(probe)).as("%s", kind)
                        .isInstanceOf(StorageException.class);
            } else {
                assertThat(TestBreaker.outcomeOf(probe)).as("%s: the probe's result reaches its caller", kind)
                        .isEqualTo("up");
            }

            REDIS.server().start();
            awaitServed(breaker);
            assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
            storage.close();
            storage = null;
        }
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aProbeFailingWhileRedisIsFrozenNeverWedgesTheCircuit(BreakerKind kind) throws Exception {
        TestBreaker breaker = halfOpenBreaker(kind, StoreFailurePolicy.LOCAL_FALLBACK);
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<String> downstream = new CompletableFuture<>();
        CompletableFuture<String> probe = breaker.begin(downstream, ran);
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 1);

        REDIS.server().freeze();
        IOException stillDown = new IOException("still down");
        downstream.completeExceptionally(stillDown);
        Throwable seen = null;
        try {
            TestBreaker.outcomeOf(probe);
        } catch (Exception e) {
            seen = e;
        }
        assertThat(seen).as("the probe's own failure, or the failure exception if the report reached Redis")
                .satisfiesAnyOf(e -> assertThat(e).isSameAs(stillDown),
                        e -> assertThat(e).isInstanceOf(CircuitOpenException.class).hasCause(stillDown));
        REDIS.server().unfreeze();

        // Commands the frozen server had received run now: the report either reached Redis late (the circuit is open
        // again, for its timeout) or never did (the lease holds until it expires). Either way nothing lives forever.
        FaultScenario.pause(500);
        assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
        assertThat(REDIS.server().command("EXISTS", FLAG, LEASE)).as("reopened, or the lease still held")
                .isEqualTo(1L);
        REDIS.server().command("DEL", FLAG, FLAG + ":half_open", LEASE, FLAG + ":probe_successes");
        awaitServed(breaker);
    }
}
