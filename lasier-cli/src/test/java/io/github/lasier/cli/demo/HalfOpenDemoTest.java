package io.github.lasier.cli.demo;

import static io.github.lasier.cli.JsonFields.number;
import static io.github.lasier.cli.JsonFields.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.cli.CliRun;
import io.github.lasier.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo with {@code --half-open 2}, on the in-memory store and on a real redis-server, sync and async. Healthy 1 s,
 * failing 2 s, healthy 3 s, open for 1 s: the circuit opens while the service fails, and after it recovers two
 * successful probes close it; the timeline counts the probes and shows their seconds as half-open.
 */
class HalfOpenDemoTest {

    private static final double FAILING_FROM = 1;
    private static final double FAILING_UNTIL = 3;
    private static final double END = 6;
    /** A table row: time, service, calls, ok, failed, rejected, probes, circuit, p50, p99. */
    private static final Pattern ROW = Pattern.compile(
            "\\s+\\d+s\\s+(?:healthy|failing)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(\\d+)\\s+(closed|OPEN|half-open)\\s.*");
    private static final Pattern LAST_SEGMENT = Pattern.compile(
            "\\{\"state\":\"([a-z-]+)\",\"fromSeconds\":[0-9.]+,\"toSeconds\":[0-9.]+}]");

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir
    Path dir;

    /** A row's probe count and circuit state. */
    record Row(int probes, String circuit) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"memory, sync", "memory, async", "redis, sync", "redis, async"})
    void probesCloseTheCircuitAfterTheServiceRecovers(String store, String mode) throws IOException {
        Path summaryFile = dir.resolve("summary.json");
        List<String> args = new ArrayList<>(List.of("demo", "--schedule", "healthy:1s,failing:2s,healthy:3s",
                "--circuit-timeout", "1s", "--max-failures", "5", "--concurrency", "4", "--half-open", "2",
                "--store", store.equals("redis") ? REDIS.uri() : "memory", "--json-summary", summaryFile.toString()));
        if (mode.equals("async")) {
            args.add("--async");
        }

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String json = Files.readString(summaryFile);
        double[] openedAt = numbers(json, "openedAtSeconds");
        double[] closedAt = numbers(json, "closedAtSeconds");
        assertThat(openedAt).isNotEmpty();
        assertThat(openedAt[0]).isBetween(FAILING_FROM, FAILING_UNTIL);
        // Closed only by probes, so only after the service recovered, and well before the end.
        assertThat(closedAt).isNotEmpty();
        assertThat(closedAt[closedAt.length - 1]).isGreaterThan(FAILING_UNTIL).isLessThan(END - 0.5);
        Matcher last = LAST_SEGMENT.matcher(json);
        assertThat(last.find()).as(json).isTrue();
        assertThat(last.group(1)).isEqualTo("closed");
        assertThat(number(json, "probes")).isPositive();
        assertThat(number(json, "probeSuccesses")).as("two successes close the circuit").isGreaterThanOrEqualTo(2);
        assertThat(number(json, "probes")).isGreaterThanOrEqualTo(
                number(json, "probeSuccesses") + number(json, "probeFailures"));

        List<Row> rows = run.out().lines().map(ROW::matcher).filter(Matcher::matches)
                .map(row -> new Row(Integer.parseInt(row.group(1)), row.group(2))).toList();
        assertThat(rows).as(run.out()).hasSizeBetween(5, 7);
        assertThat(rows).as("the probes are counted, in half-open seconds")
                .anyMatch(row -> row.probes() > 0)
                .allMatch(row -> row.probes() == 0 || row.circuit().equals("half-open"));
        assertThat(rows.get(rows.size() - 1)).isEqualTo(new Row(0, "closed"));
        assertThat(run.out()).contains("half-open: up to 2 probes at once, 2 successes close the circuit")
                .contains("probes  ").contains("circuit half-open").doesNotContain("\033");
        if (store.equals("redis")) {
            // Closing ended the round: no marker, lease or success is left behind.
            assertThat(REDIS.server().command("KEYS", "circuit_lasier_demo*").toString()).isEqualTo("[]");
        }
    }
}
