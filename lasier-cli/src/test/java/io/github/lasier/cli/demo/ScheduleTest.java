package io.github.lasier.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void defaultScheduleLastsAboutHalfAMinute() {
        Schedule schedule = Schedule.parse(Schedule.DEFAULT);

        assertThat(schedule.total()).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.hasFailures()).isTrue();
        assertThat(schedule.toString()).isEqualTo(Schedule.DEFAULT);
    }

    @Test
    void phasesFollowEachOther() {
        Schedule schedule = Schedule.parse("healthy:1s, failing:500ms,healthy:2s");

        assertThat(schedule.healthAt(0)).isEqualTo(Health.HEALTHY);
        assertThat(schedule.healthAt(999_999_999)).isEqualTo(Health.HEALTHY);
        assertThat(schedule.healthAt(1_000_000_000)).isEqualTo(Health.FAILING);
        assertThat(schedule.healthAt(1_499_999_999)).isEqualTo(Health.FAILING);
        assertThat(schedule.healthAt(1_500_000_000)).isEqualTo(Health.HEALTHY);
        assertThat(schedule.phaseIndexAt(10_000_000_000L)).isEqualTo(2);
        assertThat(schedule.startNanos(2)).isEqualTo(1_500_000_000);
    }

    @Test
    void malformedSchedulesNameTheBadPart() {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("healthy"))
                .withMessageContaining("'healthy' is not PHASE:DURATION");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("sick:2s"))
                .withMessageContaining("'sick' is not a phase");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("healthy:2"))
                .withMessageContaining("'2' is not a duration");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("healthy:0s"))
                .withMessageContaining("at least 1ms");
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("healthy:1s,"))
                .withMessageContaining("is not PHASE:DURATION");
    }
}
