package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.rules.SlowCallRule;
import io.github.lasier.storage.InMemoryStorage;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The README's examples, as written there, so they keep compiling and doing what the README says. */
class ReadmeExamplesTest {

    private int charges;

    private String charge() throws IOException {
        charges++;
        throw new IOException("payment service down");
    }

    @Test
    void synchronousQuickStart() {
        InMemoryStorage storage = new InMemoryStorage();
        CircuitBreaker breaker = CircuitBreaker.builder()
                .rule(new MaxFailuresRule(5, "payments_failures"))
                .storage(storage)
                .failureTimeout(Duration.ofSeconds(60))
                .circuitTimeout(Duration.ofSeconds(30))
                .catchExceptions(IOException.class)
                .build();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> breaker.execute(this::charge)).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> breaker.execute(this::charge)).isInstanceOf(CircuitOpenException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> breaker.execute(this::charge)).isInstanceOf(CircuitOpenException.class)
                .hasMessageMatching("Circuit 'payments_failures' is open for (29\\d{3}|30000) ms").hasNoCause();
        assertThat(charges).isEqualTo(5);
    }

    @Test
    void asynchronousQuickStart() {
        InMemoryStorage storage = new InMemoryStorage();
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder()
                .rule(new PercentageFailuresRule(50, "search_failures", 20, "search_requests"))
                .storage(storage.async())
                .build();
        CompletionStage<String> results = breaker.execute(() -> CompletableFuture.completedFuture("results"));
        assertThat(results.toCompletableFuture().join()).isEqualTo("results");
        assertThat(storage.get("search_requests")).hasValue(1);
    }

    @Test
    void permissionApi() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(1, "jobs_failures"))
                .storage(new InMemoryStorage()).build();
        Permit permit = breaker.acquirePermission();
        IOException failure = new IOException("x");
        assertThatThrownBy(() -> breaker.onError(permit, failure)).isInstanceOf(CircuitOpenException.class).hasCause(failure);
        assertThatThrownBy(breaker::acquirePermission).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void customRule() throws Exception {
        Rule halfOfTen = new Rule() {
            public String failureKey() { return "inventory_failures"; }
            public String requestKey() { return "inventory_requests"; }
            public boolean shouldOpen(long failures, long requests) { return requests >= 10 && failures * 2 >= requests; }
        };
        CircuitBreaker breaker = CircuitBreaker.builder().rule(halfOfTen).storage(new InMemoryStorage()).build();
        for (int i = 0; i < 5; i++) {
            breaker.execute(() -> "ok");
        }
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> breaker.execute(() -> {
                throw new IOException("x");
            })).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> breaker.execute(() -> {
            throw new IOException("10th call, 5th failure");
        })).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void rulesBeyondLasier() {
        Rule consecutive = new ConsecutiveFailuresRule(5, "inventory_failures");
        Rule window = new SlidingWindowRule(50, 20, Duration.ofSeconds(10), Duration.ofSeconds(1), "search_failures",
                "search_requests");
        Rule slow = new SlowCallRule(new MaxFailuresRule(5, "ledger_failures"), Duration.ofSeconds(2));
        for (Rule rule : new Rule[] {consecutive, window, slow}) {
            assertThat(CircuitBreaker.builder().rule(rule).storage(new InMemoryStorage()).build().isOpen()).isFalse();
        }
    }

    /** Stands in for an HTTP response in the README's failing-result example. */
    private record Response(int statusCode) {
    }

    @Test
    void failingResults() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        CircuitBreaker breaker = CircuitBreaker.builder()
                .rule(new ConsecutiveFailuresRule(3, "catalog_failures"))
                .storage(storage)
                .failureResult(result -> result instanceof Response r && r.statusCode() == 503)
                .build();
        Response response = breaker.execute(() -> new Response(503));
        assertThat(response.statusCode()).as("503s are still returned").isEqualTo(503);
        assertThat(storage.get("catalog_failures")).hasValue(1);
    }

    @Test
    void halfOpenProbing() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        CircuitBreaker breaker = CircuitBreaker.builder()
                .rule(new MaxFailuresRule(5, "payments_failures"))
                .storage(storage)
                .circuitTimeout(Duration.ofSeconds(30))
                .halfOpen(2)
                .build();
        breaker.open();
        storage.delete("circuit_payments_failures"); // the open period ends
        Permit first = breaker.acquirePermission();
        Permit second = breaker.acquirePermission();
        assertThat(first.isProbe()).isTrue();
        assertThat(second.isProbe()).isTrue();
        assertThatThrownBy(breaker::acquirePermission).isInstanceOf(CircuitOpenException.class);
        breaker.onResult(first, "ok");
        breaker.onSuccess(second);
        assertThat(breaker.acquirePermission().isProbe()).as("closed after both probes succeeded").isFalse();
    }

    /** The README's permission-API snippet, as a framework would wrap a call with it. */
    private static Object throughPermissionApi(CircuitBreaker breaker, CheckedSupplier<Object, Exception> call)
            throws Exception {
        Permit permit = breaker.acquirePermission();
        Object result;
        try {
            result = call.get();
        } catch (Exception e) {
            breaker.onError(permit, e);
            throw e;
        }
        breaker.onResult(permit, result);
        return result;
    }

    @Test
    void permissionApiSnippetRecordsEachCallOnceAndNeverCountsAThrowingPredicate() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        IllegalStateException bug = new IllegalStateException("predicate bug");
        CircuitBreaker breaker = CircuitBreaker.builder().rule(new MaxFailuresRule(2, "framework_failures"))
                .storage(storage).failureResult(result -> {
                    if ("bad".equals(result)) {
                        throw bug;
                    }
                    return "503".equals(result);
                }).build();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> throughPermissionApi(breaker, () -> "bad")).isSameAs(bug);
        }
        assertThat(storage.get("framework_failures")).as("a throwing predicate records nothing").isEmpty();
        assertThat(throughPermissionApi(breaker, () -> "503")).isEqualTo("503");
        assertThatThrownBy(() -> throughPermissionApi(breaker, () -> "503")).isInstanceOf(CircuitOpenException.class)
                .hasCauseInstanceOf(FailedResultException.class);
    }
}
