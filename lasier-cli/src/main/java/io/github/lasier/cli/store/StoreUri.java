package io.github.lasier.cli.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where circuit state lives, as given to {@code --store}: {@code memory} (this process only) or a Redis URI,
 * {@code redis://[user:password@]host[:port][/database]} or {@code rediss://...} for TLS.
 *
 * @param text     the value as given
 * @param isMemory whether this is the in-memory store
 */
public record StoreUri(String text, boolean isMemory) {

    /** The in-memory store, the default. */
    public static final StoreUri MEMORY = new StoreUri("memory", true);

    /**
     * @throws IllegalArgumentException naming the value and saying what is expected, when it is neither
     */
    public static StoreUri parse(String value) {
        String text = value.trim();
        if (text.equalsIgnoreCase("memory")) {
            return MEMORY;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(value, "not a URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw invalid(value, "expected 'memory' or a URI starting with redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(value, "no host (or an invalid one) in the URI");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.matches("/\\d*")) {
            throw invalid(value, "the path must be a database number, such as /0");
        }
        return new StoreUri(text, false);
    }

    private static IllegalArgumentException invalid(String value, String reason) {
        String hint = !value.contains("://") && value.matches("[^/@]+:\\d+") ? " (did you mean redis://" + value + "?)"
                : "";
        return new IllegalArgumentException("'" + withoutPassword(value) + "' is not a store: " + reason + hint);
    }

    @Override
    public String toString() {
        return isMemory ? text : withoutPassword(text);
    }

    /** The URI with any password masked, for messages. */
    private static String withoutPassword(String text) {
        return text.replaceFirst("(//[^/@]*?):[^/@]*@", "$1:***@");
    }
}
