package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.storage.StorageValueException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The key-value operations, as Redis commands and values seen from the server. */
class RedisStorageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static RedisStorage storage;

    @BeforeAll
    static void connect() {
        storage = TestStorages.connect(REDIS.server());
    }

    @AfterAll
    static void disconnect() {
        storage.close();
    }

    private static Object redis(String... command) {
        return REDIS.server().command(command);
    }

    @Test
    void addStoresADecimalStringWithAMillisecondTtlOnlyWhenAbsent() {
        assertThat(storage.add("k", 7, Duration.ofMillis(5_000))).isTrue();
        assertThat(storage.add("k", 9, Duration.ofMillis(5_000))).isFalse();

        assertThat(redis("GET", "k")).isEqualTo("7");
        assertThat((Long) redis("PTTL", "k")).isBetween(1L, 5_000L).isGreaterThan(4_000L);
    }

    @Test
    void setReplacesValueAndTtlAndWithoutTtlNeverExpires() {
        storage.set("k", 1, Duration.ofSeconds(100));
        storage.set("k", -3, null);

        assertThat(redis("GET", "k")).isEqualTo("-3");
        assertThat(redis("PTTL", "k")).isEqualTo(-1L);
    }

    @Test
    void incrCountsAndReadsBack() {
        assertThat(storage.incr("k")).isEqualTo(1);
        assertThat(storage.incr("k")).isEqualTo(2);
        assertThat(storage.get("k")).isEqualTo(OptionalLong.of(2));
        assertThat(storage.get("absent")).isEmpty();
    }

    @Test
    void incrWithTtlCreatesTheKeyWithItsTtlAndKeepsTheWindowAfterwards() {
        assertThat(storage.incr("k", Duration.ofSeconds(10))).isEqualTo(1);
        redis("PEXPIRE", "k", "3000");
        assertThat(storage.incr("k", Duration.ofSeconds(10))).isEqualTo(2);

        assertThat((Long) redis("PTTL", "k")).isBetween(1L, 3_000L);
    }

    @Test
    void incrWithTtlGivesAKeyWithoutExpiryItsTtl() {
        redis("SET", "k", "4");

        assertThat(storage.incr("k", Duration.ofSeconds(10))).isEqualTo(5);
        assertThat((Long) redis("PTTL", "k")).isBetween(9_000L, 10_000L);
    }

    @Test
    void expireDeleteAndFlush() {
        assertThat(storage.expire("k", Duration.ofSeconds(1))).isFalse();
        storage.set("k", 1, null);
        assertThat(storage.expire("k", Duration.ofMillis(2_500))).isTrue();
        assertThat((Long) redis("PTTL", "k")).isBetween(1L, 2_500L);

        assertThat(storage.delete("k")).isTrue();
        assertThat(storage.delete("k")).isFalse();

        storage.set("a", 1, null);
        storage.flush();
        assertThat(redis("DBSIZE")).isEqualTo(0L);
    }

    @Test
    void garbageIsATypedErrorNamingTheKeyAndValue() {
        redis("SET", "k", "garbage");

        assertThatThrownBy(() -> storage.get("k")).isInstanceOf(StorageValueException.class)
                .hasMessageContaining("'k'").hasMessageContaining("garbage")
                .satisfies(e -> assertThat(((StorageValueException) e).key()).isEqualTo("k"));
        assertThatThrownBy(() -> storage.incr("k")).isInstanceOf(StorageValueException.class)
                .hasMessageContaining("'k'").hasMessageContaining("garbage");
        assertThatThrownBy(() -> storage.incr("k", Duration.ofSeconds(1))).isInstanceOf(StorageValueException.class)
                .hasMessageContaining("'k'").hasMessageContaining("garbage");
        assertThat(redis("GET", "k")).isEqualTo("garbage");
    }

    @Test
    void wrongRedisTypeIsATypedErrorNamingTheKey() {
        redis("HSET", "h", "field", "1");

        assertThatThrownBy(() -> storage.get("h")).isInstanceOf(RedisWrongTypeException.class)
                .hasMessageContaining("'h'");
        assertThatThrownBy(() -> storage.incr("h")).isInstanceOf(RedisWrongTypeException.class)
                .hasMessageContaining("'h'");
        assertThatThrownBy(() -> storage.incr("h", Duration.ofSeconds(1)))
                .isInstanceOf(RedisWrongTypeException.class)
                .satisfies(e -> assertThat(((RedisWrongTypeException) e).key()).isEqualTo("h"));
    }

    @Test
    void asyncViewSharesTheData() {
        AsyncRedisStorage async = storage.async();

        assertThat(async.incr("k", Duration.ofSeconds(5)).toCompletableFuture().join()).isEqualTo(1);
        assertThat(async.add("k", 5, Duration.ofSeconds(5)).toCompletableFuture().join()).isFalse();
        assertThat(async.get("k").toCompletableFuture().join()).isEqualTo(OptionalLong.of(1));
        assertThat(storage.get("k")).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void asyncFailuresAreStorageExceptionsInTheStage() {
        redis("SET", "k", "x1");

        assertThatThrownBy(() -> storage.async().get("k").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(StorageValueException.class);
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertThatThrownBy(() -> storage.add("k", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
        assertThatThrownBy(() -> storage.incr("k", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttlIfCreated");
        assertThatThrownBy(() -> storage.get("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> storage.async().expire("k", null).toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
