package io.github.lasier.store;

import io.github.lasier.rules.Counting;
import io.github.lasier.storage.AsyncStorage;
import io.github.lasier.storage.StorageValueException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link AsyncCircuitStore} built from the single operations of any {@link AsyncStorage}: the generic store, as
 * Lasier drives its caches, and the one place the generic steps are written ({@link StorageCircuitStore} runs these
 * same steps on a synchronous storage).
 *
 * <p>Each event takes a few operations and is not atomic as a whole, which is Lasier's behaviour too; counters still
 * get their TTL in the same step that creates them, and a probe lease is taken with the storage's atomic
 * {@code add}, so no two callers ever hold the same lease. What is not atomic: a probe's report finds its lease and
 * then acts, so a report racing with the lease's expiry may still count. Stores with server-side scripting implement
 * {@link CircuitStoreProvider} and do each event in one atomic step.
 *
 * <p>Sliding windows choose their bucket by this store's millisecond clock (the wall clock unless given), so the
 * instances sharing the storage should keep their clocks in sync to well within a bucket.
 *
 * <p>A key holding something that is not an integer (garbage written by someone else) is treated as absent: it is
 * removed with a warning naming it and the one operation that met it is repeated, so garbage never reaches the
 * caller and never keeps a circuit open or closed.
 */
