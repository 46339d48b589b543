package io.github.lasier.redis.testing;

import io.github.lasier.redis.RedisStorage;
import java.time.Duration;

/** Storages for tests on a busy machine: a command timeout generous enough that only a real fault trips it. */
public final class TestStorages {

    /** The command timeout of test storages. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private TestStorages() {
    }

    /** A storage with its own client and connection to {@code server}. */
    public static RedisStorage connect(RedisServerProcess server) {
        return RedisStorage.builder().uri(server.uri()).commandTimeout(COMMAND_TIMEOUT).build();
    }
}
