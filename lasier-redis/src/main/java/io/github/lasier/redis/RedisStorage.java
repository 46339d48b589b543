package io.github.lasier.redis;

import io.github.lasier.storage.Storage;
import io.github.lasier.storage.StorageException;
import io.github.lasier.storage.Ttl;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.CircuitStoreProvider;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Redis as the shared {@link Storage} of circuit breakers, on Lettuce. Its keys and values are exactly Lasier's, so
 * Java services using it and Python services using Lasier with redis-py share circuits in one Redis.
 *
 * <pre>{@code
 * try (RedisStorage redis = RedisStorage.create("redis://localhost:6379/0")) {
 *     CircuitBreaker breaker = CircuitBreaker.builder()
 *             .rule(new MaxFailuresRule(5, "payments_failures"))
 *             .storage(redis)
 *             .build();
 *     breaker.execute(() -> payments.charge(order));
 * }
 * }</pre>
 *
 * <p>Breakers built on it use the fused {@link RedisCircuitStore}: every event is one Lua script, run by its SHA.
 * {@link #async()} gives the same storage, on the same connection, to {@link io.github.lasier.AsyncCircuitBreaker}.
 *
 * <p>Every command waits at most the command timeout (default {@value #DEFAULT_COMMAND_TIMEOUT_MILLIS} ms) and then
 * fails with a {@link StorageException}; no Lettuce exception type reaches callers (it is the cause). Thread-safe.
 *
 * <p>Ownership: {@link #close()} closes only what this storage opened. From a URI it creates a client and a
 * connection and closes both; from a {@link RedisClient} it opens a connection and closes that, not the client; a
 * wrapped connection is never closed by this storage.
 */
public final class RedisStorage implements Storage, CircuitStoreProvider, AutoCloseable {

    /** The default command timeout, in milliseconds. */
    public static final long DEFAULT_COMMAND_TIMEOUT_MILLIS = 100;

    /** How long creating a storage from a URI may take to connect, by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** The longest wait between two reconnect attempts of a client the storage created. */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final AsyncRedisStorage async;
    private final AsyncRedisStorage blocking;
    private final Await await;
    private final StatefulRedisConnection<String, String> ownedConnection;
    private final RedisClient ownedClient;
    private final ClientResources ownedResources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisStorage(StatefulRedisConnection<String, String> connection, long timeoutMillis, Executor completion,
            StatefulRedisConnection<String, String> ownedConnection, RedisClient ownedClient,
            ClientResources ownedResources) {
        this.await = new Await(timeoutMillis);
        CircuitScripts scripts = new CircuitScripts(connection.async());
        // The synchronous side waits on stages completed right on the I/O thread: no hop, nothing chained to stall.
        this.blocking = new AsyncRedisStorage(new RedisCommandRunner(connection, timeoutMillis, Runnable::run),
                scripts, null);
        CircuitStore circuitStore = new RedisCircuitStore(blocking.asyncCircuitStore(), await);
        this.async = new AsyncRedisStorage(new RedisCommandRunner(connection, timeoutMillis, completion), scripts,
                circuitStore);
        this.ownedConnection = ownedConnection;
        this.ownedClient = ownedClient;
        this.ownedResources = ownedResources;
    }

    /**
     * A storage on a new client and connection to {@code uri}, with the default command timeout.
     *
     * @param uri {@code redis://[[user:]password@]host[:port][/database]}, or {@code rediss://...} for TLS
     * @throws IllegalArgumentException when {@code uri} is not a Redis URI
     * @throws StorageException         when Redis cannot be reached
     */
    public static RedisStorage create(String uri) {
        return builder().uri(uri).build();
    }

    /** A storage on a new client and connection to {@code uri}, with the default command timeout. */
    public static RedisStorage create(RedisURI uri) {
        return builder().uri(uri).build();
    }

    /** A storage on a new connection of {@code client} (which stays open on close), default command timeout. */
    public static RedisStorage create(RedisClient client) {
        return builder().client(client).build();
    }

    /** A storage on {@code connection}, which its creator keeps and closes; default command timeout. */
    public static RedisStorage wrap(StatefulRedisConnection<String, String> connection) {
        return builder().connection(connection).build();
    }

    /** A builder, to set the command timeout. Give exactly one of a URI, a client or a connection. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same storage without blocking, on the same connection, for {@link io.github.lasier.AsyncCircuitBreaker}. */
    public AsyncRedisStorage async() {
        return async;
    }

    @Override
    public boolean add(String key, long value, Duration ttl) {
        return await.result(blocking.add(key, value, ttl));
    }

    @Override
    public void set(String key, long value, Duration ttl) {
        await.result(blocking.set(key, value, ttl));
    }

    @Override
    public long incr(String key) {
        return await.result(blocking.incr(key));
    }

    /** {@inheritDoc} A key that exists without expiry also gets {@code ttlIfCreated}: no counter lives forever. */
    @Override
    public long incr(String key, Duration ttlIfCreated) {
        return await.result(blocking.incr(key, ttlIfCreated));
    }

    @Override
    public OptionalLong get(String key) {
        return await.result(blocking.get(key));
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return await.result(blocking.expire(key, ttl));
    }

    @Override
    public boolean delete(String key) {
        return await.result(blocking.delete(key));
    }

    /** {@inheritDoc} Runs {@code FLUSHDB}: every key of the connection's database goes, not only Lasier's. */
    @Override
    public void flush() {
        await.result(blocking.flush());
    }

    /** The fused store for {@link io.github.lasier.CircuitBreaker}. */
    @Override
    public CircuitStore circuitStore() {
        return async.circuitStore();
    }

    /** The fused store for {@link io.github.lasier.AsyncCircuitBreaker}. */
    @Override
    public AsyncCircuitStore asyncCircuitStore() {
        return async.asyncCircuitStore();
    }

    /** Closes the connection and client this storage opened itself, if any; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (ownedConnection != null) {
                ownedConnection.close();
            }
        } finally {
            if (ownedClient != null) {
                ownedClient.shutdown();
            }
            if (ownedResources != null) {
                ownedResources.shutdown();
            }
        }
    }

    /** What lies under Lettuce's generic connection message (a refused password, a database out of range). */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
    }

    /** Builds a {@link RedisStorage}; each setter checks its value at once. */
    public static final class Builder {

        private RedisURI uri;
        private RedisClient client;
        private StatefulRedisConnection<String, String> connection;
        private long timeoutMillis = DEFAULT_COMMAND_TIMEOUT_MILLIS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Executor completionExecutor = ForkJoinPool.commonPool();

        private Builder() {
        }

        /**
         * Connect to this URI with a client of the storage's own.
         *
         * @param uri {@code redis://[[user:]password@]host[:port][/database]}, or {@code rediss://...} for TLS
         */
        public Builder uri(String uri) {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("uri must be a redis:// or rediss:// URI, got: "
                        + (uri == null ? "null" : "'" + uri + "'"));
            }
            if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
                throw new IllegalArgumentException("uri must be a redis:// or rediss:// URI, got: '"
                        + RedisUris.withoutPassword(uri) + "'");
            }
            try {
                return uri(RedisURI.create(uri));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("uri is not a valid Redis URI: '" + RedisUris.withoutPassword(uri)
                        + "': " + e.getMessage(), e);
            }
        }

        /** Connect to this URI with a client of the storage's own. */
        public Builder uri(RedisURI uri) {
            this.uri = Objects.requireNonNull(uri, "uri must not be null");
            return this;
        }

        /** Open a connection with this client; the storage closes the connection, never the client. */
        public Builder client(RedisClient client) {
            this.client = Objects.requireNonNull(client, "client must not be null");
            return this;
        }

        /** Use this connection; its creator closes it, the storage never does. */
        public Builder connection(StatefulRedisConnection<String, String> connection) {
            this.connection = Objects.requireNonNull(connection, "connection must not be null");
            return this;
        }

        /**
         * How long each of the storage's commands may take before it fails with a {@link StorageException}, so a slow
         * Redis cannot stall callers. At least 1 ms; default {@value #DEFAULT_COMMAND_TIMEOUT_MILLIS} ms.
         */
        public Builder commandTimeout(Duration commandTimeout) {
            this.timeoutMillis = Ttl.toMillis("commandTimeout", commandTimeout);
            return this;
        }

        /**
         * How long connecting (and the connection's handshake) may take for a client the storage creates from a URI,
         * so a down or frozen Redis at start-up fails {@link #build()} quickly instead of after Lettuce's minute.
         * At least 1 ms; default 2 s.
         */
        public Builder connectTimeout(Duration connectTimeout) {
            Ttl.toMillis("connectTimeout", connectTimeout);
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Where the stages of {@link RedisStorage#async()} complete, and so where code chained on them runs,
         * including the protected call an {@link io.github.lasier.AsyncCircuitBreaker} starts after its check.
         * Default: {@link ForkJoinPool#commonPool()}, so that such code never runs on a Lettuce I/O thread, where any
         * blocking (even a synchronous Redis call) would stall every command of the connection. {@code Runnable::run}
         * completes them on the I/O thread itself: one thread hop less, for code that never blocks. The synchronous
         * API does not use this executor.
         */
        public Builder completionExecutor(Executor completionExecutor) {
            this.completionExecutor = Objects.requireNonNull(completionExecutor,
                    "completionExecutor must not be null");
            return this;
        }

        /**
         * Connects (for a URI or a client) and builds the storage.
         *
         * @throws IllegalStateException unless exactly one of a URI, a client or a connection was given
         * @throws StorageException      when Redis cannot be reached
         */
        public RedisStorage build() {
            int sources = (uri != null ? 1 : 0) + (client != null ? 1 : 0) + (connection != null ? 1 : 0);
            if (sources != 1) {
                throw new IllegalStateException("give exactly one of uri(...), client(...) or connection(...), got "
                        + sources);
            }
            if (connection != null) {
                return new RedisStorage(connection, timeoutMillis, completionExecutor, null, null, null);
            }
            if (client != null) {
                StatefulRedisConnection<String, String> opened = connect(client, "the given client");
                return new RedisStorage(opened, timeoutMillis, completionExecutor, opened, null, null);
            }
            // Reconnect attempts back off to at most a second, not Lettuce's 30 s, so shared state is used again
            // within about a second of Redis returning, as the breakers' store retry interval expects.
            ClientResources resources = DefaultClientResources.builder()
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2,
                            TimeUnit.MILLISECONDS))
                    .build();
            RedisURI bounded = RedisURI.builder(uri).withTimeout(connectTimeout).build();
            RedisClient created = RedisClient.create(resources, bounded);
            // Commands fail at once while disconnected instead of queueing until their timeout; Lettuce reconnects.
            created.setOptions(ClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(timeoutMillis)))
                    .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            try {
                StatefulRedisConnection<String, String> opened = connect(created, RedisUris.describe(uri));
                return new RedisStorage(opened, timeoutMillis, completionExecutor, opened, created, resources);
            } catch (RuntimeException e) {
                created.shutdown();
                resources.shutdown();
                throw e;
            }
        }

        private static StatefulRedisConnection<String, String> connect(RedisClient client, String target) {
            try {
                return client.connect(StringCodec.UTF8);
            } catch (RuntimeException e) {
                throw new StorageException("Cannot connect to Redis at " + target + ": " + e.getMessage()
                        + rootCause(e), e);
            }
        }
    }
}
