package io.github.lasier.cli.demo;

import static io.github.lasier.cli.JsonFields.number;
import static io.github.lasier.cli.JsonFields.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
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
        assertThat(run.out()).as("without --half-open, no trace of it").doesNotContain("probe")
                .doesNotContain("half-open");
        assertThat(json).doesNotContain("probe").doesNotContain("half-open").doesNotContain("slowCalls");
        assertThat(run.out()).as("without --slow-call, no slow column")
                .contains("  time  service   calls     ok failed rejected  circuit");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"consecutive:3", "sliding-window:50:5:2s:200ms"})
    void theNewRulesOpenTheCircuitWhileTheServiceFails(String rule) throws IOException {
        Path summaryFile = dir.resolve("summary.json");

        CliRun run = CliRun.of("demo", "--schedule", "healthy:1s,failing:2s,healthy:1s", "--circuit-timeout", "5s",
                "--rule", rule, "--concurrency", "4", "--json-summary", summaryFile.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = Files.readString(summaryFile);
        double[] openedAt = numbers(json, "openedAtSeconds");
        assertThat(openedAt).isNotEmpty();
        assertThat(openedAt[0]).isBetween(1.0, 3.0);
        assertThat(number(json, "opensCausedHere")).isPositive();
        assertThat(run.out()).contains(rule.startsWith("consecutive") ? "3 failures in a row"
                : "50% failures of at least 5 calls in the last 2s (buckets of 200ms)");
    }

    /**
     * Every call of a healthy service takes milliseconds; with --slow-call 1ms each counts as a failure, and shows as
     * slow: the one that opened the circuit too, which got the breaker's exception with no failure of its own.
     */
    @Test
    void slowCallsOpenTheCircuitOfAHealthyService() throws IOException {
        Path summaryFile = dir.resolve("summary.json");

        CliRun run = CliRun.of("demo", "--schedule", "healthy:2s", "--slow-call", "1ms", "--max-failures", "5",
                "--concurrency", "2", "--json-summary", summaryFile.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = Files.readString(summaryFile);
        assertThat(numbers(json, "openedAtSeconds")).isNotEmpty();
        assertThat(number(json, "opensCausedHere")).isPositive();
        assertThat(number(json, "slowCalls")).isGreaterThanOrEqualTo(number(json, "opensCausedHere"));
        assertThat(number(json, "otherFailures")).isZero();
        assertThat(run.out()).contains("max 5 failures per 10s window, a call slower than 1ms fails")
                .contains("  time  service   calls     ok   slow failed rejected  circuit")
                .containsPattern("slow +\\d+  \\(answered after more than 1ms: the breaker counted")
                .doesNotContain("other:");
    }
}
