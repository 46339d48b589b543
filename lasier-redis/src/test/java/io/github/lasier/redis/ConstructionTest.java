package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.RespConnection;
import io.github.lasier.storage.StorageException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Building a storage from what users have, and who closes what. */
class ConstructionTest {

    private static final String PASSWORD = "s3cret-pass";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension("--requirepass", PASSWORD);

    private static String uri(String userInfoAndPath) {
        return "redis://" + userInfoAndPath.replace("HOST", "127.0.0.1:" + REDIS.server().port());
    }

    /** What database {@code db} holds at {@code key}, read with a connection of the test's own. */
    private static Object readDirectly(int db, String key) {
        try (RespConnection redis = REDIS.server().connect()) {
            redis.command("AUTH", PASSWORD);
            redis.command("SELECT", Integer.toString(db));
            return redis.command("GET", key);
        }
    }

    private static long connectedClients() {
        try (RespConnection redis = REDIS.server().connect()) {
            redis.command("AUTH", PASSWORD);
            String info = (String) redis.command("INFO", "clients");
            return info.lines().filter(line -> line.startsWith("connected_clients:"))
                    .mapToLong(line -> Long.parseLong(line.substring("connected_clients:".length()).trim()))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void aUriCarriesPasswordAndDatabase() {
        try (RedisStorage storage = RedisStorage.create(uri(":" + PASSWORD + "@HOST/3"))) {
            storage.set("in_db_3", 42, Duration.ofSeconds(30));

            assertThat(readDirectly(3, "in_db_3")).isEqualTo("42");
            assertThat(readDirectly(0, "in_db_3")).isNull();
            assertThat(storage.get("in_db_3")).isEqualTo(OptionalLong.of(42));
        }
    }

    @Test
    void aWrongPasswordIsAStorageExceptionThatDoesNotShowThePassword() {
        assertThatThrownBy(() -> RedisStorage.create(uri(":wrong-pass@HOST/0")))
                .isInstanceOf(StorageException.class).hasMessageContaining("Cannot connect to Redis at redis://127.0.0.1:")
                .hasMessageContaining("WRONGPASS")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pass"));
    }

    @Test
    void aFrozenRedisAtStartUpFailsWithinTheConnectTimeout() {
        REDIS.server().freeze();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> RedisStorage.builder().uri(uri(":" + PASSWORD + "@HOST/0"))
                    .connectTimeout(Duration.ofMillis(300)).build())
                    .isInstanceOf(StorageException.class).hasMessageContaining("Cannot connect to Redis");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not Lettuce's minute")
                    .isLessThan(Duration.ofSeconds(5));
        } finally {
            REDIS.server().unfreeze();
        }
    }

    @Test
    void aConnectTimeoutOutOfRangeIsRejectedNamingIt() {
        assertThatThrownBy(() -> RedisStorage.builder().connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }

    @Test
    void anUnreachableRedisIsAStorageException() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> RedisStorage.create("redis://127.0.0.1:" + closedPort))
                .isInstanceOf(StorageException.class).hasMessageContaining("127.0.0.1:" + closedPort);
    }

    @Test
    void badUrisAreRejectedNamingTheParameterWithoutThePassword() {
        assertThatThrownBy(() -> RedisStorage.create((String) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uri");
        assertThatThrownBy(() -> RedisStorage.create(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uri");
        assertThatThrownBy(() -> RedisStorage.create("http://user:topsecret@127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://")
                .hasMessageContaining("http://***@127.0.0.1:6379")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret"));
    }

    @Test
    void theBuilderChecksItsSettings() {
        assertThatThrownBy(() -> RedisStorage.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> RedisStorage.builder().uri(uri("HOST")).uri(RedisURI.create(uri("HOST")))
                .client(RedisClient.create()).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RedisStorage.builder().commandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> RedisStorage.builder().completionExecutor(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("completionExecutor");
    }

    @Test
    void fromAUriTheStorageClosesTheConnectionItOpened() {
        long before = connectedClients();
        RedisStorage storage = RedisStorage.create(RedisURI.builder().withHost("127.0.0.1")
                .withPort(REDIS.server().port()).withPassword(PASSWORD.toCharArray()).build());
        storage.set("k", 1, Duration.ofSeconds(5));
        assertThat(connectedClients()).isEqualTo(before + 1);

        storage.close();
        storage.close();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> connectedClients() == before);
    }

    @Test
    void fromAClientTheStorageClosesItsConnectionButNotTheClient() {
        RedisClient client = RedisClient.create(RedisURI.create(uri(":" + PASSWORD + "@HOST/0")));
        try {
            try (RedisStorage storage = RedisStorage.create(client)) {
                storage.set("from_client", 7, Duration.ofSeconds(30));
            }
            try (StatefulRedisConnection<String, String> stillUsable = client.connect(StringCodec.UTF8)) {
                assertThat(stillUsable.sync().get("from_client")).isEqualTo("7");
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aWrappedConnectionStaysOpenForItsCreator() {
        RedisClient client = RedisClient.create(RedisURI.create(uri(":" + PASSWORD + "@HOST/0")));
        try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8)) {
            try (RedisStorage storage = RedisStorage.wrap(connection)) {
                assertThat(storage.incr("wrapped", Duration.ofSeconds(30))).isEqualTo(1);
            }
            assertThat(connection.isOpen()).isTrue();
            assertThat(connection.sync().get("wrapped")).isEqualTo("1");
        } finally {
            client.shutdown();
        }
    }
}
