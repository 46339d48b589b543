package io.github.lasier.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Counts, from Redis's own {@code MONITOR} feed, the commands a piece of work makes the server run: those sent by
 * clients (each one a round trip) apart from those run inside Lua scripts. {@code MONITOR} slows the server down, so
 * it is only attached while counting, never while a benchmark is timed.
 *
 * @param clientCommands commands received from clients, sentinels excluded
 * @param scriptCommands commands run by scripts on the server
 */
record ServerCommandCount(long clientCommands, long scriptCommands) {

    private static final String START = "lasier-bench-count-start";
    private static final String END = "lasier-bench-count-end";

    /**
     * Runs {@code work} while monitoring the server at {@code host:port}. {@code echo} must send an {@code ECHO} of
     * its argument to that server; it marks where counting starts and ends in the feed, since the feed lags behind.
     */
    static ServerCommandCount of(String host, int port, Consumer<String> echo, Runnable work) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$7\r\nMONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader feed = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String reply = feed.readLine();
            if (!"+OK".equals(reply)) {
                throw new IOException("MONITOR answered: " + reply);
            }
            echo.accept(START);
            skipUntil(feed, START);
            work.run();
            echo.accept(END);
            long client = 0;
            long script = 0;
            for (String line = feed.readLine(); line != null; line = feed.readLine()) {
                if (line.contains(END)) {
                    return new ServerCommandCount(client, script);
                }
                // Each line reads: +<time> [<db> <client address, or "lua">] "COMMAND" "arg" ...
                if (line.contains(" lua] ")) {
                    script++;
                } else {
                    client++;
                }
            }
            throw new IOException("the MONITOR feed ended before the end marker");
        }
    }

    private static void skipUntil(BufferedReader feed, String marker) throws IOException {
        for (String line = feed.readLine(); line != null; line = feed.readLine()) {
            if (line.contains(marker)) {
                return;
            }
        }
        throw new IOException("the MONITOR feed ended before the start marker");
    }
}
