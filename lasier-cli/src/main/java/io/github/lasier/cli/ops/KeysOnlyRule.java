package io.github.lasier.cli.ops;

import io.github.lasier.rules.Rule;

/**
 * A rule that only names a circuit's keys. The operations commands open and close circuits through the library's
 * own breaker, so they touch exactly the keys and TTLs every breaker uses, but they never record a call, so the
 * decision is never asked for.
 */
final class KeysOnlyRule implements Rule {

    private final String failureKey;
    private final String requestKey;

    /** @param requestKey {@code null} when the circuit counts no requests */
    KeysOnlyRule(String failureKey, String requestKey) {
        this.failureKey = failureKey;
        this.requestKey = requestKey;
    }

    @Override
    public String failureKey() {
        return failureKey;
    }

    @Override
    public String requestKey() {
        return requestKey;
    }

    @Override
    public boolean shouldOpen(long totalFailures, long totalRequests) {
        return false;
    }
}
