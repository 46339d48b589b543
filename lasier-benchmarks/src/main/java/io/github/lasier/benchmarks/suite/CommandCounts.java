package io.github.lasier.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The command counts the Redis benchmarks append to a file, one tab-separated line per benchmark run: method,
 * threads, client commands per call and script commands per call (from {@code MONITOR}), server commands per call
 * over the trial and calls made (from {@code INFO commandstats}), and the per-command breakdown.
 */
final class CommandCounts {

    record Count(double clientPerCall, double scriptPerCall, double serverPerCall, long calls, String breakdown) {
    }

    private final Map<String, Count> byRun = new HashMap<>();

    static CommandCounts read(Path file) throws IOException {
        CommandCounts counts = new CommandCounts();
        if (!Files.exists(file)) {
            return counts;
        }
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 7) {
                throw new IOException("malformed command count line in " + file + ": " + line);
            }
            counts.byRun.put(key(fields[0], Integer.parseInt(fields[1])), new Count(Double.parseDouble(fields[2]),
                    Double.parseDouble(fields[3]), Double.parseDouble(fields[4]), Long.parseLong(fields[5]),
                    fields[6]));
        }
        return counts;
    }

    /** The count of {@code method} at {@code threads}, or {@code null} when that run wrote none. */
    Count of(String method, int threads) {
        return byRun.get(key(method, threads));
    }

    private static String key(String method, int threads) {
        return method + "@" + threads;
    }
}
