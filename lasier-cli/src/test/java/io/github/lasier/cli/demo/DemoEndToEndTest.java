package io.github.lasier.cli.demo;

import static io.github.lasier.cli.JsonFields.number;
import static io.github.lasier.cli.JsonFields.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole demo on the in-memory store, with a short schedule: a real HTTP service, real clients, a real breaker.
 * Healthy 2 s, failing 3 s, healthy 4 s; the circuit stays open 1 s, so it must open while the service fails and be
 * closed again well before the end.
 */
class DemoEndToEndTest {

    private static final double FAILING_FROM = 2;
    private static final double FAILING_UNTIL = 5;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync", "async"})
    void circuitOpensWhileTheServiceFailsAndClosesAfterItRecovers(String mode) throws IOException {
        Path summaryFile = dir.resolve("summary.json");
        String[] args = {"demo", "--schedule", "healthy:2s,failing:3s,healthy:4s", "--circuit-timeout", "1s",
                "--failure-timeout", "5s", "--max-failures", "5", "--concurrency", "4",
                "--json-summary", summaryFile.toString()};
        if (mode.equals("async")) {
            args = Arrays.copyOf(args, args.length + 1);
            args[args.length - 1] = "--async";
        }

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = Files.readString(summaryFile);
        double[] openedAt = numbers(json, "openedAtSeconds");
        double[] closedAt = numbers(json, "closedAtSeconds");
        // Generous bounds: the sampler and a loaded machine may see a change a few hundred ms late.
        assertThat(openedAt).isNotEmpty();
        assertThat(openedAt[0]).isBetween(FAILING_FROM, FAILING_UNTIL);
        assertThat(Arrays.stream(openedAt).max().getAsDouble()).isLessThan(FAILING_UNTIL + 0.5);
        assertThat(closedAt).hasSameSizeAs(openedAt);
        assertThat(closedAt[closedAt.length - 1]).isGreaterThan(FAILING_UNTIL).isLessThan(9);
        assertThat(number(json, "rejections")).isPositive();
        assertThat(number(json, "spared")).isPositive();
        assertThat(number(json, "failures")).isPositive();
        assertThat(number(json, "opensCausedHere")).isPositive();
        assertThat(number(json, "successes")).isPositive();
        // The breaker kept calls away: the service saw far fewer requests while failing than were made then.
        assertThat(number(json, "servedWhileFailing")).isLessThan(number(json, "spared"));

        assertThat(run.out()).contains("circuit OPEN").contains("circuit closed").contains("Summary")
                .contains("calls spared").contains("circuit opened at");
        assertThat(run.out()).as("no control codes when not on a terminal").doesNotContain("\033");
        assertThat(run.out().lines().filter(line -> line.matches("\\s+\\d+s\\s+(healthy|failing).*")))
                .as("one row per second").hasSizeBetween(8, 10);
    }
}
