package io.github.lasier.cli.demo;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One call to the service through a breaker, the same for the sync and the async breaker: the stage completes
 * normally on success, and fails with what the breaker let through (the call's failure or the breaker's rejection).
 */
public interface GuardedCall {

    /** Makes one call. The sync variant has finished when this returns. */
    CompletionStage<Void> call();

    /** Asks the store whether the circuit is open. */
    boolean isOpen();

    /** Whether {@link #call()} blocks its thread for the whole call. */
    boolean blocks();

    /** Opens {@code connections} connections to the service and calls it a few times, bypassing the breaker. */
    void warmUp(int connections);

    /** Calls through a {@link CircuitBreaker} with the blocking client API. */
    static GuardedCall sync(CircuitBreaker breaker, HttpClient http, URI uri, Duration requestTimeout) {
        HttpRequest request = request(uri, requestTimeout);
        return new GuardedCall() {
            @Override
            public CompletionStage<Void> call() {
                try {
                    breaker.run(() -> ServerErrorException.check(
                            http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
                    return CompletableFuture.completedFuture(null);
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public boolean isOpen() {
                return breaker.isOpen();
            }

            @Override
            public boolean blocks() {
                return true;
            }

            @Override
            public void warmUp(int connections) {
                GuardedCall.warmUp(http, uri, connections);
            }
        };
    }

    /** Calls through an {@link AsyncCircuitBreaker} with the asynchronous client API. */
    static GuardedCall async(AsyncCircuitBreaker breaker, HttpClient http, URI uri, Duration requestTimeout) {
        HttpRequest request = request(uri, requestTimeout);
        return new GuardedCall() {
            @Override
            public CompletionStage<Void> call() {
                try {
                    return breaker.execute(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                            .thenAccept(response -> ServerErrorException.check(response.statusCode())));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public boolean isOpen() {
                return breaker.isOpen().toCompletableFuture().join();
            }

            @Override
            public boolean blocks() {
                return false;
            }

            @Override
            public void warmUp(int connections) {
                GuardedCall.warmUp(http, uri, connections);
            }
        };
    }

    private static void warmUp(HttpClient http, URI uri, int connections) {
        HttpRequest request = request(uri, Duration.ofSeconds(5));
        for (int round = 0; round < 3; round++) {
            CompletableFuture.allOf(java.util.stream.IntStream.range(0, connections)
                    .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                            .exceptionally(failed -> null))
                    .toArray(CompletableFuture[]::new)).join();
        }
    }

    private static HttpRequest request(URI uri, Duration requestTimeout) {
        // The timeout is what turns a slow answer into a failure the breaker counts.
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    }
}
