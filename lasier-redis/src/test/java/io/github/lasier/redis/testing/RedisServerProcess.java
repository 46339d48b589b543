package io.github.lasier.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process for tests: started from the PATH on a free loopback port, with no persistence,
 * and controllable like a failing server: {@link #stop()}, {@link #kill()}, {@link #freeze()} (SIGSTOP),
 * {@link #unfreeze()} (SIGCONT), {@link #restart()} on the same port (state lost, scripts flushed).
 *
 * <p>Reused by fault tests of other modules through the lasier-redis test-jar.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** The Debian package that provides the binary, named in the error when it is missing. */
    public static final String DEBIAN_PACKAGE = "redis-server";

    private static final String BINARY = "redis-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path binary;
    private final List<String> extraArguments;
    private final Path directory;
    private int port;
    private Process process;
    private boolean frozen;

    private RedisServerProcess(Path binary, List<String> extraArguments) {
        this.binary = binary;
        this.extraArguments = List.copyOf(extraArguments);
        try {
            this.directory = Files.createTempDirectory("lasier-redis-test");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for redis-server", e);
        }
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param extraArguments more {@code redis-server} options, e.g. {@code "--requirepass", "secret"}
     * @throws IllegalStateException when {@code redis-server} is not on the PATH, naming the Debian package
     */
    public static RedisServerProcess start(String... extraArguments) {
        RedisServerProcess server = new RedisServerProcess(findBinary(), Arrays.asList(extraArguments));
        server.startOnFreePort();
        return server;
    }

    /** The {@code redis-server} binary on the PATH. */
    public static Path findBinary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, BINARY);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("'" + BINARY + "' was not found on the PATH (" + path + "). The Redis "
                + "tests start a real server: install the Debian package '" + DEBIAN_PACKAGE + "' (apt-get install "
                + DEBIAN_PACKAGE + ") or put redis-server on the PATH.");
    }

    /** The loopback port the server listens on; kept across restarts. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The operating system's process id of the running server. */
    public long pid() {
        return requireProcess().pid();
    }

    /** Whether the server process is alive (a frozen server is alive). */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Whether the server is stopped with SIGSTOP. */
    public boolean isFrozen() {
        return frozen;
    }

    /** Stops the server gracefully (SIGTERM) and waits for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        unfreeze();
        process.destroy();
        awaitExit();
    }

    /** Kills the server at once (SIGKILL), as a crash. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        frozen = false;
        awaitExit();
    }

    /** Suspends the server (SIGSTOP): connections stay open and commands get no answer. */
    public void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** Resumes a frozen server (SIGCONT). Does nothing when the server is not frozen. */
    public void unfreeze() {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    /** Starts the server again on the same port after {@link #stop()} or {@link #kill()}; its data is gone. */
    public void start() {
        if (isRunning()) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        launch(port);
    }

    /** Stops the server and starts a new one on the same port: data and the script cache are gone. */
    public void restart() {
        stop();
        start();
    }

    /** Makes sure the server runs and is not frozen, as after a fault test. */
    public void ensureRunning() {
        unfreeze();
        if (!isRunning()) {
            start();
        }
    }

    /**
     * Sends one command over a new connection and returns the reply as text (see {@link RespConnection}).
     * For fixtures and checks, independent of the client under test.
     */
    public Object command(String... arguments) {
        try (RespConnection connection = connect()) {
            return connection.command(arguments);
        }
    }

    /** A raw connection to the server, for fixtures and checks independent of the client under test. */
    public RespConnection connect() {
        return RespConnection.open(port, Duration.ofSeconds(5));
    }

    /** The server's log (it logs to a file in its own temporary directory). */
    public String log() {
        try {
            return Files.readString(directory.resolve("redis.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        kill();
    }

    private void startOnFreePort() {
        IllegalStateException last = null;
        // Another process may take the free port between our probe and the server's bind: try a few ports.
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                launch(freePort());
                return;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private void launch(int onPort) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(onPort),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", directory.toString(),
                "--logfile", directory.resolve("redis.log").toString()));
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + command, e);
        }
        port = onPort;
        frozen = false;
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + " on port "
                        + port + ": " + log());
            }
            if (answersPing()) {
                return;
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
                + START_TIMEOUT + ": " + log());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[64];
            int read = socket.getInputStream().read(reply);
            // With requirepass the server answers NOAUTH: it is up all the same.
            return read > 0 && (reply[0] == '+' || reply[0] == '-');
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal(String signal) {
        long pid = pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send SIG" + signal + " to redis-server " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal, e);
        }
    }

    private Process requireProcess() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("redis-server is not running");
        }
        return process;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }
}
