package io.github.lasier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorsAndExitCodesTest {

    @Test
    void unknownCommandIsAUsageErrorOnOneLine() {
        CliRun run = CliRun.of("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("unknown command 'frobnicate'").contains("demo, status, open, close");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingCommandIsAUsageError() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("missing command");
    }

    @Test
    void unknownOptionIsNamed() {
        CliRun run = CliRun.of("demo", "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("unknown option '--frobnicate'").contains("lasier demo --help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5 s", "fast", "-3s", "1.5s"})
    void malformedDurationNamesOptionAndValue(String value) {
        CliRun run = CliRun.of("demo", "--circuit-timeout", value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("--circuit-timeout").contains("'" + value + "'").contains("500ms, 30s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:6379", "redis://", "redis://127.0.0.1:6379/abc", "not a uri"})
    void malformedStoreUriIsAUsageError(String value) {
        CliRun run = CliRun.of("status", "--store", value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("--store").contains(value);
    }

    @Test
    void malformedScheduleAndRuleOptionsAreUsageErrors() {
        assertThat(CliRun.of("demo", "--schedule", "healthy:3s,broken:2s").errLines()).singleElement().asString()
                .contains("--schedule").contains("'broken' is not a phase");
        CliRun zeroFailures = CliRun.of("demo", "--max-failures", "0");
        assertThat(zeroFailures.exitCode()).isEqualTo(2);
        assertThat(zeroFailures.errLines()).singleElement().asString().contains("maxFailures").contains("0");
        assertThat(CliRun.of("demo", "--rule", "sometimes").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("demo", "--concurrency", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("demo", "--slow-share", "1.5").exitCode()).isEqualTo(2);
        CliRun zeroTimeout = CliRun.of("demo", "--request-timeout", "0ms");
        assertThat(zeroTimeout.exitCode()).isEqualTo(2);
        assertThat(zeroTimeout.errLines()).singleElement().asString().contains("--request-timeout");
        assertThat(CliRun.of("demo", "--concurrency", "100000").exitCode()).isEqualTo(2);
        CliRun forever = CliRun.of("open", "x", "--for", "999999h", "--store", "redis://127.0.0.1:1");
        assertThat(forever.exitCode()).isEqualTo(2);
        assertThat(forever.errLines()).singleElement().asString().contains("--for").contains("3650 days");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--half-open 0 | --half-open | 0",
        "--half-open 101 | --half-open | 101",
        "--half-open many | --half-open | many",
        "--half-open 2 --successes-to-close 3 | --successes-to-close | 3",
        "--half-open 2 --successes-to-close 0 | --successes-to-close | 0",
        "--half-open 2 --probe-timeout 0ms | --probe-timeout | 0ms",
        "--half-open 2 --probe-timeout soon | --probe-timeout | soon",
        "--successes-to-close 1 | --successes-to-close | --half-open",
        "--probe-timeout 1s | --probe-timeout | --half-open",
        "--rule consecutive:0 | --rule | consecutive:0",
        "--rule consecutive:many | --rule | consecutive:many",
        "--rule sliding-window:50:20:10s:3s | --rule | sliding-window:50:20:10s:3s",
        "--rule sliding-window:101 | --rule | sliding-window:101",
        "--rule sliding-window:50:x | --rule | sliding-window:50:x",
        "--slow-call 0ms | --slow-call | 0ms",
        "--slow-call slowly | --slow-call | slowly"})
    void badHalfOpenRuleAndSlowCallValuesNameTheOptionAndTheValue(String args, String option, String value) {
        String[] demo = ("demo " + args).split(" ");

        CliRun run = CliRun.of(demo);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().contains(option).contains(value)
                .contains("lasier demo --help");
    }

    /** Out-of-range durations are echoed as typed, not as the parsed value (0s, not 0ms or PT0S). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "demo --failure-timeout 0s | --failure-timeout | 0s",
        "demo --circuit-timeout 0s | --circuit-timeout | 0s",
        "demo --request-timeout 0s | --request-timeout | 0s",
        "demo --slow-call 0s | --slow-call | 0s",
        "demo --slow-call 90000h | --slow-call | 90000h",
        "demo --half-open 2 --probe-timeout 0m | --probe-timeout | 0m",
        "open x --for 0s --store redis://127.0.0.1:1 | --for | 0s"})
    void outOfRangeDurationsAreEchoedAsTyped(String args, String option, String typed) {
        CliRun run = CliRun.of(args.split(" "));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .contains("invalid value for option '" + option + "'").contains("got: '" + typed + "'")
                .doesNotContain("PT").doesNotContain("unexpected");
    }

    @Test
    void passwordsNeverAppearInErrors() {
        CliRun run = CliRun.of("status", "--store", "redis://admin:S3cretPass@127.0.0.1:6379/abc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("S3cretPass").contains("***");
    }

    @Test
    void aStoreWithoutSchemeGetsAHint() {
        CliRun run = CliRun.of("status", "--store", "127.0.0.1:6390");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("did you mean redis://127.0.0.1:6390?");
    }

    @Test
    void operationsNeedASharedStore() {
        CliRun missing = CliRun.of("status", "--store", "memory");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).singleElement().asString().contains("in-memory store lives inside one process");
        assertThat(CliRun.of("open", "x", "--store", "redis://127.0.0.1:6379").errLines()).singleElement()
                .asString().contains("--for");
    }

    @Test
    void unreachableStoreIsARuntimeErrorWithoutStackTrace() throws IOException {
        String uri = "redis://127.0.0.1:" + closedPort();

        CliRun run = CliRun.of("status", "--store", uri);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("cannot reach the store " + uri);
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        CliRun run = CliRun.of("status", "--verbose", "--store", "redis://127.0.0.1:" + closedPort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines().get(0)).contains("cannot reach the store");
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void unreachableStoreFailsTheDemoAtOnce() throws IOException {
        CliRun run = CliRun.of("demo", "--store", "redis://127.0.0.1:" + closedPort());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().contains("cannot reach the store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "status", "open", "close"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: lasier " + command).contains("--store").contains("--verbose");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("demo").contains("status").contains("open").contains("close")
                .contains("2  usage error");
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
