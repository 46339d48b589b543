package io.github.lasier.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;

/** The scripts of this module, digested once per storage; see the {@code .lua} resources beside this class. */
final class CircuitScripts {

    /** Whether a circuit is open and for how long. */
    final LuaScript check;
    /** Lasier's request path, fused. */
    final LuaScript recordRequest;
    /** Lasier's failure path, fused, answering the totals. */
    final LuaScript recordFailure;
    /** Sets the open flag and deletes the counters. */
    final LuaScript open;
    /** INCR that gives a created key its TTL. */
    final LuaScript incr;

    CircuitScripts(RedisAsyncCommands<String, String> commands) {
        this.check = LuaScript.load("check", commands);
        this.recordRequest = LuaScript.load("record-request", commands);
        this.recordFailure = LuaScript.load("record-failure", commands);
        this.open = LuaScript.load("open", commands);
        this.incr = LuaScript.load("incr", commands);
    }
}
