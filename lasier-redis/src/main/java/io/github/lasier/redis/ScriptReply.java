package io.github.lasier.redis;

import java.util.List;

/**
 * Reads the replies of this module's scripts: a list of integers, or a problem report naming a key (see
 * prelude.lua), which becomes the matching storage exception.
 */
final class ScriptReply {

    private ScriptReply() {
    }

    /**
     * The reply's integers.
     *
     * @throws io.github.lasier.storage.StorageValueException when the script found a value that is not an integer
     * @throws RedisWrongTypeException                          when the script found a key of another Redis type
     */
    static long[] integers(String script, List<Object> reply) {
        if (reply == null || reply.isEmpty()) {
            throw new IllegalStateException("script " + script + " answered nothing");
        }
        Object first = reply.get(0);
        if (first instanceof String problem) {
            throw problem(script, problem, reply);
        }
        long[] values = new long[reply.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (Long) reply.get(i);
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
