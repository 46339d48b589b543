package io.github.lasier.cli.ops;

import static io.github.lasier.cli.JsonFields.number;
import static io.github.lasier.cli.JsonFields.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.Permit;
import io.github.lasier.cli.CliRun;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.rules.MaxFailuresRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * status, open and close on circuits with half-open probing, against a real redis-server: the round a breaker starts
 * is shown, and ended or started by the tool as breakers see it.
 */
class HalfOpenOperationsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static CliRun lasier(String... args) {
        String[] withStore = java.util.Arrays.copyOf(args, args.length + 2);
        withStore[args.length] = "--store";
        withStore[args.length + 1] = REDIS.uri();
        return CliRun.of(withStore);
    }

    /** A breaker of a service: 3 probes at once, 2 successes close, opened for a short time. */
    private static CircuitBreaker breaker() {
        return CircuitBreaker.builder().rule(new MaxFailuresRule(1, "payments")).storage(REDIS.storage())
                .circuitTimeout(Duration.ofMillis(300)).halfOpen(3, 2, Duration.ofSeconds(30)).build();
    }

    private static Object redis(String... command) {
        return REDIS.server().command(command);
    }

    /** Opens the circuit, waits for its open period to end, and has two probes under way, one reported a success. */
    private static CircuitBreaker halfOpenWithTwoProbes() {
        CircuitBreaker breaker = breaker();
        breaker.open();
        await().atMost(Duration.ofSeconds(5)).until(() -> !breaker.isOpen());
        Permit first = breaker.acquirePermission();
        Permit second = breaker.acquirePermission();
        assertThat(first.isProbe()).isTrue();
        assertThat(second.isProbe()).isTrue();
        // Counted, not enough to close: its lease stays until it expires.
        breaker.onSuccess(second);
        return breaker;
    }

    @Test
    void statusShowsAHalfOpenCircuitWithItsProbesAndListsNoHalfOpenKeyAsACircuit() {
        halfOpenWithTwoProbes();
        redis("SET", "circuit_search", "1", "PX", "20000");

        CliRun list = lasier("status");
        CliRun named = lasier("status", "payments", "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("payments\\s+half-open\\s+-\\s+.*2 probe leases held, 1 succeeded")
                .containsPattern("search\\s+open\\s+\\d")
                .doesNotContain("half_open").doesNotContain("probe:").doesNotContain("probe_successes");
        assertThat(list.out().lines().filter(line -> line.startsWith("payments"))).hasSize(1);
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(raw(named.out(), "state")).isEqualTo("\"half-open\"");
        assertThat(named.out()).contains("\"halfOpen\":{\"key\":\"circuit_payments:half_open\",\"millisLeft\":");
        assertThat(number(named.out(), "probeLeases")).isEqualTo(2);
        assertThat(number(named.out(), "probeSuccesses")).isEqualTo(1);
        assertThat(number(named.out(), "millisLeft")).isBetween(1.0, 60_000.0);
    }

    @Test
    void anOpenCircuitWithARoundToFollowSaysSo() {
        CircuitBreaker.builder().rule(new MaxFailuresRule(1, "payments")).storage(REDIS.storage())
                .circuitTimeout(Duration.ofMinutes(1)).halfOpen(3).build().open();

        CliRun run = lasier("status", "--json");

        assertThat(raw(run.out(), "state")).isEqualTo("\"open\"");
        assertThat(run.out()).contains("\"halfOpen\":{\"key\":\"circuit_payments:half_open\"");
        assertThat(lasier("status").out()).containsPattern("payments\\s+open\\s+.*half-open next");
    }

    @Test
    void closeEndsTheHalfOpenRound() {
        CircuitBreaker breaker = halfOpenWithTwoProbes();

        CliRun run = lasier("close", "payments");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(it was half-open)").contains("ended its half-open round");
        assertThat(redis("KEYS", "circuit_payments*").toString()).isEqualTo("[]");
        // Closed for the breakers too: calls run, none as a probe.
        assertThat(breaker.acquirePermission().isProbe()).isFalse();
        assertThat(lasier("status").out()).contains("No open or half-open circuit");
    }

    @Test
    void closeReachesEveryLeaseABreakerMayHold() {
        CircuitBreaker breaker = breaker();
        breaker.open();
        redis("SET", "circuit_payments:probe:100", "42", "PX", "60000");

        assertThat(lasier("close", "payments").exitCode()).isZero();

        assertThat(redis("KEYS", "circuit_payments*").toString()).isEqualTo("[]");
    }

    @Test
    void openWithHalfOpenStartsARoundThatBreakersProbe() {
        CircuitBreaker breaker = halfOpenWithTwoProbes();

        CliRun run = lasier("open", "payments", "--for", "1s", "--half-open");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("is open for 1s, then half-open,").contains("circuit_payments:half_open");
        assertThat(breaker.isOpen()).isTrue();
        // The earlier round's leases and success are gone.
        assertThat(redis("EXISTS", "circuit_payments:probe:1", "circuit_payments:probe:2",
                "circuit_payments:probe_successes").toString()).isEqualTo("0");
        await().atMost(Duration.ofSeconds(5)).until(() -> !breaker.isOpen());
        assertThat(breaker.acquirePermission().isProbe()).isTrue();
    }

    @Test
    void openWithoutHalfOpenEndsAnyRoundSoTheCircuitClosesWhenItsTimeIsOver() {
        CircuitBreaker breaker = halfOpenWithTwoProbes();

        CliRun run = lasier("open", "payments", "--for", "500ms");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("half-open");
        assertThat(redis("KEYS", "circuit_payments*").toString()).isEqualTo("[circuit_payments]");
        await().atMost(Duration.ofSeconds(5)).until(() -> !breaker.isOpen());
        assertThat(breaker.acquirePermission().isProbe()).isFalse();
    }
}
