package io.github.lasier.cli;

import static io.github.lasier.cli.JsonFields.number;
import static io.github.lasier.cli.JsonFields.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.redis.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tool as users run it: {@code java -jar lasier.jar} and the {@code ./lasier} launcher, in child
 * processes, with real exit codes and streams.
 */
class LasierJarIT {

    private static final Path JAR = Path.of(System.getProperty("lasier.jar", "target/lasier.jar"));
    private static final Path LAUNCHER = Path.of(System.getProperty("lasier.launcher", "../lasier"));

    @TempDir
    Path dir;

    /** A finished child process. */
    record Result(int exitCode, String out, String err) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        return waitFor(start(command, "child"));
    }

    private Process start(List<String> command, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        // The launcher must not rebuild inside the build.
        builder.environment().put("LASIER_SKIP_BUILD", "1");
        builder.environment().remove("LASIER_STORE");
        Process process = builder.start();
        processNames.put(process, name);
        return process;
    }

    private final java.util.Map<Process, String> processNames = new java.util.HashMap<>();

    private Result waitFor(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child process did not finish in 90 s");
        }
        String name = processNames.get(process);
        return new Result(process.exitValue(), Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    private static List<String> jar(String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void exitCodesOfTheRealProcess() throws Exception {
        Result unknown = run(jar("frobnicate"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().contains("unknown command 'frobnicate'");

        Result badDuration = run(jar("open", "x", "--for", "soon", "--store", "redis://127.0.0.1:6379"));
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.err().lines()).singleElement().asString().contains("--for").contains("'soon'");

        Result unreachable = run(jar("status", "--store",
                "redis://127.0.0.1:" + ErrorsAndExitCodesTest.closedPort()));
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err().lines()).singleElement().asString().contains("cannot reach the store");

        Result help = run(jar("demo", "--help"));
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: lasier demo");
    }

    @Test
    void launcherRunsTheJarFromAnyDirectory() throws Exception {
        ProcessBuilder check = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(), "--version");
        check.directory(dir.toFile());
        Result version = run(List.of(LAUNCHER.toAbsolutePath().toString(), "--version"));
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("lasier ");

        Result unknown = run(List.of(LAUNCHER.toAbsolutePath().toString(), "demo", "--nope"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().contains("unknown option '--nope'");
    }

    /**
     * Two demos in two processes share one circuit in Redis. The first plays a failing phase and trips the circuit;
     * the second only ever talks to a healthy service of its own, yet it is rejected: it saw the open circuit in the
     * shared store, not a failure.
     */
    @Test
    void twoDemosShareOneCircuitThroughRedis() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(new String[0])) {
            Path tripping = dir.resolve("tripping.json");
            Path bystander = dir.resolve("bystander.json");
            Process first = start(jar("demo", "--store", redis.uri(), "--circuit", "shared_demo",
                    "--schedule", "healthy:2s,failing:4s,healthy:3s", "--circuit-timeout", "2s",
                    "--max-failures", "5", "--concurrency", "4", "--json-summary", tripping.toString()), "first");
            Process second = start(jar("demo", "--store", redis.uri(), "--circuit", "shared_demo",
                    "--schedule", "healthy:9s", "--circuit-timeout", "2s", "--max-failures", "5",
                    "--concurrency", "4", "--json-summary", bystander.toString()), "second");

            Result firstResult = waitFor(first);
            Result secondResult = waitFor(second);

            assertThat(firstResult.exitCode()).as(firstResult.err()).isZero();
            assertThat(secondResult.exitCode()).as(secondResult.err()).isZero();
            String trippingJson = Files.readString(tripping);
            String bystanderJson = Files.readString(bystander);
            assertThat(number(trippingJson, "opensCausedHere")).isPositive();
            assertThat(number(bystanderJson, "failures")).isZero();
            assertThat(number(bystanderJson, "opensCausedHere")).isZero();
            assertThat(number(bystanderJson, "rejections")).isPositive();
            assertThat(numbers(bystanderJson, "openedAtSeconds")).isNotEmpty();
            assertThat(secondResult.out()).contains("another instance sharing the store")
                    .doesNotContain("\033");
        }
    }
}
