package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.redis.ObservedBreaker.Outcome;
import io.github.lasier.redis.testing.LogCapture;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.testkit.BreakerKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Garbage at a circuit's keys in Redis, through both breakers: a non-integer value, a key of another Redis type, a
 * counter gone mid-window. The outcome is defined: the key is treated as absent and overwritten in the same script,
 * one warning names it, the caller sees nothing, the store stays available (garbage is not an outage), and the
 * circuit is never stuck open or closed. The breakers propagate storage failures, so any would reach the test.
 */
class GarbageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String FAILURES = "g_failures";
    private static final String REQUESTS = "g_requests";
    private static final String FLAG = "circuit_g_failures";

    private RedisStorage storage;
    private LogCapture log;

    @BeforeEach
    void connect() {
        storage = TestStorages.connect(REDIS.server());
        log = LogCapture.start();
    }

    @AfterEach
    void disconnect() {
        log.close();
        storage.close();
    }

    /** Opens when at least half of more than 3 requests failed. */
    private ObservedBreaker breaker(BreakerKind kind) {
        return ObservedBreaker.of(kind, storage, b -> b.rule(new PercentageFailuresRule(50, FAILURES, 3, REQUESTS))
                .storeFailurePolicy(StoreFailurePolicy.PROPAGATE));
    }

    private static Object redis(String... command) {
        return REDIS.server().command(command);
    }

    private List<String> warningsNaming(String key) {
        return log.lines("WARN", "Key '" + key + "' held");
    }

    private static void assertStillUsable(ObservedBreaker breaker) {
        assertThat(breaker.unexpected()).isEmpty();
        assertThat(breaker.storeAvailable()).as("garbage is not an outage").isTrue();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void garbageAtTheOpenFlagClosesTheCircuitInsteadOfKeepingItOpen(BreakerKind kind) {
        ObservedBreaker breaker = breaker(kind);
        redis("SET", FLAG, "open!", "PX", "60000");
        assertThat(breaker.call(false)).isEqualTo(Outcome.SERVED);
        assertThat(redis("EXISTS", FLAG)).isEqualTo(0L);

        redis("RPUSH", FLAG, "1");
        assertThat(breaker.call(false)).isEqualTo(Outcome.SERVED);
        assertThat(redis("GET", REQUESTS)).isEqualTo("2");

        assertThat(warningsNaming(FLAG)).as("one warning per repair, naming the key").hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("'open!'"))
                .anySatisfy(line -> assertThat(line).contains("a Redis list"));
        assertStillUsable(breaker);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void garbageAtTheCountersStartsANewWindowAndTheCircuitStillOpensByTheRule(BreakerKind kind) {
        ObservedBreaker breaker = breaker(kind);
        breaker.call(false);
        breaker.call(true);
        redis("SET", REQUESTS, "lots");
        redis("DEL", FAILURES);
        redis("HSET", FAILURES, "field", "1");

        assertThat(breaker.call(false)).isEqualTo(Outcome.SERVED);
        assertThat(redis("GET", REQUESTS)).as("counting again from 1").isEqualTo("1");
        assertThat(redis("GET", FAILURES)).isEqualTo("0");
        assertThat((Long) redis("PTTL", REQUESTS)).as("the new window has its TTL").isPositive();
        assertThat(breaker.call(true)).isEqualTo(Outcome.FAILED);
        assertThat(breaker.call(false)).isEqualTo(Outcome.SERVED);
        assertThat(breaker.call(true)).as("2 of 4 requests failed: the rule opens").isEqualTo(Outcome.OPENED);
        assertThat(breaker.call(false)).isEqualTo(Outcome.REJECTED);

        assertThat(warningsNaming(REQUESTS)).hasSize(1);
        assertThat(warningsNaming(FAILURES)).hasSize(1);
        assertStillUsable(breaker);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aCounterGoneMidWindowIsCreatedAgainWithoutAWarning(BreakerKind kind) {
        ObservedBreaker breaker = breaker(kind);
        breaker.call(true);
        breaker.call(false);
        redis("DEL", FAILURES);

        assertThat(breaker.call(true)).isEqualTo(Outcome.FAILED);
        assertThat(redis("GET", FAILURES)).as("a new failure counter, from 1").isEqualTo("1");
        assertThat(redis("GET", REQUESTS)).isEqualTo("3");
        assertThat((Long) redis("PTTL", FAILURES)).isPositive();
        redis("DEL", REQUESTS);
        assertThat(breaker.call(false)).isEqualTo(Outcome.SERVED);
        assertThat(redis("GET", REQUESTS)).isEqualTo("1");
        assertThat((Long) redis("PTTL", REQUESTS)).isPositive();

        assertThat(log.lines("WARN", "held")).as("an absent key is not garbage").isEmpty();
        assertStillUsable(breaker);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void garbageAtAnOpenCircuitsCountersIsRemovedWhileItStaysOpen(BreakerKind kind) {
        ObservedBreaker breaker = breaker(kind);
        breaker.open();
        redis("SET", FAILURES, "NaN");
        redis("DEL", REQUESTS);
        redis("SADD", REQUESTS, "x");

        assertThat(breaker.call(true)).isEqualTo(Outcome.REJECTED);
        assertThat(breaker.isOpen()).isTrue();
        breaker.close();
        assertThat(breaker.call(true)).as("closed by hand: counted in a clean window").isEqualTo(Outcome.FAILED);
        assertThat(redis("GET", FAILURES)).isEqualTo("1");
        assertThat(redis("GET", REQUESTS)).isEqualTo("1");
        assertStillUsable(breaker);
    }
}
