package io.github.lasier.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulesTest {

    @Test
    void maxFailuresOpensAtTheThreshold() {
        MaxFailuresRule rule = new MaxFailuresRule(3, "f");
        assertThat(rule.shouldOpen(2, 0)).isFalse();
        assertThat(rule.shouldOpen(3, 0)).isTrue();
        assertThat(rule.shouldOpen(4, 0)).isTrue();
        assertThat(rule.countsFailures()).isTrue();
        assertThat(rule.countsRequests()).isFalse();
        assertThat(rule.requestKey()).isNull();
    }

    @Test
    void percentageNeedsStrictlyMoreThanTheMinimumRequests() {
        PercentageFailuresRule rule = new PercentageFailuresRule(50, "f", 10, "r");
        assertThat(rule.shouldOpen(10, 10)).as("100 % of exactly the minimum").isFalse();
        assertThat(rule.shouldOpen(6, 11)).as("54 % of 11").isTrue();
        assertThat(rule.shouldOpen(5, 11)).as("45 % of 11").isFalse();
        assertThat(rule.countsRequests()).isTrue();
    }

    @Test
    void percentageIsRealValuedAsInLasier() {
        PercentageFailuresRule rule = new PercentageFailuresRule(33.4, "f", 0, "r");
        assertThat(rule.shouldOpen(1, 3)).as("33.33 %").isFalse();
        PercentageFailuresRule third = new PercentageFailuresRule(33.3, "f", 0, "r");
        assertThat(third.shouldOpen(1, 3)).isTrue();
        assertThat(new PercentageFailuresRule(100, "f", 0, "r").shouldOpen(0, 0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void maxFailuresBelowOneIsRejected(long max) {
        assertThatThrownBy(() -> new MaxFailuresRule(max, "f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFailures").hasMessageContaining(String.valueOf(max));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -5, 100.01, Double.NaN, Double.POSITIVE_INFINITY})
    void percentageOutsideZeroToHundredIsRejected(double percent) {
        assertThatThrownBy(() -> new PercentageFailuresRule(percent, "f", 0, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFailuresPercentage")
                .hasMessageContaining(String.valueOf(percent));
    }

    @Test
    void negativeMinimumRequestsIsRejected() {
        assertThatThrownBy(() -> new PercentageFailuresRule(50, "f", -1, "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minAcceptedRequests")
                .hasMessageContaining("-1");
    }

    @Test
    void blankOrNullKeysAreRejected() {
        assertThatThrownBy(() -> new MaxFailuresRule(1, " ")).hasMessageContaining("failureKey").hasMessageContaining("' '");
        assertThatThrownBy(() -> new MaxFailuresRule(1, null)).hasMessageContaining("failureKey").hasMessageContaining("null");
        assertThatThrownBy(() -> new PercentageFailuresRule(5, "f", 0, "")).hasMessageContaining("requestKey");
    }

    @Test
    void requestKeyEqualToFailureKeyIsRejected() {
        assertThatThrownBy(() -> new PercentageFailuresRule(5, "same", 0, "same"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestKey")
                .hasMessageContaining("'same'");
    }
}
