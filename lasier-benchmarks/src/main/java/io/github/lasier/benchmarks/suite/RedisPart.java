package io.github.lasier.benchmarks.suite;

import java.util.List;

/** Part 3: the breakers on the Redis store, beside Lasier's command pattern on the same connection. */
final class RedisPart {

    private RedisPart() {
    }

    static void run(SuiteRun suite, String redisUri, StringBuilder report, List<Target> targets) {
        throw new UnsupportedOperationException("the Redis benchmarks need the lasier-redis module");
    }
}
