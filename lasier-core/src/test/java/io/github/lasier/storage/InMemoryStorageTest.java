package io.github.lasier.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What only the in-memory storage promises: exact TTLs on its clock, and reclaimed memory when keys churn. */
class InMemoryStorageTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final InMemoryStorage storage = new InMemoryStorage(nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void keyIsLiveUntilItsTtlEndsToTheMillisecond() {
        storage.incr("c", Duration.ofMillis(100));
        advance(Duration.ofMillis(99));
        assertThat(storage.get("c")).hasValue(1);
        assertThat(storage.timeToLive("c")).isEqualTo(Duration.ofMillis(1));
        advance(Duration.ofMillis(1));
        assertThat(storage.get("c")).isEmpty();
        assertThat(storage.incr("c", Duration.ofMillis(100))).isEqualTo(1);
    }

    @Test
    void incrementsDoNotExtendTheWindow() {
        storage.incr("c", Duration.ofMillis(100));
        advance(Duration.ofMillis(60));
        storage.incr("c", Duration.ofMillis(100));
        advance(Duration.ofMillis(40));
        assertThat(storage.get("c")).isEmpty();
    }

    @Test
    void keysWithoutTtlReportNoExpiry() {
        storage.set("forever", 1, null);
        storage.incr("counter");
        storage.set("brief", 1, Duration.ofSeconds(1));
        assertThat(storage.hasExpiry("forever")).isFalse();
        assertThat(storage.hasExpiry("counter")).isFalse();
        assertThat(storage.hasExpiry("brief")).isTrue();
        assertThat(storage.timeToLive("forever")).isNull();
        assertThat(storage.hasExpiry("absent")).isFalse();
    }

    @Test
    void expiredEntriesAreReclaimedWhenKeysChurn() {
        int churned = 50_000;
        for (int i = 0; i < churned; i++) {
            storage.incr("request-" + i, Duration.ofMillis(10));
            advance(Duration.ofMillis(1));
        }
        // Every key lived 10 ms and 50 s went by: only the last few may live; the sweep keeps the rest bounded.
        assertThat(storage.heldEntries()).isLessThanOrEqualTo(2 * InMemoryStorage.SWEEP_EVERY_CREATIONS + 10);
        assertThat(storage.snapshot()).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void readingAnExpiredKeyRemovesIt() {
        storage.set("k", 1, Duration.ofMillis(5));
        advance(Duration.ofMillis(5));
        assertThat(storage.get("k")).isEmpty();
        assertThat(storage.heldEntries()).isZero();
    }

    @Test
    void deletingAnExpiredKeyReportsItAbsent() {
        storage.set("k", 1, Duration.ofMillis(5));
        advance(Duration.ofMillis(6));
        assertThat(storage.delete("k")).isFalse();
    }
}
