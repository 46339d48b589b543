package io.github.lasier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsUnitsCombinationsAndIso() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesBareNumbersAndNamesTheValue() {
        assertThatThrownBy(() -> DurationConverter.parse("30")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'30'").hasMessageContaining("500ms, 30s");
        assertThatThrownBy(() -> DurationConverter.parse("99999999999999999999h"))
                .isInstanceOf(TypeConversionException.class);
    }

    @Test
    void formatsForPeople() {
        assertThat(DurationConverter.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(4))).isEqualTo("4s");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(DurationConverter.format(Duration.ofMinutes(5))).isEqualTo("5m");
    }
}
