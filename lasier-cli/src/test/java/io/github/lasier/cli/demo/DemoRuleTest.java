package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.Counting;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.SlidingWindowRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoRuleTest {

    private static final DemoRule.ClassicOptions CLASSIC = new DemoRule.ClassicOptions(7, 40, 30,
            Duration.ofSeconds(10));

    private static DemoRule parse(String value) {
        return DemoRule.parse(value, "demo", CLASSIC);
    }

    @Test
    void theClassicRulesTakeTheirNumbersFromTheirOptions() {
        assertThat(parse("max-failures").rule()).isInstanceOf(MaxFailuresRule.class);
        assertThat(parse("Max_Failures").description()).isEqualTo("max 7 failures per 10s window");
        DemoRule percentage = parse("percentage");
        assertThat(percentage.rule()).isInstanceOf(PercentageFailuresRule.class);
        assertThat(percentage.rule().requestKey()).isEqualTo("demo_requests");
        assertThat(percentage.description()).isEqualTo("40% failures over more than 30 requests per 10s window");
    }

    @Test
    void consecutiveTakesItsRunAfterAColon() {
        DemoRule rule = parse("consecutive:3");

        assertThat(rule.rule()).isInstanceOf(ConsecutiveFailuresRule.class);
        assertThat(((ConsecutiveFailuresRule) rule.rule()).consecutiveFailures()).isEqualTo(3);
        assertThat(rule.rule().shouldOpen(2, 0)).isFalse();
        assertThat(rule.rule().shouldOpen(3, 0)).isTrue();
        assertThat(((ConsecutiveFailuresRule) parse("consecutive").rule()).consecutiveFailures()).isEqualTo(5);
    }

    @Test
    void slidingWindowTakesItsFourNumbersAndDefaultsTheMissingOnes() {
        DemoRule full = parse("sliding-window:25:8:6s:500ms");
        SlidingWindowRule rule = (SlidingWindowRule) full.rule();
        assertThat(rule.failureRatePercentage()).isEqualTo(25);
        assertThat(rule.minimumCalls()).isEqualTo(8);
        assertThat(rule.counting()).isEqualTo(Counting.slidingWindow(Duration.ofSeconds(6), Duration.ofMillis(500)));
        assertThat(rule.requestKey()).isEqualTo("demo_requests");
        assertThat(full.description()).isEqualTo("25% failures of at least 8 calls in the last 6s (buckets of 500ms)");

        SlidingWindowRule defaults = (SlidingWindowRule) parse("sliding-window:30::5s").rule();
        assertThat(defaults.failureRatePercentage()).isEqualTo(30);
        assertThat(defaults.minimumCalls()).isEqualTo(20);
        assertThat(defaults.counting()).isEqualTo(Counting.slidingWindow(Duration.ofSeconds(5), Duration.ofSeconds(1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sometimes | is not a rule",
        "consecutive:x | N must be a whole number, got: 'x'",
        "consecutive:0 | consecutiveFailures must be at least 1, got: 0",
        "consecutive:3:4 | takes at most 1",
        "sliding-window:lots | PCT must be a number, got: 'lots'",
        "sliding-window:50:20:soon | WINDOW must be a duration",
        "sliding-window:50:20:10s:3s | window must be a whole multiple of bucket",
        "sliding-window:0 | failureRatePercentage must be in (0, 100]",
        "max-failures:3 | given with --max-failures"})
    void aBadValueIsRefusedWithWhatIsWrong(String value, String complaint) {
        assertThatThrownBy(() -> parse(value)).isInstanceOf(DemoRule.InvalidValue.class)
                .hasMessageContaining("'" + value + "'").hasMessageContaining(complaint);
    }
}
