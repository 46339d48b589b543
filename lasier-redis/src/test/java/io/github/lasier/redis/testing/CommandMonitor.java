package io.github.lasier.redis.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts the commands clients send to a server, from the server's own records: the {@code MONITOR} feed tells the
 * commands clients sent apart from those run inside scripts (tagged {@code lua}), and {@code total_commands_processed}
 * of {@code INFO stats}, which counts both, cross-checks the feed. The monitor's own commands are left out.
 */
public final class CommandMonitor implements AutoCloseable {

    private final RespConnection feed;
    private final RespConnection control;
    private final String controlAddress;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();
    private long statsMark;

    /** Starts monitoring {@code server}. */
    public CommandMonitor(RedisServerProcess server) {
        this.control = server.connect();
        this.controlAddress = field((String) control.command("CLIENT", "INFO"), "addr");
        this.feed = RespConnection.open(server.port(), Duration.ofMinutes(10));
        this.feed.command("MONITOR");
        this.reader = new Thread(this::readFeed, "redis-monitor-" + server.port());
        this.reader.setDaemon(true);
        this.reader.start();
        mark();
    }

    /** Client commands and script commands since the last mark, checked against INFO stats. */
    public Counts countSinceMark() {
        String token = "mark-" + UUID.randomUUID();
        control.command("ECHO", token);
        List<String> seen = awaitLine(token);
        long statsNow = totalCommandsProcessed();
        long clientCommands = 0;
        long scriptCommands = 0;
        for (String line : seen) {
            String source = line.substring(line.indexOf('[') + 1, line.indexOf(']'));
            if (source.endsWith(" lua")) {
                scriptCommands++;
            } else if (!source.endsWith(" " + controlAddress)) {
                clientCommands++;
            }
        }
        // INFO stats counts every command run; the control connection's own: ECHO, then the INFO being answered.
        long statsDelta = statsNow - statsMark - 2;
        statsMark = statsNow;
        return new Counts(clientCommands, scriptCommands, statsDelta);
    }

    /** Resets the server's statistics (CONFIG RESETSTAT), then marks. */
    public void resetStats() {
        control.command("CONFIG", "RESETSTAT");
        mark();
    }

    /**
     * Calls per command by {@code INFO commandstats} since the statistics were last reset, e.g.
     * {@code evalsha=200}; commands run inside scripts are counted too.
     */
    public Map<String, Long> callsPerCommand() {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : ((String) control.command("INFO", "commandstats")).split("\r\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (field.startsWith("calls=")) {
                        calls.put(name, Long.parseLong(field.substring("calls=".length())));
                    }
                }
            }
        }
        return calls;
    }

    /** Forgets what was seen so far. */
    public void mark() {
        countSinceMark();
    }

    /**
     * What the server ran between two marks.
     *
     * @param clientCommands commands sent by clients other than the monitor (each one a round trip)
     * @param scriptCommands commands run inside scripts
     * @param infoStatsTotal the same interval by {@code total_commands_processed}, to cross-check the feed
     */
    public record Counts(long clientCommands, long scriptCommands, long infoStatsTotal) {
    }

    private List<String> awaitLine(String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (lines) {
            while (true) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("\"" + token + "\"")) {
                        List<String> before = new ArrayList<>(lines.subList(0, i + 1));
                        lines.subList(0, i + 1).clear();
                        return before;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("MONITOR did not show " + token + " within 30 s");
                }
                try {
                    lines.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while reading MONITOR", e);
                }
            }
        }
    }

    private void readFeed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Object line = feed.read();
                synchronized (lines) {
                    lines.add(String.valueOf(line));
                    lines.notifyAll();
                }
            }
        } catch (RuntimeException closed) {
            // The feed ends when the monitor is closed or the server stops.
        }
    }

    private long totalCommandsProcessed() {
        return Long.parseLong(field((String) control.command("INFO", "stats"), "total_commands_processed"));
    }

    private static String field(String text, String name) {
        for (String part : text.split("[\r\n ]+")) {
            int separator = part.indexOf(name.equals("addr") ? '=' : ':');
            if (separator > 0 && part.substring(0, separator).equals(name)) {
                return part.substring(separator + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " in: " + text);
    }

    @Override
    public void close() {
        reader.interrupt();
        feed.close();
        control.close();
    }
}
