package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.redis.testing.LogCapture;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.HalfOpen;
import io.github.lasier.store.ProbeReport;
import io.github.lasier.store.ProbeResult;
import io.github.lasier.store.Totals;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures in a row and the sliding window in the Redis store. The sliding window's buckets are numbered by the
 * server's clock ({@code TIME}), so the tests read that clock to know which bucket a call lands in.
 */
class CountingKindsRedisStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final long BUCKET = 500;
    private static final int BUCKETS = 3;

    private static final Circuit IN_A_ROW = Circuit.of("row", new ConsecutiveFailuresRule(3, "row_failures"),
            Duration.ofSeconds(30), Duration.ofSeconds(20), "");
    private static final Circuit SLIDING = Circuit.of("sliding", new SlidingWindowRule(50, 4,
            Duration.ofMillis(BUCKET * BUCKETS), Duration.ofMillis(BUCKET), "sw_failures", "sw_requests"),
            Duration.ofSeconds(30), Duration.ofSeconds(20), "");

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

    private static Object redis(String... command) {
        return REDIS.server().command(command);
    }

    private static long pttl(String key) {
        return (Long) redis("PTTL", key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> keys(String pattern) {
        return (List<Object>) redis("KEYS", pattern);
    }

    // Failures in a row

    @Test
    void failuresInARowAreCountedInAWindowFromTheFirst() {
        assertThat(store.recordFailure(IN_A_ROW)).isEqualTo(new Totals(1, 0));
        assertThat(store.recordFailure(IN_A_ROW)).isEqualTo(new Totals(2, 0));
        redis("PEXPIRE", "row_failures", "20000");
        assertThat(store.recordFailure(IN_A_ROW)).isEqualTo(new Totals(3, 0));

        assertThat(pttl("row_failures")).as("not extended by later failures").isBetween(15_000L, 20_000L);
        assertThat(redis("DBSIZE")).as("no request counter").isEqualTo(1L);
    }

    @Test
    void aCallThatDoesNotFailEndsTheRun() {
        store.recordFailure(IN_A_ROW);
        store.recordFailure(IN_A_ROW);

        store.recordRequest(IN_A_ROW);

        assertThat(redis("EXISTS", "row_failures")).isEqualTo(0L);
        assertThat(store.recordFailure(IN_A_ROW)).as("a new run").isEqualTo(new Totals(1, 0));
        assertThat(pttl("row_failures")).isBetween(25_000L, 30_000L);
    }

    @Test
    void whileOpenFailuresInARowAreNotCounted() {
        store.recordFailure(IN_A_ROW);
        store.open(IN_A_ROW);

        assertThat(store.recordFailure(IN_A_ROW)).isEqualTo(new Totals(0, 0));
        store.recordRequest(IN_A_ROW);

        assertThat(keys("*")).containsExactly("circuit_row_failures");
        store.close(IN_A_ROW);
        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void garbageInTheRunIsRemovedWithAWarning() {
        redis("SET", "row_failures", "many", "PX", "30000");

        assertThat(store.recordFailure(IN_A_ROW)).isEqualTo(new Totals(1, 0));

        assertThat(log.lines("WARN", "Key 'row_failures' held 'many'")).hasSize(1);
    }

    // Sliding window

    @Test
    void theTotalsAreTheWindowsBucketsAndTheOldestDropsOutBucketByBucket() {
        long n = startOfABucket();
        assertThat(store.recordFailure(SLIDING)).isEqualTo(new Totals(1, 1));
        store.recordRequest(SLIDING);
        assertThat(store.recordFailure(SLIDING)).isEqualTo(new Totals(2, 3));
        assertThat(redis("GET", bucket("sw_failures", n))).isEqualTo("2");
        assertThat(redis("GET", bucket("sw_requests", n))).isEqualTo("3");
        assertThat(pttl(bucket("sw_requests", n))).as("one bucket longer than the window")
                .isBetween(BUCKET * BUCKETS, BUCKET * (BUCKETS + 1));
        assertThat(serverBucket()).as("the calls took less than a bucket").isEqualTo(n);

        awaitBucket(n + 1);
        assertThat(store.recordFailure(SLIDING)).isEqualTo(new Totals(3, 4));
        awaitBucket(n + 2);
        store.recordRequest(SLIDING);
        assertThat(store.recordFailure(SLIDING)).isEqualTo(new Totals(4, 6));

        awaitBucket(n + 3);
        assertThat(store.recordFailure(SLIDING)).as("bucket n has left the window").isEqualTo(new Totals(3, 4));
        awaitBucket(n + 4);
        assertThat(store.recordFailure(SLIDING)).as("bucket n + 1 too").isEqualTo(new Totals(3, 4));
        awaitBucket(n + 5);
        store.recordRequest(SLIDING);
        assertThat(store.recordFailure(SLIDING)).as("bucket n + 2 too").isEqualTo(new Totals(3, 4));
        assertThat(redis("EXISTS", bucket("sw_failures", n), bucket("sw_requests", n)))
                .as("expired since").isEqualTo(0L);
        assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
    }

    @Test
    void aRequestCountsInTheCurrentBucketOnly() {
        long n = startOfABucket();
        store.recordRequest(SLIDING);
        store.recordRequest(SLIDING);

        assertThat(keys("sw_*")).containsExactly(bucket("sw_requests", n));
        assertThat(redis("GET", bucket("sw_requests", n))).isEqualTo("2");
        assertThat(pttl(bucket("sw_requests", n))).isBetween(BUCKET * BUCKETS, BUCKET * (BUCKETS + 1));
    }

    @Test
    void whileOpenTheWindowIsNotCountedButItsTotalsAreAnswered() {
        long n = startOfABucket();
        store.recordFailure(SLIDING);
        redis("SET", SLIDING.openKey(), "1", "PX", "20000");

        store.recordRequest(SLIDING);
        assertThat(store.recordFailure(SLIDING)).isEqualTo(new Totals(1, 1));

        assertThat(redis("GET", bucket("sw_requests", n))).isEqualTo("1");
        assertThat(serverBucket()).isEqualTo(n);
    }

    @Test
    void openAndCloseDeleteEveryBucketThatCanStillExist() {
        long n = startOfABucket();
        // The buckets from n - buckets to n may exist; later ones cannot, older ones have expired.
        for (long i = n - BUCKETS; i <= n; i++) {
            redis("SET", bucket("sw_failures", i), "1", "PX", "10000");
            redis("SET", bucket("sw_requests", i), "2", "PX", "10000");
        }

        store.open(SLIDING);

        assertThat(keys("*")).containsExactly(SLIDING.openKey());
        store.recordFailure(SLIDING);
        assertThat(keys("sw_*")).as("nothing counted while open").isEmpty();

        redis("DEL", SLIDING.openKey());
        store.recordRequest(SLIDING);
        store.recordFailure(SLIDING);
        store.close(SLIDING);

        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void aSlidingWindowWithHalfOpenReopensAndClosesWithItsBuckets() {
        Circuit halfOpenSliding = Circuit.of("sliding", new SlidingWindowRule(50, 4,
                Duration.ofMillis(BUCKET * BUCKETS), Duration.ofMillis(BUCKET), "sw_failures", "sw_requests"),
                Duration.ofSeconds(30), Duration.ofSeconds(20), "", new HalfOpen(1, 1, Duration.ofSeconds(30)));
        store.open(halfOpenSliding);
        redis("DEL", halfOpenSliding.openKey());
        store.acquirePermit(halfOpenSliding, 1);
        store.recordFailure(halfOpenSliding);

        assertThat(store.reportProbe(halfOpenSliding, 1, ProbeReport.FAILED)).isEqualTo(ProbeResult.REOPENED);
        assertThat(keys("sw_*")).isEmpty();

        redis("DEL", halfOpenSliding.openKey());
        store.acquirePermit(halfOpenSliding, 2);
        store.recordRequest(halfOpenSliding);
        assertThat(store.reportProbe(halfOpenSliding, 2, ProbeReport.SUCCEEDED)).isEqualTo(ProbeResult.CLOSED);
        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void garbageInABucketIsRemovedWithAWarningAndCountsZero() {
        long n = startOfABucket();
        redis("SET", bucket("sw_failures", n), "lots", "PX", "10000");
        redis("HSET", bucket("sw_requests", n - 1), "field", "1");
        redis("EXPIRE", bucket("sw_requests", n - 1), "10");

        assertThat(store.recordFailure(SLIDING)).isEqualTo(new Totals(1, 1));

        assertThat(log.lines("WARN", "Key '" + bucket("sw_failures", n) + "' held 'lots'")).hasSize(1);
        assertThat(log.lines("WARN", "Key '" + bucket("sw_requests", n - 1) + "' held a Redis hash")).hasSize(1);
        assertThat(redis("EXISTS", bucket("sw_requests", n - 1))).isEqualTo(0L);
        assertThat(serverBucket()).isEqualTo(n);
    }

    private static String bucket(String counter, long number) {
        return Circuit.bucketKey(counter, number);
    }

    /** The server's clock in milliseconds, as the scripts read it. */
    @SuppressWarnings("unchecked")
    private static long serverMillis() {
        List<Object> time = (List<Object>) redis("TIME");
        return Long.parseLong((String) time.get(0)) * 1000 + Long.parseLong((String) time.get(1)) / 1000;
    }

    private static long serverBucket() {
        return serverMillis() / BUCKET;
    }

    /** Waits for a bucket to start, by the server's clock, so the calls that follow all land in it: its number. */
    private static long startOfABucket() {
        long now = serverMillis();
        long n = now / BUCKET + 1;
        sleep(n * BUCKET - now);
        long started = serverMillis();
        assertThat(started / BUCKET).as("woke up in the bucket").isEqualTo(n);
        return n;
    }

    /** Waits until the server's clock is in bucket {@code n}. */
    private static void awaitBucket(long n) {
        long now = serverMillis();
        assertThat(now / BUCKET).as("still before bucket %d", n).isLessThan(n);
        sleep(n * BUCKET - now);
        while (serverBucket() < n) {
            sleep(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis + 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
