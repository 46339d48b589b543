package io.github.lasier.cli.demo;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.Permit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One call to the service through a breaker, the same for the sync and the async breaker. Both go through the
 * breaker's permission API (acquire a permit, call, hand the permit back with the outcome), which is what
 * {@code execute} does inside, so that the demo also learns whether the call ran as a half-open probe.
 */
public interface GuardedCall {

    /**
     * How one call ended.
     *
     * @param thrown what the breaker let through (the call's failure, or the breaker's rejection or exception),
     *               {@code null} on success
     * @param probe  whether the call ran as a probe of the half-open circuit
     * @param ranNanos for a call that returned normally, how long it ran from its permit to its report, read just
     *               after the breaker started its own clock and just before it reads it again, so never more than the
     *               breaker measured for a slow-call rule; -1 otherwise
     */
    record Ended(Throwable thrown, boolean probe, long ranNanos) {
    }

    /**
     * Makes one call; the stage never fails. The sync variant has finished when this returns.
     *
     * @param probeStarted run when the breaker lets the call go ahead as a probe, before it goes out: the moment the
     *                     circuit is known to be half-open, where the call's end may come after it opened again
     */
    CompletionStage<Ended> call(Runnable probeStarted);

    /** Asks the store whether the circuit is open. */
    boolean isOpen();

    /** Whether {@link #call(Runnable)} blocks its thread for the whole call. */
    boolean blocks();

    /** Opens {@code connections} connections to the service and calls it a few times, bypassing the breaker. */
    void warmUp(int connections);

    /** Calls through a {@link CircuitBreaker} with the blocking client API. */
    static GuardedCall sync(CircuitBreaker breaker, HttpClient http, URI uri, Duration requestTimeout) {
        HttpRequest request = request(uri, requestTimeout);
        return new GuardedCall() {
            @Override
            public CompletionStage<Ended> call(Runnable probeStarted) {
                Permit permit;
                try {
                    permit = breaker.acquirePermission();
                } catch (RuntimeException rejected) {
                    return ended(rejected, false);
                }
                if (permit.isProbe()) {
                    probeStarted.run();
                }
                long permitted = System.nanoTime();
                try {
                    ServerErrorException.check(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (Exception failed) {
                    try {
                        // Returns when the failure is to be passed on; throws when it opened the circuit.
                        breaker.onError(permit, failed);
                        return ended(failed, permit.isProbe());
                    } catch (RuntimeException opened) {
                        return ended(opened, permit.isProbe());
                    }
                }
                long ran = System.nanoTime() - permitted;
                try {
                    breaker.onSuccess(permit);
                    return completed(new Ended(null, permit.isProbe(), ran));
                } catch (RuntimeException failedOrStoreFailed) {
                    // A slow call that opened the circuit, or the store failing.
                    return ended(failedOrStoreFailed, permit.isProbe());
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
            public CompletionStage<Ended> call(Runnable probeStarted) {
                CompletionStage<Permit> permitted;
                try {
                    permitted = breaker.acquirePermission();
                } catch (RuntimeException rejected) {
                    return ended(rejected, false);
                }
                return permitted.handle((permit, rejected) -> rejected != null ? ended(rejected, false)
                                : send(permit, probeStarted)).thenCompose(Function.identity());
            }

            /** The call, with its outcome handed back to the breaker. */
            private CompletionStage<Ended> send(Permit permit, Runnable probeStarted) {
                if (permit.isProbe()) {
                    probeStarted.run();
                }
                long permitted = System.nanoTime();
                long[] ran = {-1};
                CompletionStage<Void> sent;
                try {
                    sent = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                            .thenAccept(response -> ServerErrorException.check(response.statusCode()));
                } catch (RuntimeException failed) {
                    sent = CompletableFuture.failedFuture(failed);
                }
                return sent.handle((ok, failed) -> {
                    if (failed == null) {
                        ran[0] = System.nanoTime() - permitted;
                        return breaker.onSuccess(permit);
                    }
                    // Completes when the failure is to be passed on; fails when it opened the circuit.
                    return breaker.onError(permit, failed).thenCompose(passOn -> CompletableFuture
                            .<Void>failedFuture(failed));
                }).thenCompose(Function.identity())
                        .handle((ok, thrown) -> new Ended(thrown, permit.isProbe(), thrown == null ? ran[0] : -1));
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

    private static CompletionStage<Ended> ended(Throwable thrown, boolean probe) {
        return completed(new Ended(thrown, probe, -1));
    }

    private static CompletionStage<Ended> completed(Ended ended) {
        return CompletableFuture.completedFuture(ended);
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
