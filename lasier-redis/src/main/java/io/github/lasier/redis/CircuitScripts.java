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
    /** A sliding window's request and failure paths, fused; the failure path answers the window's totals. */
    final LuaScript recordSliding;
    /** Sets the open flag and deletes the counters; with half-open, starts a new round. */
    final LuaScript open;
    /** Deletes every key of a sliding window's circuit, whose bucket keys only the server's clock can tell. */
    final LuaScript close;
    /** Whether a call of a half-open circuit may run: takes a probe lease when one is free. */
    final LuaScript acquireProbe;
    /** Applies a probe's report: counts a success, closes, reopens or releases the lease. */
    final LuaScript reportProbe;
    /** INCR that gives a created key its TTL. */
    final LuaScript incr;

    CircuitScripts(RedisAsyncCommands<String, String> commands) {
        this.check = LuaScript.load("check", commands);
        this.recordRequest = LuaScript.load("record-request", commands);
        this.recordFailure = LuaScript.load("record-failure", commands);
        this.recordSliding = LuaScript.load("record-sliding", commands);
        this.open = LuaScript.load("open", commands);
        this.close = LuaScript.load("close", commands);
        this.acquireProbe = LuaScript.load("acquire-probe", commands);
        this.reportProbe = LuaScript.load("report-probe", commands);
        this.incr = LuaScript.load("incr", commands);
    }
}
