package io.github.lasier.cli.ops;

import static io.github.lasier.cli.JsonFields.number;
import static io.github.lasier.cli.JsonFields.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.cli.CliRun;
import io.github.lasier.redis.RedisStorage;
import io.github.lasier.redis.testing.RedisServerProcess;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** status, open and close against a real redis-server, checked against what the library's breakers see. */
class OperationsAgainstRedisTest {

    private static RedisServerProcess redis;
    private static RedisStorage storage;

    @BeforeAll
    static void startRedis() {
        // An explicit empty array: with no arguments the call would resolve to the instance method start().
        redis = RedisServerProcess.start(new String[0]);
        storage = RedisStorage.builder().uri(redis.uri()).commandTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stopRedis() {
        if (storage != null) {
            storage.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyStore() {
        redis.command("FLUSHALL");
    }

    private static CliRun lasier(String... args) {
        String[] withStore = java.util.Arrays.copyOf(args, args.length + 2);
        withStore[args.length] = "--store";
        withStore[args.length + 1] = redis.uri();
        return CliRun.of(withStore);
    }

    @Test
    void openForcesTheCircuitOpenForEveryBreakerOnTheStore() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(3, "payments"))
                .storage(storage).build();
        assertThat(breaker.isOpen()).isFalse();

        CliRun run = lasier("open", "payments", "--for", "30s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Circuit 'payments' is open for 30s");
        assertThat(redis.command("GET", "circuit_payments")).isEqualTo("1");
        assertThat(Long.parseLong(redis.command("PTTL", "circuit_payments").toString())).isBetween(20_000L, 30_000L);
        assertThat(breaker.isOpen()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> breaker.execute(() -> "called"))
                .isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void openClearsTheCountersAsABreakerDoes() {
        redis.command("SET", "payments", "2", "PX", "60000");
        redis.command("SET", "payments_requests", "40", "PX", "60000");

        assertThat(lasier("open", "payments", "--for", "1m", "--request-key", "payments_requests").exitCode())
                .isZero();

        assertThat(redis.command("EXISTS", "payments").toString()).isEqualTo("0");
        assertThat(redis.command("EXISTS", "payments_requests").toString()).isEqualTo("0");
    }

    @Test
    void statusListsEveryOpenCircuitWithItsTimeLeft() {
        redis.command("SET", "circuit_payments", "1", "PX", "20000");
        redis.command("SET", "circuit_search", "1", "PX", "5000");
        redis.command("SET", "unrelated", "7");

        CliRun text = lasier("status");
        CliRun json = lasier("status", "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("payments\\s+open\\s+(19|20)\\.\\ds")
                .containsPattern("search\\s+open\\s+[45]\\.\\ds").doesNotContain("unrelated");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).startsWith("{\"store\":\"" + redis.uri() + "\",\"circuits\":[")
                .contains("\"name\":\"payments\",\"state\":\"open\",\"openKey\":\"circuit_payments\"")
                .contains("\"name\":\"search\"");
    }

    @Test
    void statusOfANamedClosedCircuitShowsItsCountersAndWindows() {
        // What a percentage-rule breaker leaves after some calls: both counters, created with one TTL.
        CircuitBreaker breaker = CircuitBreaker.builder()
                .rule(new PercentageFailuresRule(90, "orders", 100, "orders_requests"))
                .storage(storage).failureTimeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 5; i++) {
            breaker.run(() -> { });
        }
        for (int i = 0; i < 2; i++) {
            try {
                breaker.run(() -> {
                    throw new IllegalStateException("down");
                });
            } catch (IllegalStateException expected) {
                // counted
            }
        }

        CliRun run = lasier("status", "orders", "--request-key", "orders_requests", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = run.out();
        assertThat(raw(json, "state")).isEqualTo("\"closed\"");
        assertThat(raw(json, "openMillisLeft")).isEqualTo("null");
        assertThat(json).contains("\"failures\":{\"key\":\"orders\",\"value\":2,")
                .contains("\"requests\":{\"key\":\"orders_requests\",\"value\":7,");
        assertThat(number(json, "windowMillisLeft")).isBetween(20_000.0, 30_000.0);
        assertThat(lasier("status", "orders").out()).containsPattern("orders\\s+closed\\s+-\\s+2\\s+\\d+\\.\\ds");
    }

    @Test
    void closeClosesTheCircuitAndClearsItsCounters() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(3, "payments"))
                .storage(storage).circuitTimeout(Duration.ofMinutes(5)).build();
        breaker.open();
        assertThat(breaker.isOpen()).isTrue();

        CliRun run = lasier("close", "payments");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Circuit 'payments' is closed").contains("it was open");
        assertThat(breaker.isOpen()).isFalse();
        assertThat(redis.command("EXISTS", "circuit_payments").toString()).isEqualTo("0");
        assertThat(lasier("status").out()).contains("No open or half-open circuit");
    }

