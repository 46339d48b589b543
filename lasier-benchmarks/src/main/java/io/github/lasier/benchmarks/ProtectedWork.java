package io.github.lasier.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The call every breaker protects: a little CPU work the JIT cannot fold away, and a result that allocates nothing,
 * so that whatever a benchmark allocates or spends beyond {@code baseline} is the breaker's.
 */
final class ProtectedWork {

    /** Enough work to look like a call (tens of ns), small enough that the breaker's cost stays visible. */
    static final long TOKENS = 16;

    static final Object RESULT = "ok";

    /** An already completed stage, shared, so the async breakers measure their own stages only. */
    static final CompletableFuture<Object> COMPLETED = CompletableFuture.completedFuture(RESULT);

    private ProtectedWork() {
    }

    static Object call() {
        Blackhole.consumeCPU(TOKENS);
        return RESULT;
    }

    static CompletionStage<Object> callAsync() {
        Blackhole.consumeCPU(TOKENS);
        return COMPLETED;
    }
}
