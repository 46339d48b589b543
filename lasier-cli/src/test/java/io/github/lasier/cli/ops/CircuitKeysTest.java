package io.github.lasier.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.store.HalfOpen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitKeysTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
        "circuit_payments, payments",
        "circuit_payments:half_open, payments",
        "circuit_payments:probe:1, none",
        "circuit_payments:probe:100, none",
        "circuit_payments:probe_successes, none",
        "circuit_:half_open, none",
        "circuit_, none",
        "payments, none",
        "circuit_a:b, a:b"})
    void onlyFlagsAndMarkersNameACircuit(String key, String name) {
        assertThat(CircuitKeys.nameOf(key, "")).isEqualTo(name);
    }

    @Test
    void theKeyPrefixComesFirst() {
        assertThat(CircuitKeys.nameOf("shop:circuit_payments:half_open", "shop:")).isEqualTo("payments");
        assertThat(CircuitKeys.nameOf("circuit_payments", "shop:")).isNull();
    }

    @Test
    void everyLeaseABreakerMayHoldIsKnown() {
        CircuitKeys keys = CircuitKeys.of("payments", null, "shop:");

        assertThat(keys.leaseKeys()).hasSize(HalfOpen.MAX_PROBES)
                .startsWith("shop:circuit_payments:probe:1").endsWith("shop:circuit_payments:probe:100");
        assertThat(keys.circuit().halfOpenKey()).isEqualTo("shop:circuit_payments:half_open");
        assertThat(keys.circuit().probeSuccessesKey()).isEqualTo("shop:circuit_payments:probe_successes");
    }
}
