package io.github.lasier.redis.testing;

import io.github.lasier.redis.RedisStorage;
import io.github.lasier.testkit.StoreUnderTest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link RedisServerProcess} before a test class and stops it after. Before each test the server is made
 * running and unfrozen again (a previous test may have stopped or frozen it) and emptied with {@code FLUSHALL}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = new RedisServerExtension();
 * ... RedisStorage.create(REDIS.server().uri()) ...
 * }</pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final String[] serverArguments;
    private RedisServerProcess server;
    private RedisStorage storage;

    /** @param serverArguments more {@code redis-server} options for this server */
    public RedisServerExtension(String... serverArguments) {
        this.serverArguments = serverArguments.clone();
    }

    /** The running server. */
    public RedisServerProcess server() {
        if (server == null) {
            throw new IllegalStateException("the redis-server starts before all tests of the class; "
                    + "register the extension on a static field");
        }
        return server;
    }

    /**
     * A storage on the server with the tests' generous command timeout ({@link TestStorages}), made on first use and
     * closed after the class; it reconnects by itself when a test restarts the server.
     */
    public RedisStorage storage() {
        if (storage == null) {
            storage = TestStorages.connect(server());
        }
        return storage;
    }

    /** {@link #storage()} as the core's behaviour suites take it, with TTLs read from the server. */
    public StoreUnderTest storeUnderTest() {
        return new StoreUnderTest(storage(), storage().async(),
                key -> ((Long) server().command("PTTL", key)) > 0);
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return server().uri();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.start(serverArguments);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.ensureRunning();
        if (!hasPassword()) {
            server.command("FLUSHALL");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (storage != null) {
            storage.close();
            storage = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private boolean hasPassword() {
        for (String argument : serverArguments) {
            if (argument.equals("--requirepass")) {
                return true;
            }
        }
        return false;
    }
}
