package io.github.lasier.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script of this module: run by its SHA (EVALSHA), and sent whole (EVAL, which also caches it again) only
 * when the server answers NOSCRIPT, as after a restart or SCRIPT FLUSH. So a script costs one round trip, and one
 * more once per server cache loss.
 */
final class LuaScript {

    private static final String PRELUDE = resource("prelude.lua");

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source, String sha) {
        this.name = name;
        this.source = source;
        this.sha = sha;
    }

    /** The script in resource {@code <name>.lua}, after the shared helpers. */
    static LuaScript load(String name, RedisAsyncCommands<String, String> commands) {
        String source = PRELUDE + resource(name + ".lua");
        return new LuaScript(name, source, commands.digest(source));
    }

    /** The script's name, for messages. */
    String name() {
        return name;
    }

    /** The SHA-1 digest Redis knows the script by. */
    String sha() {
        return sha;
    }

    /** Runs the script; the stage fails with Lettuce's exception when Redis does (mapped by the caller). */
    CompletionStage<List<Object>> run(RedisAsyncCommands<String, String> commands, String[] keys, String... args) {
        CompletionStage<List<Object>> bySha = commands.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        return bySha.exceptionallyCompose(thrown -> RedisErrors.unwrap(thrown) instanceof RedisNoScriptException
                ? commands.<List<Object>>eval(source, ScriptOutputType.MULTI, keys, args)
                : CompletableFuture.failedFuture(thrown));
    }

    private static String resource(String fileName) {
        try (InputStream in = LuaScript.class.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("Lua script resource missing: " + fileName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua script resource " + fileName, e);
        }
    }
}
