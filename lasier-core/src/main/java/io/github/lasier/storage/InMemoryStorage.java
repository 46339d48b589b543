package io.github.lasier.storage;

import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.CircuitStoreProvider;
import io.github.lasier.store.ImmediateAsyncCircuitStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The embedded default storage: state lives in this JVM only. Thread-safe and lock-free on the hot path: reading an
 * absent key or incrementing a live counter allocates nothing and builds no string.
 *
 * <p>Every TTL is honoured: an expired key reads as absent once its time is up (to about a millisecond with the
 * default clock, see {@link #InMemoryStorage()}). Expired entries are also reclaimed: a sweep runs after as many key
 * creations as the last sweep left entries (at least {@value #SWEEP_EVERY_CREATIONS}), so memory stays within about
 * twice the live keys when keys churn, at a constant cost per creation; the sweep runs on a caller's thread.
 *
 * <p>{@link #async()} gives the same data as an {@link AsyncStorage} whose operations complete before they return,
 * for {@link io.github.lasier.AsyncCircuitBreaker}.
 */
public final class InMemoryStorage implements Storage, CircuitStoreProvider {

    static final int SWEEP_EVERY_CREATIONS = 1024;
    static final long NO_EXPIRY = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder creationsSinceSweep = new LongAdder();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile int heldAfterLastSweep;
    private final LongSupplier nanoClock;
    /** Turns the monotonic clock into milliseconds since the epoch, so sliding-window buckets have epoch numbers. */
    private final long epochOffsetMillis;
    private final AsyncView asyncView = new AsyncView();
    private final InMemoryCircuitStore circuitStore = new InMemoryCircuitStore(this);
    private final AsyncCircuitStore asyncCircuitStore = new ImmediateAsyncCircuitStore(circuitStore);

    /**
     * A storage on the system's monotonic clock, read through a shared coarse clock ticked once a millisecond by a
     * daemon thread: a counted call then reads a volatile field instead of the clock itself, which costs more than
     * the rest of the call on virtual machines. Expiry is exact to about a millisecond.
     */
    public InMemoryStorage() {
        this(CoarseClock::nanoTime);
    }

    /**
     * A storage on the given clock, for tests that move time by hand.
     *
     * @param nanoClock monotonic time in nanoseconds, like {@link System#nanoTime()}
     */
    public InMemoryStorage(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.epochOffsetMillis = System.currentTimeMillis() - nanoClock.getAsLong() / 1_000_000L;
    }

    @Override
    public boolean add(String key, long value, Duration ttl) {
        long ttlMillis = Ttl.toMillis("ttl", ttl);
        return addAt(requireKey(key), value, ttlMillis, nanoClock.getAsLong());
    }

    /** {@link #add} at a clock reading the caller already took: one clock read serves a whole event. */
    boolean addAt(String key, long value, long ttlMillis, long now) {
        if (isLive(entries.get(key), now)) {
            return false; // the common case on the request path: no allocation, no lock
        }
        Entry created = new Entry(value, now + ttlMillis * 1_000_000L);
        Entry winner = entries.compute(key, (k, current) -> isLive(current, now) ? current : created);
        if (winner == created) {
            afterCreation();
            return true;
        }
        return false;
    }

    @Override
    public void set(String key, long value, Duration ttl) {
        long deadline = ttl == null ? NO_EXPIRY : deadline(Ttl.toMillis("ttl", ttl));
        entries.put(requireKey(key), new Entry(value, deadline));
        afterCreation();
    }

    @Override
    public long incr(String key) {
        return increment(key, NO_EXPIRY);
    }

    @Override
    public long incr(String key, Duration ttlIfCreated) {
        return increment(key, Ttl.toMillis("ttlIfCreated", ttlIfCreated));
    }

    /** {@link #incr(String, Duration)} with the TTL in milliseconds already checked, for the fused store. */
    long increment(String key, long ttlMillisIfCreated) {
        Entry current = entries.get(requireKey(key));
        if (current != null && current.expiresAt == NO_EXPIRY) {
            return current.incrementAndTotal();
        }
        return incrementAt(key, current, ttlMillisIfCreated, nanoClock.getAsLong());
    }

    /** {@link #incr(String, Duration)} at a clock reading the caller already took, given the entry it found. */
    private long incrementAt(String key, Entry current, long ttlMillisIfCreated, long now) {
        if (isLive(current, now)) {
            return current.incrementAndTotal();
        }
        long deadline = ttlMillisIfCreated == NO_EXPIRY ? NO_EXPIRY : now + ttlMillisIfCreated * 1_000_000L;
        Entry created = new Entry(1, deadline);
        Entry winner = entries.compute(key, (k, existing) -> isLive(existing, now) ? existing : created);
        if (winner == created) {
            afterCreation();
            return 1;
        }
        return winner.incrementAndTotal();
    }

    /**
     * Lasier's request count for the fused store: the request counter incremented and the failure counter added,
     * both created with {@code ttlMillis}, on one clock reading. The clock is the dearest part of the event (tens of
     * ns on virtual machines), so it is read once, not once per key.
     */
    void countRequest(String requestKey, String failureKey, long ttlMillis) {
        long now = nanoClock.getAsLong();
        countAt(requestKey, ttlMillis, now);
        addAt(failureKey, 0, ttlMillis, now);
    }

    /**
     * Adds one to the counter at {@code key} without answering its value, creating it with the TTL when absent: for
     * request counts, whose total only a later failure reads.
     */
    void count(String key, long ttlMillisIfCreated) {
        countAt(key, ttlMillisIfCreated, nanoClock.getAsLong());
    }

    private void countAt(String key, long ttlMillisIfCreated, long now) {
        Entry counter = entries.get(key);
        if (isLive(counter, now)) {
            // Nobody needs this total now: a striped increment, so threads counting successes do not contend.
            counter.incrementUncounted();
        } else {
            incrementAt(key, counter, ttlMillisIfCreated, now);
        }
    }

    @Override
    public OptionalLong get(String key) {
        Entry entry = live(requireKey(key));
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.total());
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        long deadline = deadline(Ttl.toMillis("ttl", ttl));
        Entry entry = live(requireKey(key));
        if (entry == null) {
            return false;
        }
        entry.expiresAt = deadline;
        return true;
    }

    @Override
    public boolean delete(String key) {
        Entry removed = entries.remove(requireKey(key));
        return removed != null && isLive(removed, nanoClock.getAsLong());
    }

    @Override
    public void flush() {
        entries.clear();
    }

    /**
     * Time left before {@code key} expires.
     *
     * @return the time left, or {@code null} when the key is absent or never expires (see {@link #hasExpiry})
     */
    public Duration timeToLive(String key) {
        Entry entry = live(requireKey(key));
        if (entry == null || entry.expiresAt == NO_EXPIRY) {
            return null;
        }
        return Duration.ofNanos(Math.max(0, entry.expiresAt - nanoClock.getAsLong()));
    }

    /** Whether {@code key} exists and will expire; {@code false} for an absent key. */
    public boolean hasExpiry(String key) {
        Entry entry = live(requireKey(key));
        return entry != null && entry.expiresAt != NO_EXPIRY;
    }

    /** Live keys with their values, a snapshot for inspection and tests. */
    public Map<String, Long> snapshot() {
        long now = nanoClock.getAsLong();
        Map<String, Long> copy = new java.util.TreeMap<>();
        entries.forEach((key, entry) -> {
            if (isLive(entry, now)) {
                copy.put(key, entry.total());
            }
        });
        return copy;
    }

    /** Entries held, live or expired and not yet reclaimed: what the map costs in memory. */
    int heldEntries() {
        return entries.size();
    }

    /** The fused per-circuit store on this storage's data, used by {@link io.github.lasier.CircuitBreaker}. */
    @Override
    public CircuitStore circuitStore() {
        return circuitStore;
    }

    /** The same fused store with stages that are complete when returned. */
    @Override
    public AsyncCircuitStore asyncCircuitStore() {
        return asyncCircuitStore;
    }

    /** This storage's data as an {@link AsyncStorage}; its stages are complete when returned. */
    public AsyncStorage async() {
        return asyncView;
    }

    /** The live entry at {@code key}, or {@code null}; for the fused store, which reads without allocating. */
    Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt != NO_EXPIRY && nanoClock.getAsLong() >= entry.expiresAt) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    long now() {
        return nanoClock.getAsLong();
    }

    /** This storage's clock as milliseconds since the epoch: it moves with the clock it was given. */
    long epochMillis() {
        return nanoClock.getAsLong() / 1_000_000L + epochOffsetMillis;
    }

    /** The entry at {@code key} as held, perhaps expired, without reading the clock: the caller checks expiry. */
    Entry held(String key) {
        return entries.get(key);
    }

    /**
     * Adds one to the counter at {@code counterKey} unless the flag at {@code openKey} holds 1, creating the counter
     * with the TTL when absent. The check and the increment run under the counter's lock, and opening deletes the
     * counter under the same lock, so an increment can never recreate a counter that opening has just deleted.
     *
     * @return the counter after the increment, or -1 when the circuit was open and nothing was counted
     */
    long incrUnlessOpen(String counterKey, long ttlMillisIfCreated, String openKey) {
        long[] result = new long[1];
        long now = nanoClock.getAsLong();
        entries.compute(counterKey, (key, current) -> {
            Entry flag = entries.get(openKey);
            if (isLive(flag, now) && flag.total() == 1) {
                result[0] = -1;
                return current;
            }
            if (isLive(current, now)) {
                result[0] = current.incrementAndTotal();
                return current;
            }
            result[0] = 1;
            return new Entry(1, now + ttlMillisIfCreated * 1_000_000L);
        });
        if (result[0] == 1) {
            afterCreation();
        }
        return result[0];
    }

    private long deadline(long ttlMillis) {
        return nanoClock.getAsLong() + ttlMillis * 1_000_000L;
    }

    private void afterCreation() {
        creationsSinceSweep.increment();
        // A sweep scans every entry, so it waits for as many creations as the sweep before it left entries: the cost
        // per creation stays constant however many keys live, and at most about half of what is held is expired.
        if (creationsSinceSweep.sum() >= Math.max(SWEEP_EVERY_CREATIONS, heldAfterLastSweep)
                && sweeping.compareAndSet(false, true)) {
            try {
                creationsSinceSweep.reset();
                long now = nanoClock.getAsLong();
                entries.values().removeIf(entry -> !isLive(entry, now));
                heldAfterLastSweep = entries.size();
            } finally {
                sweeping.set(false);
            }
        }
    }

    private static boolean isLive(Entry entry, long now) {
        return entry != null && (entry.expiresAt == NO_EXPIRY || now < entry.expiresAt);
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be null or empty, got: " + key);
        }
        return key;
    }

    /** The asynchronous view: each operation runs at once and returns a completed stage. */
    private final class AsyncView extends ImmediateAsyncStorage implements CircuitStoreProvider {
        AsyncView() {
            super(InMemoryStorage.this);
        }

        @Override
        public CircuitStore circuitStore() {
            return circuitStore;
        }

        @Override
        public AsyncCircuitStore asyncCircuitStore() {
            return asyncCircuitStore;
        }
    }

    /**
     * A value and its expiry. The value is the atomic counter itself, so increments take no lock, plus a striped
     * counter for increments whose new total nobody reads (requests counted on success), which threads make without
     * contending for one cache line.
     */
    static final class Entry extends AtomicLong {
        volatile long expiresAt;
        private final LongAdder uncounted = new LongAdder();

        Entry(long value, long expiresAt) {
            super(value);
            this.expiresAt = expiresAt;
        }

        /** The value: every increment, counted or not. */
        long total() {
            return get() + uncounted.sum();
        }

        /** Adds one and answers the value after it. */
        long incrementAndTotal() {
            return incrementAndGet() + uncounted.sum();
        }

        /** Adds one without answering the value. */
        void incrementUncounted() {
            uncounted.increment();
        }
    }
}
