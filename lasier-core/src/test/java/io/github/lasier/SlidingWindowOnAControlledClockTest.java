package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.storage.InMemoryStorage;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The sliding window forgets old calls one bucket at a time, shown on the in-memory store with a clock moved by hand:
 * buckets of 1 s in a 4 s window, against Lasier's fixed window which forgets everything at once.
 */
class SlidingWindowOnAControlledClockTest {

    private final AtomicLong nanos = new AtomicLong(Duration.ofDays(1).toNanos());
    private final InMemoryStorage storage = new InMemoryStorage(nanos::get);
    // Opens at 4 failures out of at least 4 calls: every call below fails, so the window's failures decide.
    private final CircuitBreaker breaker = CircuitBreaker.builder()
            .rule(new SlidingWindowRule(100, 4, Duration.ofSeconds(4), Duration.ofSeconds(1), "f", "r"))
            .storage(storage).build();

    private void failOnce() {
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("down");
        })).isInstanceOf(IOException.class);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void failuresLeaveTheWindowBucketByBucket() {
        // Start just after the beginning of a bucket, so that each step below lands in the bucket it names (the margin
        // covers the milliseconds between the storage's reading of the epoch and this test's).
        advance(Duration.ofMillis(1000 - (nanos.get() / 1_000_000 + epochOffset()) % 1000 + 100));
        failOnce();                     // bucket 0
        advance(Duration.ofSeconds(1));
        failOnce();                     // bucket 1
        advance(Duration.ofSeconds(1));
        failOnce();                     // bucket 2
        advance(Duration.ofSeconds(2)); // bucket 4: bucket 0 has left the window (1..4), buckets 1 and 2 remain
        failOnce();
        assertThat(breaker.isOpen()).as("3 failures in the window, not 4").isFalse();
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("down");
        })).as("a 4th failure in the window").isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void aWindowWithNoRecentCallsHasForgottenEverything() {
        failOnce();
        failOnce();
        failOnce();
        advance(Duration.ofSeconds(5));
        failOnce();
        failOnce();
        failOnce();
        assertThat(breaker.isOpen()).as("only the last three are in the window").isFalse();
    }

    /** The storage numbers buckets by epoch time, offset from its clock by about this. */
    private long epochOffset() {
        return System.currentTimeMillis() - nanos.get() / 1_000_000;
    }
}
