package io.github.lasier.redis;

import io.github.lasier.redis.testing.RedisServerProcess;
import io.github.lasier.redis.testing.RespConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Finds keys that would live forever, by SCAN and PTTL on the server. */
final class KeyHygiene {

    private KeyHygiene() {
    }

    /** Every key of database 0 whose PTTL is -1 (no expiry). */
    @SuppressWarnings("unchecked")
    static List<String> keysWithoutTtl(RedisServerProcess server) {
        List<String> found = new ArrayList<>();
        try (RespConnection redis = RespConnection.open(server.port(), Duration.ofSeconds(5))) {
            String cursor = "0";
            do {
                List<Object> page = (List<Object>) redis.command("SCAN", cursor, "COUNT", "100");
                cursor = (String) page.get(0);
                for (Object key : (List<Object>) page.get(1)) {
                    if ((Long) redis.command("PTTL", (String) key) == -1L) {
                        found.add((String) key);
                    }
                }
            } while (!cursor.equals("0"));
        }
        return found;
    }

    /** How many keys database 0 holds. */
    static long keyCount(RedisServerProcess server) {
        return (Long) server.command("DBSIZE");
    }
}
