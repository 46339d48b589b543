package io.github.lasier.redis;

import io.lettuce.core.RedisURI;

/** Printable forms of Redis URIs for messages: never with the password. */
final class RedisUris {

    private RedisUris() {
    }

    /** Scheme, host, port and database of {@code uri}. */
    static String describe(RedisURI uri) {
        String scheme = uri.isSsl() ? "rediss://" : "redis://";
        String where = uri.getSocket() != null ? uri.getSocket() : uri.getHost() + ":" + uri.getPort();
        return scheme + where + "/" + uri.getDatabase();
    }

    /** {@code uri} with any user information masked. */
    static String withoutPassword(String uri) {
        return uri.replaceFirst("//[^/@]*@", "//***@");
    }
}
