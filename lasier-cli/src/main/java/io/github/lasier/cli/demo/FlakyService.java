package io.github.lasier.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A real HTTP service on a loopback port that plays the schedule: while healthy it answers 200 after a few
 * milliseconds; while failing it answers 500 after some tens of milliseconds, and a share of its answers come only
 * after {@code slowDelay}, later than a client waits.
 */
public final class FlakyService implements AutoCloseable {

    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BROKEN = "internal error\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Supplier<Health> health;
    private final double slowShare;
    private final long slowDelayMillis;
    private final LongAdder servedWhileFailing = new LongAdder();

    private FlakyService(HttpServer server, ExecutorService handlers, Supplier<Health> health, double slowShare,
            Duration slowDelay) {
        this.server = server;
        this.handlers = handlers;
        this.health = health;
        this.slowShare = slowShare;
        this.slowDelayMillis = slowDelay.toMillis();
    }

    /**
     * Starts the service on a free port of 127.0.0.1.
     *
     * @param health    asked at each request how to behave
     * @param slowShare share of failing answers that come late, in [0, 1]
     * @param slowDelay how late they come
     */
    public static FlakyService start(Supplier<Health> health, double slowShare, Duration slowDelay)
            throws IOException {
        // Without TCP_NODELAY small answers wait for delayed ACKs, adding ~40 ms to every healthy call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // Slow answers hold their thread; an unbounded pool keeps them from delaying the quick ones.
        ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "demo-service");
            thread.setDaemon(true);
            return thread;
        });
        FlakyService service = new FlakyService(server, handlers, health, slowShare, slowDelay);
        server.createContext("/", service::handle);
        server.setExecutor(handlers);
        server.start();
        return service;
    }

    /** Where to send requests. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/work");
    }

    /** Requests that reached the service while it was failing. */
    public long servedWhileFailing() {
        return servedWhileFailing.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (health.get() == Health.HEALTHY) {
                pause(2 + random.nextInt(14));
                respond(exchange, 200, OK);
            } else {
                servedWhileFailing.increment();
                pause(random.nextDouble() < slowShare ? slowDelayMillis : 20 + random.nextInt(60));
                respond(exchange, 500, BROKEN);
            }
        } catch (IOException clientGaveUp) {
            // A client that timed out closed the connection; nobody is left to answer.
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
