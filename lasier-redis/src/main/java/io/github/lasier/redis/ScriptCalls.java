package io.github.lasier.redis;

import java.util.concurrent.CompletionStage;

/** Runs a script through the command runner, with its timeout and error mapping, and reads its integer reply. */
final class ScriptCalls {

    private final RedisCommandRunner redis;

    ScriptCalls(RedisCommandRunner redis) {
        this.redis = redis;
    }

    /** Runs {@code script} on {@code keys}; the first key names the event in error messages. */
    CompletionStage<long[]> run(LuaScript script, String[] keys, String... args) {
        return redis.run(script.name(), keys[0], commands -> script.run(commands, keys, args)
                .thenApply(reply -> ScriptReply.integers(script.name(), reply)));
    }
}
