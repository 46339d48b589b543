package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.CircuitOpenException;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.MaxFailuresRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A second JVM, started with the test classpath, shares the circuit with this one through Redis. */
class SecondJvmTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisStorage storage;
    private CircuitBreaker breaker;

    @BeforeEach
    void connect() {
        storage = TestStorages.connect(REDIS.server());
        breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(3, "jvm_failures")).storage(storage).build();
    }

    @AfterEach
    void disconnect() {
        storage.close();
    }

    private void failHere() {
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("down");
        })).isInstanceOf(IOException.class);
    }

    /** Runs {@link SecondInstanceMain} in a new JVM and answers its lines. */
    private static List<String> otherJvm(int failingCalls) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", SecondInstanceMain.class.getName(),
                REDIS.uri(), "3", Integer.toString(failingCalls)).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the second JVM did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("second JVM output: %s", output).isZero();
        return output.lines().toList();
    }

    @Test
    void failuresOfBothJvmsCountTogetherAndTheOtherJvmOpensForThisOne() throws Exception {
        failHere();
        failHere();

        assertThat(otherJvm(2)).containsExactly("OPENED", "REJECTED");

        assertThatThrownBy(() -> breaker.execute(() -> "never")).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void thisJvmOpensAndTheOtherRejects() throws Exception {
        assertThat(otherJvm(1)).containsExactly("FAILED");
        failHere();
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("third");
        })).isInstanceOf(CircuitOpenException.class);

        assertThat(otherJvm(2)).containsExactly("REJECTED", "REJECTED");
    }
}
