package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.storage.InMemoryStorage;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Instances sharing a circuit while their half-open settings differ, as during a rolling deploy that changes
 * {@code permittedProbes}: a probe of the past round must not speak for the next one.
 */
class HalfOpenSettingsAcrossInstancesTest {

    private final InMemoryStorage storage = new InMemoryStorage();

    @Disabled("open/close delete only the leases 1..permittedProbes of the breaker that opens or closes: an instance "
            + "with more permitted probes keeps the past round's leases 2..N, so its stale probes still hold them in "
            + "the next round (fewer probes admitted, and a stale report counts or reopens). Fix: delete leases up to "
            + "HalfOpen.MAX_PROBES on open/close, or document that every instance must use the same permittedProbes")
    @Test
    void aRoundOpenedByAnInstanceWithFewerProbesStillEndsTheOtherInstancesLeases() {
        CircuitBreaker three = CircuitBreaker.builder().rule(new MaxFailuresRule(1, "f")).storage(storage)
                .halfOpen(3).build();
        CircuitBreaker one = CircuitBreaker.builder().rule(new MaxFailuresRule(1, "f")).storage(storage)
                .halfOpen(1).build();
        three.open();
        storage.delete("circuit_f");
        three.acquirePermission(); // the probe that fails below
        Permit stale = three.acquirePermission();
        assertThat(stale.isProbe()).isTrue();

        // The first probe fails through the instance with one probe: a new round starts.
        one.open();
        storage.delete("circuit_f");
        assertThat(storage.get("circuit_f:probe:2")).as("the past round's lease is gone").isEmpty();

        // The past round's second probe reports a success: it must change nothing.
        three.onSuccess(stale);
        assertThat(storage.get("circuit_f:probe_successes")).as("a stale probe counts nothing").isEmpty();
    }
}