public final class AsyncStorageCircuitStore implements AsyncCircuitStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Long> ZERO = CompletableFuture.completedFuture(0L);
    private static final CompletableFuture<Long> NOT_OPEN = CompletableFuture.completedFuture(CircuitStore.NOT_OPEN);
    private static final CompletableFuture<Long> OPEN = CompletableFuture.completedFuture(
            CircuitStore.OPEN_FOR_UNKNOWN_TIME);
    private static final CompletableFuture<Long> IN_FLIGHT = CompletableFuture.completedFuture(
            CircuitStore.PROBES_IN_FLIGHT);

    private final AsyncStorage storage;
    private final LongSupplier millisClock;

    /** @param storage the key-value storage holding the circuit's keys */
    public AsyncStorageCircuitStore(AsyncStorage storage) {
        this(storage, System::currentTimeMillis);
    }

    /**
     * @param storage     the key-value storage holding the circuit's keys
     * @param millisClock milliseconds since the epoch, or any monotonic millisecond count shared by every user of the
     *                    storage; chooses sliding windows' buckets
     */
    public AsyncStorageCircuitStore(AsyncStorage storage, LongSupplier millisClock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.millisClock = Objects.requireNonNull(millisClock, "millisClock");
    }

    @Override
    public CompletionStage<Long> openMillisRemaining(Circuit circuit) {
        return isOpen(circuit).thenApply(open -> open ? CircuitStore.OPEN_FOR_UNKNOWN_TIME : CircuitStore.NOT_OPEN);
    }

    @Override
    public CompletionStage<Long> acquirePermit(Circuit circuit, long probeToken) {
        if (!circuit.hasHalfOpen()) {
            return openMillisRemaining(circuit);
        }
        return isOpen(circuit).thenCompose(open -> open ? OPEN
                : get(circuit.halfOpenKey()).thenCompose(marker -> OpenFlag.isOpen(marker)
                        ? leaseOrRepair(circuit, probeToken) : NOT_OPEN));
    }

    @Override
    public CompletionStage<ProbeResult> reportProbe(Circuit circuit, long probeToken, ProbeReport report) {
        if (!circuit.hasHalfOpen()) {
            return CompletableFuture.completedFuture(ProbeResult.LEASE_LOST);
        }
        return findLease(circuit, probeToken, 0).thenCompose(index -> {
            if (index < 0) {
                return CompletableFuture.completedFuture(ProbeResult.LEASE_LOST);
            }
            switch (report) {
                case FAILED:
                    return open(circuit).thenApply(done -> ProbeResult.REOPENED);
                case ABANDONED:
                    return storage.delete(circuit.probeKey(index)).thenApply(done -> ProbeResult.RELEASED);
                default:
                    return incr(circuit.probeSuccessesKey(), circuit.halfOpenMillisAfterProbe())
                            .thenCompose(successes -> successes >= circuit.halfOpen().successesToClose()
                                    ? close(circuit).thenApply(done -> ProbeResult.CLOSED)
                                    : CompletableFuture.completedFuture(ProbeResult.COUNTED));
            }
        });
    }

    @Override
    public CompletionStage<Void> recordRequest(Circuit circuit) {
        switch (circuit.countingKind()) {
            case CONSECUTIVE:
                // A call that did not fail ends the run of failures.
                return storage.delete(circuit.failureKey()).thenApply(deleted -> null);
            case SLIDING_WINDOW:
                WindowKeys window = windowNow(circuit);
                return isOpen(circuit).thenCompose(open -> open ? DONE
                        : incr(window.requestKey(0), circuit.bucketTtlMillis()).thenApply(requests -> null));
            default:
                if (!circuit.countsRequests()) {
                    return DONE;
                }
                return isOpen(circuit).thenCompose(open -> open ? DONE
                        : incr(circuit.requestKey(), circuit.failureTimeoutMillis())
                                // Lasier creates the failure counter with the request counter: both windows end together.
                                .thenCompose(requests -> repairing(() -> storage.add(circuit.failureKey(), 0,
                                        circuit.failureTimeout())))
                                .thenApply(added -> null));
        }
    }

    @Override
    public CompletionStage<Totals> recordFailure(Circuit circuit) {
        if (circuit.countingKind() == Counting.Kind.SLIDING_WINDOW) {
            WindowKeys window = windowNow(circuit);
            long ttl = circuit.bucketTtlMillis();
            return isOpen(circuit).thenCompose(open -> open ? windowTotals(circuit, window)
                    : incr(window.requestKey(0), ttl)
                            .thenCompose(r -> incr(window.failureKey(0), ttl))
                            .thenCompose(f -> windowTotals(circuit, window)));
        }
        return isOpen(circuit).thenCompose(open -> {
            if (open) {
                return valueOf(circuit.failureKey()).thenCombine(
                        circuit.countsRequests() ? valueOf(circuit.requestKey()) : ZERO, Totals::new);
            }
            CompletionStage<Long> requests = circuit.countsRequests()
                    ? incr(circuit.requestKey(), circuit.failureTimeoutMillis()) : ZERO;
            return requests.thenCompose(r -> incr(circuit.failureKey(), circuit.failureTimeoutMillis())
                    .thenApply(f -> new Totals(f, r)));
        });
    }

    @Override
    public CompletionStage<Void> open(Circuit circuit) {
        CompletionStage<Void> opened = storage.set(circuit.openKey(), OpenFlag.VALUE, circuit.circuitTimeout());
        if (circuit.hasHalfOpen()) {
            opened = opened
                    .thenCompose(done -> storage.set(circuit.halfOpenKey(), OpenFlag.VALUE,
                            Duration.ofMillis(circuit.halfOpenMillisAtOpen())))
                    .thenCompose(done -> deleteProbes(circuit));
        }
        return opened.thenCompose(done -> deleteCounters(circuit));
    }

    @Override
    public CompletionStage<Void> close(Circuit circuit) {
        CompletionStage<Void> closed = storage.delete(circuit.openKey()).thenApply(deleted -> null);
        if (circuit.hasHalfOpen()) {
            closed = closed.thenCompose(done -> storage.delete(circuit.halfOpenKey()))
                    .thenCompose(done -> deleteProbes(circuit));
        }
        return closed.thenCompose(done -> deleteCounters(circuit));
    }

    private CompletionStage<Boolean> isOpen(Circuit circuit) {
        return get(circuit.openKey()).thenApply(OpenFlag::isOpen);
    }

    /** Takes the first free lease; when none is, removes any garbage squatting on one and tries once more. */
    private CompletionStage<Long> leaseOrRepair(Circuit circuit, long probeToken) {
        return lease(circuit, probeToken, 0).thenCompose(answer -> answer != CircuitStore.PROBES_IN_FLIGHT
                ? CompletableFuture.completedFuture(answer)
                : removeGarbageLeases(circuit, 0, false).thenCompose(removed -> removed
                        ? lease(circuit, probeToken, 0) : IN_FLIGHT));
    }

    private CompletionStage<Long> lease(Circuit circuit, long probeToken, int index) {
        if (index == circuit.probeKeyCount()) {
            return IN_FLIGHT;
        }
        return storage.add(circuit.probeKey(index), probeToken, circuit.halfOpen().probeTimeout())
                .thenCompose(added -> added
                        ? storage.expire(circuit.halfOpenKey(), Duration.ofMillis(circuit.halfOpenMillisAfterProbe()))
                                .thenApply(kept -> CircuitStore.PROBE_GRANTED)
                        : lease(circuit, probeToken, index + 1));
    }

    private CompletionStage<Boolean> removeGarbageLeases(Circuit circuit, int index, boolean removedSoFar) {
        if (index == circuit.probeKeyCount()) {
            return CompletableFuture.completedFuture(removedSoFar);
        }
        return storage.get(circuit.probeKey(index)).handle((value, failure) -> failure)
                .thenCompose(failure -> {
                    if (failure != null && GarbageRepair.cause(failure) instanceof StorageValueException garbage) {
                        GarbageRepair.warn(garbage);
                        return storage.delete(garbage.key()).thenCompose(
                                deleted -> removeGarbageLeases(circuit, index + 1, true));
                    }
                    if (failure != null) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    return removeGarbageLeases(circuit, index + 1, removedSoFar);
                });
    }

    /** The index of the lease holding {@code probeToken}, or -1. */
    private CompletionStage<Integer> findLease(Circuit circuit, long probeToken, int index) {
        if (index == circuit.probeKeyCount()) {
            return CompletableFuture.completedFuture(-1);
        }
        return get(circuit.probeKey(index)).thenCompose(holder ->
                holder.isPresent() && holder.getAsLong() == probeToken
                        ? CompletableFuture.completedFuture(index)
                        : findLease(circuit, probeToken, index + 1));
    }

    private CompletionStage<Void> deleteProbes(Circuit circuit) {
        CompletionStage<Boolean> deleted = storage.delete(circuit.probeSuccessesKey());
        for (int i = 0; i < circuit.probeKeyCount(); i++) {
            String key = circuit.probeKey(i);
            deleted = deleted.thenCompose(previous -> storage.delete(key));
        }
        return deleted.thenApply(done -> null);
    }

    private CompletionStage<Void> deleteCounters(Circuit circuit) {
        CompletionStage<Boolean> deleted;
        if (circuit.countingKind() == Counting.Kind.SLIDING_WINDOW) {
            // Every bucket the window may still read, and the one before in case the clock moved on meanwhile.
            WindowKeys window = windowNow(circuit);
            deleted = CompletableFuture.completedFuture(true);
            for (int age = 0; age < window.size(); age++) {
                String failures = window.failureKey(age);
                String requests = window.requestKey(age);
                deleted = deleted.thenCompose(previous -> storage.delete(failures))
                        .thenCompose(previous -> storage.delete(requests));
            }
        } else {
            deleted = storage.delete(circuit.failureKey());
            if (circuit.countsRequests()) {
                deleted = deleted.thenCompose(previous -> storage.delete(circuit.requestKey()));
            }
        }
        return deleted.thenApply(done -> null);
    }

    /** The failures and requests summed over the window's buckets. */
    private CompletionStage<Totals> windowTotals(Circuit circuit, WindowKeys window) {
        CompletionStage<Long> failures = ZERO;
        CompletionStage<Long> requests = ZERO;
        for (int age = 0; age < circuit.counting().buckets(); age++) {
            String failureKey = window.failureKey(age);
            String requestKey = window.requestKey(age);
            failures = failures.thenCompose(total -> valueOf(failureKey).thenApply(value -> total + value));
            requests = requests.thenCompose(total -> valueOf(requestKey).thenApply(value -> total + value));
        }
        return failures.thenCombine(requests, Totals::new);
    }

    private WindowKeys windowNow(Circuit circuit) {
        return circuit.windowKeys(circuit.bucketAt(millisClock.getAsLong()));
    }

    private CompletionStage<OptionalLong> get(String key) {
        return storage.get(key).exceptionallyCompose(failure -> {
            if (GarbageRepair.cause(failure) instanceof StorageValueException garbage) {
                GarbageRepair.warn(garbage);
                return storage.delete(garbage.key()).thenApply(removed -> OptionalLong.empty());
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private CompletionStage<Long> incr(String counterKey, long ttlMillisIfCreated) {
        Duration ttl = Duration.ofMillis(ttlMillisIfCreated);
        return repairing(() -> storage.incr(counterKey, ttl));
    }

    /** Runs one operation; if its key held garbage, removes it with a warning and runs the operation once more. */
    private <T> CompletionStage<T> repairing(Supplier<CompletionStage<T>> operation) {
        return operation.get().exceptionallyCompose(failure -> {
            if (GarbageRepair.cause(failure) instanceof StorageValueException garbage) {
                GarbageRepair.warn(garbage);
                return storage.delete(garbage.key()).thenCompose(removed -> operation.get());
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private CompletionStage<Long> valueOf(String key) {
        return get(key).thenApply(value -> value.isPresent() ? value.getAsLong() : 0L);
    }
}
