package io.github.lasier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Storage} must pass; store modules extend it with their backend. Asynchronous storages
 * run it through {@link BlockingStorage}. TTL checks use real time with short TTLs and generous waits, so they hold
 * for a store whose clock is a server's.
 */
public abstract class StorageContract {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(30);

    /** The storage under test, on a backend that this test may flush. */
    protected abstract Storage storage();

    private Storage storage;

    @BeforeEach
    void cleanStorage() {
        storage = storage();
        storage.flush();
    }

    @Test
    void getOfAnAbsentKeyIsEmptyNotZero() {
        assertThat(storage.get("absent")).isEmpty();
        storage.set("zero", 0, LONG);
        assertThat(storage.get("zero")).hasValue(0);
    }

    @Test
    void addStoresOnlyWhenAbsent() {
        assertThat(storage.add("k", 5, LONG)).isTrue();
        assertThat(storage.add("k", 7, LONG)).isFalse();
        assertThat(storage.get("k")).hasValue(5);
    }

    @Test
    void addedKeyExpiresAfterItsTtl() {
        storage.add("k", 1, SHORT);
        assertThat(storage.get("k")).hasValue(1);
        awaitAbsent("k");
        assertThat(storage.add("k", 2, LONG)).as("an expired key is absent for add").isTrue();
        assertThat(storage.get("k")).hasValue(2);
    }

    @Test
    void setReplacesValueAndTtl() {
        storage.set("k", 1, SHORT);
        storage.set("k", 2, LONG);
        assertThat(storage.get("k")).hasValue(2);
        sleep(SHORT.multipliedBy(2));
        assertThat(storage.get("k")).as("the second set's TTL replaced the first").hasValue(2);
    }

    @Test
    void setWithoutTtlNeverExpiresAndSetWithTtlDoes() {
        storage.set("forever", 3, null);
        storage.set("brief", 4, SHORT);
        awaitAbsent("brief");
        assertThat(storage.get("forever")).hasValue(3);
    }

    @Test
    void incrCreatesAtOneAndCounts() {
        assertThat(storage.incr("c")).isEqualTo(1);
        assertThat(storage.incr("c")).isEqualTo(2);
        storage.set("n", 41, LONG);
        assertThat(storage.incr("n")).isEqualTo(42);
        assertThat(storage.get("c")).hasValue(2);
    }

    @Test
    void incrWithTtlCreatesTheKeyWithThatTtl() {
        assertThat(storage.incr("c", SHORT)).isEqualTo(1);
        assertThat(storage.incr("c", SHORT)).isEqualTo(2);
        awaitAbsent("c");
        assertThat(storage.incr("c", LONG)).as("a new window starts at 1").isEqualTo(1);
    }

    @Test
    void incrWithTtlDoesNotExtendAnExistingWindow() {
        storage.incr("c", Duration.ofMillis(600));
        long started = System.nanoTime();
        // Keep incrementing with a long TTL: a fixed window must still end about 600 ms after creation.
        while (Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(300)) < 0) {
            storage.incr("c", LONG);
            sleep(Duration.ofMillis(50));
        }
        awaitAbsent("c");
    }

    @Test
    void expireSetsATtlOnAnExistingKeyOnly() {
        storage.set("k", 1, null);
        assertThat(storage.expire("k", SHORT)).isTrue();
        assertThat(storage.expire("absent", SHORT)).isFalse();
        awaitAbsent("k");
    }

    @Test
    void deleteRemovesAndSaysWhetherTheKeyExisted() {
        storage.set("k", 1, LONG);
        assertThat(storage.delete("k")).isTrue();
        assertThat(storage.delete("k")).isFalse();
        assertThat(storage.get("k")).isEmpty();
    }

    @Test
    void flushRemovesEveryKey() {
        storage.set("a", 1, LONG);
        storage.incr("b", LONG);
        storage.flush();
        assertThat(storage.get("a")).isEmpty();
        assertThat(storage.get("b")).isEmpty();
    }

    @Test
    void negativeValuesRoundTrip() {
        storage.set("k", -12, LONG);
        assertThat(storage.get("k")).hasValue(-12);
    }

    @Test
    void ttlsUnderOneMillisecondOrMissingAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> storage.add("k", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> storage.add("k", 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> storage.incr("k", Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttlIfCreated");
        assertThatThrownBy(() -> storage.expire("k", Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThat(storage.get("k")).as("a rejected call changes nothing").isEmpty();
    }

    @Test
    void concurrentIncrementsAreExact() throws Exception {
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    long last = 0;
                    for (int i = 0; i < perThread; i++) {
                        last = storage.incr("c", LONG);
                    }
                    return last;
                });
            }
            for (Future<Long> done : pool.invokeAll(tasks)) {
                assertThat(done.get()).isBetween(1L, (long) threads * perThread);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storage.get("c")).hasValue((long) threads * perThread);
    }

    private void awaitAbsent(String key) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> storage.get(key).equals(OptionalLong.empty()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
