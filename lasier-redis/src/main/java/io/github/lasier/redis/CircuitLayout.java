package io.github.lasier.redis;

import io.github.lasier.rules.Counting;
import io.github.lasier.store.Circuit;

/**
 * The keys and arguments by which the scripts that open or close a circuit (open, close, report-probe) receive it:
 * see {@code circuit()} in prelude.lua, which reads them back.
 */
final class CircuitLayout {

    private static final String NONE = "0";

    private CircuitLayout() {
    }

    /**
     * The flag, the failure counter, the request counter when counted, then with half-open the marker, the successes
     * and every lease. Except for a sliding window's counters (prefixes of their buckets' keys), these are every key
     * the circuit has, so closing it is one DEL of them.
     */
    static String[] keys(Circuit circuit) {
        int counters = counters(circuit);
        String[] keys = new String[1 + counters + (circuit.hasHalfOpen() ? 2 + circuit.probeKeyCount() : 0)];
        keys[0] = circuit.openKey();
        keys[1] = circuit.failureKey();
        if (counters == 2) {
            keys[2] = circuit.requestKey();
        }
        if (circuit.hasHalfOpen()) {
            int marker = 1 + counters;
            keys[marker] = circuit.halfOpenKey();
            keys[marker + 1] = circuit.probeSuccessesKey();
            for (int i = 0; i < circuit.probeKeyCount(); i++) {
                keys[marker + 2 + i] = circuit.probeKey(i);
            }
        }
        return keys;
    }

    /**
     * How many counters there are (1 or 2), a sliding window's bucket in ms and number of buckets (0 otherwise), the
     * circuit timeout in ms and the half-open marker's TTL at opening (0 without half-open); then {@code own}, the
     * script's own arguments.
     */
    static String[] arguments(Circuit circuit, String... own) {
        Counting counting = circuit.counting();
        String[] arguments = new String[5 + own.length];
        arguments[0] = Integer.toString(counters(circuit));
        arguments[1] = Long.toString(counting.bucketMillis());
        arguments[2] = Integer.toString(counting.buckets());
        arguments[3] = Long.toString(circuit.circuitTimeoutMillis());
        arguments[4] = circuit.hasHalfOpen() ? Long.toString(circuit.halfOpenMillisAtOpen()) : NONE;
        System.arraycopy(own, 0, arguments, 5, own.length);
        return arguments;
    }

    /** The flag, the half-open marker and every lease: what a call asking for a probe reads. */
    static String[] probeKeys(Circuit circuit) {
        String[] keys = new String[2 + circuit.probeKeyCount()];
        keys[0] = circuit.openKey();
        keys[1] = circuit.halfOpenKey();
        for (int i = 0; i < circuit.probeKeyCount(); i++) {
            keys[2 + i] = circuit.probeKey(i);
        }
        return keys;
    }

    /** The flag, the failure counter and the request counter: a sliding window's counters are both kept. */
    static String[] slidingKeys(Circuit circuit) {
        return new String[] {circuit.openKey(), circuit.failureKey(), circuit.requestKey()};
    }

    private static int counters(Circuit circuit) {
        return circuit.countsRequests() ? 2 : 1;
    }
}
