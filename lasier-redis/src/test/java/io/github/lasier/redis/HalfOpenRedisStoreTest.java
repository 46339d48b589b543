package io.github.lasier.redis;

import static io.github.lasier.store.CircuitStore.NOT_OPEN;
import static io.github.lasier.store.CircuitStore.PROBES_IN_FLIGHT;
import static io.github.lasier.store.CircuitStore.PROBE_GRANTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.redis.testing.LogCapture;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.HalfOpen;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The half-open operations of the Redis store, checked against the keys the server holds after each: probe leases
 * granted up to the permitted probes, leases that expire by themselves, successes counted and closing, failures
 * reopening, abandoned probes releasing, stale reports changing nothing, and garbage repaired with a warning.
 */
class HalfOpenRedisStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final String FLAG = "circuit_ho_failures";
    private static final String MARKER = FLAG + ":half_open";
    private static final String SUCCESSES = FLAG + ":probe_successes";
    private static final long PROBE_TIMEOUT = 30_000;
    private static final long CIRCUIT_TIMEOUT = 20_000;

    /** Three probes at once, two successes close it; leases of 30 s. */
    private static final Circuit CIRCUIT = circuit(new HalfOpen(3, 2, Duration.ofMillis(PROBE_TIMEOUT)));

    private CircuitStore store;
    private LogCapture log;

    @BeforeEach
    void connect() {
        store = REDIS.storage().circuitStore();
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private static Circuit circuit(HalfOpen halfOpen) {
        return Circuit.of("ho", new PercentageFailuresRule(50, "ho_failures", 2, "ho_requests"),
                Duration.ofSeconds(30), Duration.ofMillis(CIRCUIT_TIMEOUT), "", halfOpen);
    }

    private static String lease(int number) {
        return FLAG + ":probe:" + number;
    }

    private static Object redis(String... command) {
        return REDIS.server().command(command);
    }

    private static long pttl(String key) {
        return (Long) redis("PTTL", key);
    }

    /** Opens the circuit, then ends its open period as its flag's expiry would: the marker stays. */
    private void openThenEndOpenPeriod(Circuit circuit) {
        store.open(circuit);
        redis("DEL", circuit.openKey());
    }

    /** Every key and its value, to show that an operation changed nothing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> snapshot() {
        Map<String, Object> values = new TreeMap<>();
        for (Object key : (List<Object>) redis("KEYS", "*")) {
            values.put((String) key, redis("GET", (String) key));
        }
        return values;
    }

    private static void assertEveryKeyHasTtl() {
        assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
    }

    private List<String> warningsNaming(String key) {
        return log.lines("WARN", "Key '" + key + "' held");
    }

    @Test
    void openStartsAHalfOpenRoundThatOutlivesTheFlagByTwoProbeTimeouts() {
        store.recordFailure(CIRCUIT);

        store.open(CIRCUIT);

        assertThat(redis("GET", FLAG)).isEqualTo("1");
        assertThat(pttl(FLAG)).isBetween(CIRCUIT_TIMEOUT - 5_000, CIRCUIT_TIMEOUT);
        assertThat(redis("GET", MARKER)).isEqualTo("1");
        assertThat(pttl(MARKER)).isBetween(CIRCUIT_TIMEOUT + 2 * PROBE_TIMEOUT - 5_000,
                CIRCUIT_TIMEOUT + 2 * PROBE_TIMEOUT);
        assertThat(redis("EXISTS", "ho_failures", "ho_requests")).isEqualTo(0L);
        assertEveryKeyHasTtl();
    }

    @Test
    void whileOpenAPermitIsRefusedWithTheTimeLeftAndNoLeaseIsTaken() {
        store.open(CIRCUIT);

        assertThat(store.acquirePermit(CIRCUIT, 1)).isBetween(CIRCUIT_TIMEOUT - 5_000, CIRCUIT_TIMEOUT);
        assertThat(redis("EXISTS", lease(1), lease(2), lease(3))).isEqualTo(0L);

        redis("PERSIST", FLAG);
        assertThat(store.acquirePermit(CIRCUIT, 1)).as("a flag without expiry")
                .isEqualTo(CircuitStore.OPEN_FOR_UNKNOWN_TIME);
    }

    @Test
    void aCircuitNeverOpenedIsNotOpenAndNothingIsWritten() {
        assertThat(store.acquirePermit(CIRCUIT, 1)).isEqualTo(NOT_OPEN);

        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void grantsThePermittedProbesThenRefusesWhileTheyAreInFlight() {
        openThenEndOpenPeriod(CIRCUIT);

        assertThat(store.acquirePermit(CIRCUIT, 11)).isEqualTo(PROBE_GRANTED);
        assertThat(store.acquirePermit(CIRCUIT, 12)).isEqualTo(PROBE_GRANTED);
        assertThat(store.acquirePermit(CIRCUIT, -13)).isEqualTo(PROBE_GRANTED);
        assertThat(store.acquirePermit(CIRCUIT, 14)).isEqualTo(PROBES_IN_FLIGHT);
        assertThat(store.acquirePermit(CIRCUIT, 15)).isEqualTo(PROBES_IN_FLIGHT);

        assertThat(List.of(redis("GET", lease(1)), redis("GET", lease(2)), redis("GET", lease(3))))
                .containsExactly("11", "12", "-13");
        for (int i = 1; i <= 3; i++) {
            assertThat(pttl(lease(i))).isBetween(PROBE_TIMEOUT - 5_000, PROBE_TIMEOUT);
        }
        assertThat(pttl(MARKER)).as("two probe timeouts from the last probe granted")
                .isBetween(2 * PROBE_TIMEOUT - 5_000, 2 * PROBE_TIMEOUT);
        assertThat(redis("EXISTS", SUCCESSES, FLAG)).isEqualTo(0L);
        assertThat(store.openMillisRemaining(CIRCUIT)).as("half-open reads as not open").isEqualTo(NOT_OPEN);
        assertEveryKeyHasTtl();
    }

    @Test
    void anExpiredLeaseGivesItsPermitBack() {
        Circuit oneShortProbe = circuit(new HalfOpen(1, 1, Duration.ofMillis(400)));
        openThenEndOpenPeriod(oneShortProbe);
        assertThat(store.acquirePermit(oneShortProbe, 1)).isEqualTo(PROBE_GRANTED);
        // Only the lease's expiry is under test here, not the marker's (two probe timeouts, on a busy machine).
        redis("PEXPIRE", MARKER, "60000");
        assertThat(store.acquirePermit(oneShortProbe, 2)).isEqualTo(PROBES_IN_FLIGHT);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> store.acquirePermit(oneShortProbe, 3) == PROBE_GRANTED);

        assertThat(redis("GET", lease(1))).isEqualTo("3");
        assertThat(store.reportProbe(oneShortProbe, 1, ProbeReport.FAILED)).as("the hung probe reports late")
                .isEqualTo(ProbeResult.LEASE_LOST);
        assertThat(redis("EXISTS", FLAG)).as("its late failure does not reopen").isEqualTo(0L);
    }

    @Test
    void aHalfOpenCircuitNobodyCallsClosesWhenItsMarkerExpires() {
        Circuit shortProbe = circuit(new HalfOpen(1, 1, Duration.ofMillis(200)));
        openThenEndOpenPeriod(shortProbe);
        assertThat(store.acquirePermit(shortProbe, 1)).isEqualTo(PROBE_GRANTED);
        assertThat(pttl(MARKER)).isBetween(1L, 400L);

        await().atMost(Duration.ofSeconds(10)).until(() -> (Long) redis("EXISTS", MARKER) == 0L);

        assertThat(store.acquirePermit(shortProbe, 2)).isEqualTo(NOT_OPEN);
        assertThat(redis("EXISTS", lease(1))).isEqualTo(0L);
    }

    @Test
    void successesAreCountedAndTheLastOneNeededClosesTheCircuit() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        store.acquirePermit(CIRCUIT, 2);
        store.acquirePermit(CIRCUIT, 3);

        assertThat(store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED)).isEqualTo(ProbeResult.COUNTED);

        assertThat(redis("GET", SUCCESSES)).isEqualTo("1");
        assertThat(pttl(SUCCESSES)).isBetween(2 * PROBE_TIMEOUT - 5_000, 2 * PROBE_TIMEOUT);
        assertThat(redis("GET", lease(1))).as("the lease stays until it expires").isEqualTo("1");
        assertThat(store.acquirePermit(CIRCUIT, 4)).isEqualTo(PROBES_IN_FLIGHT);
        assertEveryKeyHasTtl();

        assertThat(store.reportProbe(CIRCUIT, 2, ProbeReport.SUCCEEDED)).isEqualTo(ProbeResult.CLOSED);

        assertThat(redis("DBSIZE")).as("flag, counters, marker, leases and successes all gone").isEqualTo(0L);
        assertThat(store.acquirePermit(CIRCUIT, 5)).isEqualTo(NOT_OPEN);
        assertThat(store.reportProbe(CIRCUIT, 3, ProbeReport.SUCCEEDED)).as("the third probe reports after closing")
                .isEqualTo(ProbeResult.LEASE_LOST);
        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void oneSuccessClosesWhenOneIsEnough() {
        Circuit oneSuccess = circuit(new HalfOpen(2, 1, Duration.ofMillis(PROBE_TIMEOUT)));
        store.recordRequest(oneSuccess);
        openThenEndOpenPeriod(oneSuccess);
        store.acquirePermit(oneSuccess, 7);
        store.acquirePermit(oneSuccess, 8);

        assertThat(store.reportProbe(oneSuccess, 8, ProbeReport.SUCCEEDED)).isEqualTo(ProbeResult.CLOSED);

        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void aFailedProbeReopensTheCircuitAndStartsANewRound() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        store.acquirePermit(CIRCUIT, 2);
        store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED);
        // Counted while half-open (the flag is gone): reopening deletes these too.
        store.recordRequest(CIRCUIT);

        assertThat(store.reportProbe(CIRCUIT, 2, ProbeReport.FAILED)).isEqualTo(ProbeResult.REOPENED);

        assertThat(redis("GET", FLAG)).isEqualTo("1");
        assertThat(pttl(FLAG)).isBetween(CIRCUIT_TIMEOUT - 5_000, CIRCUIT_TIMEOUT);
        assertThat(pttl(MARKER)).isBetween(CIRCUIT_TIMEOUT + 2 * PROBE_TIMEOUT - 5_000,
                CIRCUIT_TIMEOUT + 2 * PROBE_TIMEOUT);
        assertThat(redis("EXISTS", lease(1), lease(2), lease(3), SUCCESSES, "ho_failures", "ho_requests"))
                .isEqualTo(0L);
        assertThat(store.acquirePermit(CIRCUIT, 3)).isBetween(CIRCUIT_TIMEOUT - 5_000, CIRCUIT_TIMEOUT);
        assertThat(store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED)).as("a probe of the past round")
                .isEqualTo(ProbeResult.LEASE_LOST);
        assertThat(redis("EXISTS", SUCCESSES)).isEqualTo(0L);
        assertEveryKeyHasTtl();
    }

    @Test
    void anAbandonedProbeGivesItsLeaseBack() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        store.acquirePermit(CIRCUIT, 2);
        store.acquirePermit(CIRCUIT, 3);

        assertThat(store.reportProbe(CIRCUIT, 2, ProbeReport.ABANDONED)).isEqualTo(ProbeResult.RELEASED);

        assertThat(redis("EXISTS", lease(2))).isEqualTo(0L);
        assertThat(redis("EXISTS", SUCCESSES)).as("nothing counted").isEqualTo(0L);
        assertThat(store.acquirePermit(CIRCUIT, 4)).isEqualTo(PROBE_GRANTED);
        assertThat(redis("GET", lease(2))).isEqualTo("4");
        assertThat(store.reportProbe(CIRCUIT, 2, ProbeReport.ABANDONED)).as("released once only")
                .isEqualTo(ProbeResult.LEASE_LOST);
    }

    @Test
    void aReportWithoutALeaseChangesNothing() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        store.acquirePermit(CIRCUIT, 2);
        store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED);
        Map<String, Object> before = snapshot();

        for (ProbeReport report : ProbeReport.values()) {
            assertThat(store.reportProbe(CIRCUIT, 99, report)).as(report.name()).isEqualTo(ProbeResult.LEASE_LOST);
        }

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void tokensAreToldApartExactlyEvenWhereDoublesCannot() {
        Circuit oneProbe = circuit(new HalfOpen(1, 1, Duration.ofMillis(PROBE_TIMEOUT)));
        openThenEndOpenPeriod(oneProbe);
        assertThat((double) Long.MAX_VALUE).isEqualTo((double) (Long.MAX_VALUE - 1));

        assertThat(store.acquirePermit(oneProbe, Long.MAX_VALUE)).isEqualTo(PROBE_GRANTED);

        assertThat(store.reportProbe(oneProbe, Long.MAX_VALUE - 1, ProbeReport.FAILED))
                .isEqualTo(ProbeResult.LEASE_LOST);
        assertThat(store.reportProbe(oneProbe, Long.MAX_VALUE, ProbeReport.ABANDONED))
                .isEqualTo(ProbeResult.RELEASED);
        assertThat(store.acquirePermit(oneProbe, Long.MIN_VALUE)).isEqualTo(PROBE_GRANTED);
        assertThat(store.reportProbe(oneProbe, Long.MIN_VALUE, ProbeReport.SUCCEEDED))
                .isEqualTo(ProbeResult.CLOSED);
    }

    @Test
    void openDeletesThePastRoundsLeasesAndSuccesses() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        store.acquirePermit(CIRCUIT, 2);
        store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED);
        store.recordFailure(CIRCUIT);

        store.open(CIRCUIT);

        assertThat(snapshot()).containsOnlyKeys(FLAG, MARKER);
        assertEveryKeyHasTtl();
    }

    @Test
    void closeDeletesEveryKeyOfTheCircuit() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        store.acquirePermit(CIRCUIT, 2);
        store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED);
        store.recordRequest(CIRCUIT);
        store.recordFailure(CIRCUIT);
        store.open(CIRCUIT);
        store.recordFailure(CIRCUIT);
        assertThat(redis("DBSIZE")).isEqualTo(2L);
        redis("DEL", FLAG);
        store.acquirePermit(CIRCUIT, 3);
        store.reportProbe(CIRCUIT, 3, ProbeReport.SUCCEEDED);
        store.recordFailure(CIRCUIT);

        store.close(CIRCUIT);

        assertThat(redis("DBSIZE")).isEqualTo(0L);
        assertThat(store.acquirePermit(CIRCUIT, 4)).isEqualTo(NOT_OPEN);
    }

    @Test
    void everyKeyHasATtlAfterEachOperation() {
        Runnable[] operations = {
            () -> store.recordRequest(CIRCUIT),
            () -> store.recordFailure(CIRCUIT),
            () -> store.open(CIRCUIT),
            () -> store.acquirePermit(CIRCUIT, 1),
            () -> redis("DEL", FLAG),
            () -> store.acquirePermit(CIRCUIT, 1),
            () -> store.acquirePermit(CIRCUIT, 2),
            () -> store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED),
            () -> store.recordFailure(CIRCUIT),
            () -> store.reportProbe(CIRCUIT, 2, ProbeReport.ABANDONED),
            () -> store.acquirePermit(CIRCUIT, 3),
            () -> store.reportProbe(CIRCUIT, 3, ProbeReport.FAILED),
            () -> redis("DEL", FLAG),
            () -> store.acquirePermit(CIRCUIT, 4),
            () -> store.reportProbe(CIRCUIT, 4, ProbeReport.SUCCEEDED),
        };
        for (int i = 0; i < operations.length; i++) {
            operations[i].run();
            assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).as("after operation %d", i).isEmpty();
        }
        assertThat((Long) redis("DBSIZE")).as("the keys the operations left").isPositive();
    }

    @Test
    void garbageInTheMarkerIsRemovedWithAWarningAndReadAsAbsent() {
        redis("SET", MARKER, "half", "PX", "60000");
        assertThat(store.acquirePermit(CIRCUIT, 1)).isEqualTo(NOT_OPEN);
        assertThat(redis("EXISTS", MARKER)).isEqualTo(0L);

        redis("HSET", MARKER, "field", "1");
        assertThat(store.acquirePermit(CIRCUIT, 1)).isEqualTo(NOT_OPEN);
        assertThat(redis("EXISTS", MARKER)).isEqualTo(0L);

        assertThat(redis("EXISTS", lease(1))).as("no probe granted").isEqualTo(0L);
        assertThat(warningsNaming(MARKER)).hasSize(2);
        assertThat(warningsNaming(MARKER).get(0)).contains("'half'");
        assertThat(warningsNaming(MARKER).get(1)).contains("a Redis hash");
    }

    @Test
    void garbageInALeaseIsRemovedWithAWarningAndTheLeaseGranted() {
        openThenEndOpenPeriod(CIRCUIT);
        redis("SET", lease(1), "not-a-token");
        redis("LPUSH", lease(2), "x");

        assertThat(store.acquirePermit(CIRCUIT, 5)).isEqualTo(PROBE_GRANTED);
        assertThat(store.acquirePermit(CIRCUIT, 6)).isEqualTo(PROBE_GRANTED);

        assertThat(redis("GET", lease(1))).isEqualTo("5");
        assertThat(redis("GET", lease(2))).isEqualTo("6");
        assertThat(warningsNaming(lease(1))).singleElement().asString().contains("'not-a-token'");
        assertThat(warningsNaming(lease(2))).singleElement().asString().contains("a Redis list");
        assertEveryKeyHasTtl();
    }

    @Test
    void aLeaseWithoutExpiryIsGivenTheProbeTimeoutInsteadOfHoldingItsPermitForever() {
        Circuit oneProbe = circuit(new HalfOpen(1, 1, Duration.ofMillis(PROBE_TIMEOUT)));
        openThenEndOpenPeriod(oneProbe);
        redis("SET", lease(1), "42");

        assertThat(store.acquirePermit(oneProbe, 5)).isEqualTo(PROBES_IN_FLIGHT);

        assertThat(pttl(lease(1))).isBetween(PROBE_TIMEOUT - 5_000, PROBE_TIMEOUT);
    }

    @Test
    void garbageInTheSuccessesIsRemovedWithAWarningAndCountingStartsAgain() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        redis("SET", SUCCESSES, "1.5", "PX", "60000");

        assertThat(store.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED)).isEqualTo(ProbeResult.COUNTED);

        assertThat(redis("GET", SUCCESSES)).isEqualTo("1");
        assertThat(warningsNaming(SUCCESSES)).singleElement().asString().contains("'1.5'");
        assertEveryKeyHasTtl();
    }

    @Test
    void aReportFindsItsLeaseBehindGarbageInAnother() {
        openThenEndOpenPeriod(CIRCUIT);
        store.acquirePermit(CIRCUIT, 1);
        store.acquirePermit(CIRCUIT, 2);
        redis("SET", lease(1), "junk", "PX", "60000");

        assertThat(store.reportProbe(CIRCUIT, 2, ProbeReport.ABANDONED)).isEqualTo(ProbeResult.RELEASED);

        assertThat(redis("EXISTS", lease(1), lease(2))).isEqualTo(0L);
        assertThat(warningsNaming(lease(1))).hasSize(1);
    }

    @Test
    void withoutHalfOpenAPermitIsTheOpenCheckAndNoReportHoldsALease() {
        Circuit plain = Circuit.of("plain", new MaxFailuresRule(1, "plain_failures"), Duration.ofSeconds(30),
                Duration.ofMillis(CIRCUIT_TIMEOUT), "");
        assertThat(store.acquirePermit(plain, 1)).isEqualTo(NOT_OPEN);

        store.open(plain);

        assertThat(store.acquirePermit(plain, 1)).isBetween(CIRCUIT_TIMEOUT - 5_000, CIRCUIT_TIMEOUT);
        assertThat(store.reportProbe(plain, 1, ProbeReport.FAILED)).isEqualTo(ProbeResult.LEASE_LOST);
        assertThat(snapshot()).containsOnlyKeys("circuit_plain_failures");
        redis("DEL", "circuit_plain_failures");
        assertThat(store.acquirePermit(plain, 1)).isEqualTo(NOT_OPEN);
    }

    @Test
    void aZeroTokenIsRefused() {
        openThenEndOpenPeriod(CIRCUIT);

        assertThatThrownBy(() -> store.acquirePermit(CIRCUIT, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probeToken");
        assertThat(redis("EXISTS", lease(1))).isEqualTo(0L);
    }

    @Test
    void theAsyncStoreGivesTheSameAnswers() {
        AsyncCircuitStore async = REDIS.storage().asyncCircuitStore();
        async.open(CIRCUIT).toCompletableFuture().join();
        assertThat(async.acquirePermit(CIRCUIT, 1).toCompletableFuture().join()).isPositive();
        redis("DEL", FLAG);

        assertThat(async.acquirePermit(CIRCUIT, 1).toCompletableFuture().join()).isEqualTo(PROBE_GRANTED);
        assertThat(async.acquirePermit(CIRCUIT, 2).toCompletableFuture().join()).isEqualTo(PROBE_GRANTED);
        assertThat(async.reportProbe(CIRCUIT, 1, ProbeReport.SUCCEEDED).toCompletableFuture().join())
                .isEqualTo(ProbeResult.COUNTED);
        assertThat(async.reportProbe(CIRCUIT, 2, ProbeReport.FAILED).toCompletableFuture().join())
                .isEqualTo(ProbeResult.REOPENED);
        assertThat(async.recordFailure(CIRCUIT).toCompletableFuture().join()).isEqualTo(new Totals(0, 0));
        async.close(CIRCUIT).toCompletableFuture().join();
        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }
}