    @Test
    void keyPrefixReachesThePrefixedKeys() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(3, "payments"))
                .storage(storage).keyPrefix("shop:").build();

        assertThat(lasier("open", "payments", "--for", "1m", "--key-prefix", "shop:").exitCode()).isZero();

        assertThat(breaker.isOpen()).isTrue();
        assertThat(redis.command("EXISTS", "shop:circuit_payments").toString()).isEqualTo("1");
        assertThat(lasier("status", "--key-prefix", "shop:").out()).containsPattern("payments\\s+open");
        assertThat(lasier("close", "payments", "--key-prefix", "shop:").exitCode()).isZero();
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aCircuitThatDoesNotExistIsARuntimeError() {
        CliRun status = lasier("status", "nothing");
        CliRun close = lasier("close", "nothing");

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.errLines()).singleElement().asString()
                .contains("no circuit 'nothing'").contains("circuit_nothing");
        assertThat(close.exitCode()).isEqualTo(1);
        assertThat(close.errLines()).singleElement().asString().contains("no circuit 'nothing'");
    }

    @Test
    void aNonIntegerValueIsShownAsStored() {
        redis.command("SET", "circuit_odd", "yes", "PX", "60000");

        CliRun run = lasier("status", "odd");

        assertThat(run.exitCode()).isZero();
        // Breakers read the flag as open only when it holds 1.
        assertThat(run.out()).containsPattern("odd\\s+closed");
    }

    @Test
    void openAndCloseFailWithExitOneWhenTheStoreRefusesTheWrite() {
        redis.command("ACL", "SETUSER", "readonly", "on", ">pw", "~*", "+@all", "-evalsha", "-eval", "-del", "-set");
        redis.command("SET", "circuit_locked", "1", "PX", "60000");
        String[] asReadOnly = {"--store", redis.uri().replace("redis://", "redis://readonly:pw@")};

        CliRun open = CliRun.of(concat(new String[] {"open", "refused", "--for", "1m"}, asReadOnly));
        CliRun close = CliRun.of(concat(new String[] {"close", "locked"}, asReadOnly));

        assertThat(open.exitCode()).as(open.err()).isEqualTo(1);
        assertThat(open.out()).doesNotContain("is open");
        assertThat(redis.command("EXISTS", "circuit_refused").toString()).isEqualTo("0");
        assertThat(close.exitCode()).as(close.err()).isEqualTo(1);
        assertThat(redis.command("GET", "circuit_locked")).isEqualTo("1");
        assertThat(open.err() + close.err()).doesNotContain(":pw@");
    }

    @Test
    void statusListsEveryCircuitEvenWhenOneKeyHoldsAnotherRedisType() {
        redis.command("HSET", "circuit_broken", "a", "b");
        redis.command("SET", "circuit_fine", "1", "PX", "60000");

        CliRun run = lasier("status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("fine").contains("broken");
        assertThat(lasier("close", "broken").exitCode()).isZero();
        assertThat(redis.command("EXISTS", "circuit_broken").toString()).isEqualTo("0");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
