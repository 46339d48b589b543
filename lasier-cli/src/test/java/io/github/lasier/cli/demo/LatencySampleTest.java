package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySampleTest {

    @Test
    void nearestRankPercentiles() {
        LatencySample sample = new LatencySample();
        for (long value = 100; value >= 1; value--) {
            sample.add(value);
        }

        assertThat(sample.percentile(50)).isEqualTo(50);
        assertThat(sample.percentile(99)).isEqualTo(99);
        assertThat(sample.percentile(100)).isEqualTo(100);
    }

    @Test
    void emptyAndClearedSamplesHaveNoPercentile() {
        LatencySample sample = new LatencySample();
        assertThat(sample.percentile(50)).isEqualTo(-1);

        sample.add(7);
        assertThat(sample.percentile(99)).isEqualTo(7);
        sample.clear();
        assertThat(sample.percentile(99)).isEqualTo(-1);
    }

    @Test
    void growsBeyondItsFirstArray() {
        LatencySample sample = new LatencySample();
        for (int i = 0; i < 1000; i++) {
            sample.add(i);
        }

        assertThat(sample.size()).isEqualTo(1000);
        assertThat(sample.percentile(100)).isEqualTo(999);
    }
}
