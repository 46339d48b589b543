package io.github.lasier.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules beyond Lasier's, as pure decisions: thresholds at their boundaries and bad arguments. */
class NewRulesTest {

    private static SlidingWindowRule window(double percent, long minimumCalls) {
        return new SlidingWindowRule(percent, minimumCalls, Duration.ofSeconds(10), Duration.ofSeconds(1), "f", "r");
    }

    @Test
    void consecutiveFailuresOpenAtTheRunLength() {
        ConsecutiveFailuresRule rule = new ConsecutiveFailuresRule(3, "f");
        assertThat(rule.shouldOpen(2, 0)).isFalse();
        assertThat(rule.shouldOpen(3, 0)).isTrue();
        assertThat(rule.shouldOpen(4, 0)).isTrue();
        assertThat(rule.counting()).isEqualTo(Counting.consecutive());
        assertThat(rule.countsRequests()).isFalse();
    }

    @Test
    void slidingWindowNeedsTheMinimumCallsAndTheRate() {
        SlidingWindowRule rule = window(50, 4);
        assertThat(rule.shouldOpen(3, 3)).as("below the minimum calls").isFalse();
        assertThat(rule.shouldOpen(2, 4)).as("exactly the minimum, exactly the rate").isTrue();
        assertThat(rule.shouldOpen(2, 5)).as("just below the rate").isFalse();
        assertThat(rule.shouldOpen(3, 5)).as("above the rate").isTrue();
        assertThat(rule.counting().buckets()).isEqualTo(10);
        assertThat(rule.counting().bucketMillis()).isEqualTo(1000);
    }

    @Test
    void slidingWindowRateIsExactForFractions() {
        SlidingWindowRule rule = window(33.4, 3);
        assertThat(rule.shouldOpen(1, 3)).as("33.33% is below 33.4%").isFalse();
        assertThat(window(100.0 / 3, 3).shouldOpen(1, 3)).isTrue();
    }

    @Test
    void slowCallRuleDelegatesEverythingButTheCallsDuration() {
        MaxFailuresRule inner = new MaxFailuresRule(2, "f");
        SlowCallRule rule = new SlowCallRule(inner, Duration.ofMillis(250));
        assertThat(rule.failureKey()).isEqualTo("f");
        assertThat(rule.shouldOpen(1, 0)).isFalse();
        assertThat(rule.shouldOpen(2, 0)).isTrue();
        assertThat(rule.slowCallThreshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(rule.countsExceptions()).isTrue();
        assertThat(new SlowCallRule(inner, Duration.ofMillis(250), false).countsExceptions()).isFalse();
        assertThat(new SlowCallRule(window(50, 2), Duration.ofSeconds(1)).counting().kind())
                .isEqualTo(Counting.Kind.SLIDING_WINDOW);
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> new ConsecutiveFailuresRule(0, "f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutiveFailures").hasMessageContaining("0");
        assertThatThrownBy(() -> new ConsecutiveFailuresRule(1, " ")).hasMessageContaining("failureKey");
        assertThatThrownBy(() -> window(0, 1)).hasMessageContaining("failureRatePercentage")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> window(100.5, 1)).hasMessageContaining("failureRatePercentage");
        assertThatThrownBy(() -> window(Double.NaN, 1)).hasMessageContaining("failureRatePercentage");
        assertThatThrownBy(() -> window(50, 0)).hasMessageContaining("minimumCalls").hasMessageContaining("0");
        assertThatThrownBy(() -> new SlidingWindowRule(50, 1, Duration.ofSeconds(10), Duration.ofSeconds(1), "k", "k"))
                .hasMessageContaining("requestKey must differ");
        assertThatThrownBy(() -> new SlowCallRule(null, Duration.ofSeconds(1))).hasMessageContaining("rule");
        assertThatThrownBy(() -> new SlowCallRule(new MaxFailuresRule(1, "f"), Duration.ZERO))
                .hasMessageContaining("slowCallThreshold").hasMessageContaining("PT0S");
        SlowCallRule slow = new SlowCallRule(new MaxFailuresRule(1, "f"), Duration.ofSeconds(1));
        assertThatThrownBy(() -> new SlowCallRule(slow, Duration.ofSeconds(2)))
                .hasMessageContaining("must not itself count slow calls");
    }

    @Test
    void windowsThatDoNotDivideSensiblyAreRejected() {
        assertThatThrownBy(() -> Counting.slidingWindow(Duration.ofMillis(2500), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be a whole multiple")
                .hasMessageContaining("PT2.5S");
        assertThatThrownBy(() -> Counting.slidingWindow(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("2 to 100 buckets").hasMessageContaining("1 buckets");
        assertThatThrownBy(() -> Counting.slidingWindow(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageContaining("window");
        assertThatThrownBy(() -> Counting.slidingWindow(Duration.ofMinutes(2), Duration.ofSeconds(1)))
                .hasMessageContaining("120 buckets");
        assertThatThrownBy(() -> Counting.slidingWindow(Duration.ofMillis(50), Duration.ofMillis(5)))
                .hasMessageContaining("bucket").hasMessageContaining("at least 10 ms");
        assertThatThrownBy(() -> Counting.slidingWindow(Duration.ofSeconds(1), Duration.ofNanos(100_500_000)))
                .hasMessageContaining("whole number of milliseconds");
        assertThatThrownBy(() -> Counting.slidingWindow(null, Duration.ofSeconds(1))).hasMessageContaining("window");
        assertThatThrownBy(() -> Counting.slidingWindow(Duration.ofSeconds(10), Duration.ZERO))
                .hasMessageContaining("bucket");
    }
}
