package io.github.lasier.redis;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the replies of this module's scripts (see prelude.lua), for the sync and the async API alike: a list of
 * integers, then the garbage the script removed as pairs of key and what it held; or, from the strict scripts of the
 * key-value storage, a problem report naming a key, which becomes the matching storage exception.
 */
final class ScriptReply {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptReply.class);

    private ScriptReply() {
    }

    /**
     * The reply's integers. Each key the script found holding garbage, and removed, is logged once as a warning.
     *
     * @throws io.github.lasier.storage.StorageValueException when a strict script found a value that is not an integer
     * @throws RedisWrongTypeException                          when a strict script found a key of another Redis type
     */
    static long[] integers(String script, List<Object> reply) {
        if (reply == null || reply.isEmpty()) {
            throw new IllegalStateException("script " + script + " answered nothing");
        }
        Object first = reply.get(0);
        if (first instanceof String problem) {
            throw problem(script, problem, reply);
        }
        int count = 0;
        while (count < reply.size() && reply.get(count) instanceof Long) {
            count++;
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = (Long) reply.get(i);
        }
        for (int i = count; i + 1 < reply.size(); i += 2) {
            LOG.warn("Key '{}' held {} where an integer belongs; treated as absent, removed and overwritten "
                    + "(script {})", reply.get(i), reply.get(i + 1), script);
        }
        return values;
    }

    private static RuntimeException problem(String script, String problem, List<Object> reply) {
        String key = reply.size() > 1 ? String.valueOf(reply.get(1)) : null;
        switch (problem) {
            case "badvalue":
                return RedisErrors.notAnInteger(key, reply.size() > 2 ? (String) reply.get(2) : null);
            case "wrongtype":
                return new RedisWrongTypeException(key, "script " + script, null);
            default:
                return new IllegalStateException("script " + script + " answered an unknown problem: " + reply);
        }
    }
}
