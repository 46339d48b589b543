package io.github.lasier.cli.store;

import io.github.lasier.cli.CliException;
import io.github.lasier.redis.RedisStorage;
import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.Storage;
import io.github.lasier.storage.StorageException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A Redis store: one Lettuce connection, shared by the library's {@link RedisStorage} (what breakers and the
 * operations use) and by the inspector, which reads what the storage SPI does not offer: SCAN for keys and PTTL for
 * their time to live.
 */
public final class RedisConnection implements StoreConnection, StoreInspector {

    /** How long a command may take. Generous for loopback, short enough that a stuck server shows quickly. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final StoreUri uri;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisStorage storage;

    private RedisConnection(StoreUri uri, RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.uri = uri;
        this.client = client;
        this.connection = connection;
        this.storage = RedisStorage.builder().connection(connection).commandTimeout(COMMAND_TIMEOUT).build();
    }

    /**
     * @throws CliException naming the URI when Redis cannot be reached
     */
    static RedisConnection open(StoreUri uri) {
        RedisURI redisUri;
        try {
            redisUri = RedisURI.create(uri.text());
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid store URI " + uri + ": " + e.getMessage(), e);
        }
        // The handshake after connecting waits for the URI's timeout (a minute by default): a frozen Redis would hang.
        redisUri.setTimeout(CONNECT_TIMEOUT);
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                // While disconnected, commands fail at once instead of queueing; Lettuce reconnects meanwhile.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            return new RedisConnection(uri, client, client.connect(StringCodec.UTF8));
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw new CliException("cannot reach the store " + uri + ": " + rootMessage(e), e);
        }
    }

    @Override
    public StoreUri uri() {
        return uri;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public AsyncStorage asyncStorage() {
        return storage.async();
    }

    @Override
    public StoreInspector inspector() {
        return this;
    }

    @Override
    public List<String> keysStartingWith(String prefix) {
        RedisCommands<String, String> commands = commands("SCAN");
        ScanArgs args = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(1000);
        List<String> keys = new ArrayList<>();
        try {
            KeyScanCursor<String> cursor = commands.scan(args);
            keys.addAll(cursor.getKeys());
            while (!cursor.isFinished()) {
                cursor = commands.scan(ScanCursor.of(cursor.getCursor()), args);
                keys.addAll(cursor.getKeys());
            }
        } catch (RuntimeException e) {
            throw failed("SCAN", prefix + "*", e);
        }
        // SCAN may return a key more than once.
        return keys.stream().distinct().sorted().toList();
    }

    @Override
    public Optional<KeyState> read(String key) {
        RedisCommands<String, String> commands = commands("GET");
        try {
            String value = valueOrType(commands, key);
            if (value == null) {
                return Optional.empty();
            }
            long ttl = commands.pttl(key);
            // -2: the key expired between the two commands.
            if (ttl == -2) {
                return Optional.empty();
            }
            return Optional.of(new KeyState(key, value, ttl < 0 ? KeyState.NO_EXPIRY : ttl));
        } catch (RuntimeException e) {
            throw failed("GET/PTTL", key, e);
        }
    }

    @Override
    public long countExisting(Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        RedisCommands<String, String> commands = commands("EXISTS");
        try {
            return commands.exists(keys.toArray(new String[0]));
        } catch (RuntimeException e) {
            throw failed("EXISTS", keys.iterator().next() + " and " + (keys.size() - 1) + " more", e);
        }
    }

    /**
     * The key's string value, or a description of what it holds when it is of another Redis type: garbage to
     * report, not a reason to fail the whole listing (closing it deletes it).
     */
    private static String valueOrType(RedisCommands<String, String> commands, String key) {
        try {
            return commands.get(key);
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("WRONGTYPE")) {
                throw e;
            }
            return "(a Redis " + commands.type(key) + ", not a number)";
        }
    }

    private RedisCommands<String, String> commands(String operation) {
        if (!connection.isOpen()) {
            throw new StorageException("Redis " + operation + " failed: not connected to " + uri);
        }
        return connection.sync();
    }

    private StorageException failed(String operation, String key, RuntimeException e) {
        if (e instanceof StorageException storageException) {
            return storageException;
        }
        return new StorageException("Redis " + operation + " on '" + key + "' at " + uri + " failed: "
                + rootMessage(e), e);
    }

    /** {@code text} with Redis glob characters escaped, so it matches only itself. */
    static String globEscape(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
