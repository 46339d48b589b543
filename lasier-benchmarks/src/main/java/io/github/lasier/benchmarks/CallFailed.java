package io.github.lasier.benchmarks;

/** The failure of a protected call in the failing-call benchmarks; shared and stackless, so it costs nothing. */
final class CallFailed extends RuntimeException {

    static final CallFailed INSTANCE = new CallFailed();

    private CallFailed() {
        super("the protected call failed", null, false, false);
    }
}
