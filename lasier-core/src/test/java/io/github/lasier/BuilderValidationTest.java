package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.storage.InMemoryStorage;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderValidationTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final Rule rule = new MaxFailuresRule(1, "f");

    @Test
    void missingRuleIsReportedAtBuild() {
        assertThatThrownBy(() -> CircuitBreaker.builder().storage(storage).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rule is required");
        assertThatThrownBy(() -> AsyncCircuitBreaker.builder().storage(storage.async()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rule is required");
    }

    @Test
    void missingStorageIsReportedAtBuild() {
        assertThatThrownBy(() -> CircuitBreaker.builder().rule(rule).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("storage is required");
        assertThatThrownBy(() -> AsyncCircuitBreaker.builder().rule(rule).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("storage is required");
    }

    @Test
    void nullsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> CircuitBreaker.builder().rule(null)).hasMessageContaining("rule");
        assertThatThrownBy(() -> CircuitBreaker.builder().storage(null)).hasMessageContaining("storage");
        assertThatThrownBy(() -> CircuitBreaker.builder().keyPrefix(null)).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> CircuitBreaker.builder().name(" ")).hasMessageContaining("name").hasMessageContaining("' '");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureException((FailureExceptionFactory) null))
                .hasMessageContaining("failureException");
    }

    @Test
    void zeroOrNegativeTimeoutsAreRejectedNamingTheParameterAndValue() {
        assertThatThrownBy(() -> CircuitBreaker.builder().failureTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureTimeout")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> CircuitBreaker.builder().circuitTimeout(Duration.ofSeconds(-3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("circuitTimeout")
                .hasMessageContaining("PT-3S");
        assertThatThrownBy(() -> AsyncCircuitBreaker.builder().failureTimeout(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureTimeout");
    }

    @Test
    void catchExceptionsNeedsClasses() {
        assertThatThrownBy(() -> CircuitBreaker.builder().catchExceptions())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catchExceptions");
        assertThatThrownBy(() -> CircuitBreaker.builder().catchExceptions(IOException.class, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catchExceptions")
                .hasMessageContaining("null");
    }

    @Test
    void aUserRuleWithEqualKeysIsRejectedAtBuild() {
        Rule sameKeys = new Rule() {
            @Override
            public String failureKey() {
                return "k";
            }

            @Override
            public String requestKey() {
                return "k";
            }

            @Override
            public boolean shouldOpen(long failures, long requests) {
                return false;
            }
        };
        assertThatThrownBy(() -> CircuitBreaker.builder().rule(sameKeys).storage(storage).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestKey")
                .hasMessageContaining("'k'");
    }

    @Test
    void durationsBeyondTenYearsAreRejectedBeforeTheyCanOverflow() {
        assertThatThrownBy(() -> CircuitBreaker.builder().circuitTimeout(Duration.ofDays(365L * 300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("circuitTimeout")
                .hasMessageContaining("3650 days");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureTimeout(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureTimeout");
        assertThatThrownBy(() -> CircuitBreaker.builder().storeRetryInterval(Duration.ofDays(365L * 300)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("storeRetryInterval");
        assertThatThrownBy(() -> storage.set("k", 1, Duration.ofMillis(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    }

    @Test
    void aUserRuleThatCountsRequestsNeedsARequestKey() {
        Rule blankRequestKey = new Rule() {
            @Override
            public String failureKey() {
                return "k";
            }

            @Override
            public String requestKey() {
                return "  ";
            }

            @Override
            public boolean shouldOpen(long failures, long requests) {
                return false;
            }
        };
        assertThatThrownBy(() -> CircuitBreaker.builder().rule(blankRequestKey).storage(storage).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestKey")
                .hasMessageContaining("'  '");
    }

    @Test
    void aFailureExceptionFactoryReturningNullIsReportedClearly() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(rule).storage(storage)
                .failureException((name, openFor, cause) -> null).build();
        breaker.open();
        assertThatThrownBy(() -> breaker.execute(() -> "x")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("failureException").hasMessageContaining("'f'");
    }

    @Test
    void aCyclicCauseChainDoesNotHangTheAsyncBreaker() {
        java.util.concurrent.CompletionException first = new java.util.concurrent.CompletionException("first") {
        };
        java.util.concurrent.CompletionException second = new java.util.concurrent.CompletionException("second") {
        };
        first.initCause(second);
        second.initCause(first);
        AsyncCircuitBreaker breaker = AsyncCircuitBreaker.builder().rule(rule).storage(storage.async()).build();
        java.util.concurrent.CompletableFuture<Object> result = breaker.execute(
                () -> java.util.concurrent.CompletableFuture.failedFuture(first)).toCompletableFuture();
        org.assertj.core.api.Assertions.assertThat(result).failsWithin(Duration.ofSeconds(5));
    }

    @Test
    void halfOpenSettingsAreCheckedWhenGiven() {
        assertThatThrownBy(() -> CircuitBreaker.builder().halfOpen(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permittedProbes").hasMessageContaining("got: 0");
        assertThatThrownBy(() -> AsyncCircuitBreaker.builder().halfOpen(101))
                .hasMessageContaining("permittedProbes").hasMessageContaining("101");
        assertThatThrownBy(() -> CircuitBreaker.builder().halfOpen(2, 3, null))
                .hasMessageContaining("successesToClose").hasMessageContaining("3");
        assertThatThrownBy(() -> CircuitBreaker.builder().halfOpen(2, 0, null))
                .hasMessageContaining("successesToClose").hasMessageContaining("0");
        assertThatThrownBy(() -> CircuitBreaker.builder().halfOpen(2, 2, Duration.ZERO))
                .hasMessageContaining("probeTimeout").hasMessageContaining("PT0S");
    }

    @Test
    void halfOpenTtlsThatNoStoreCouldHoldAreRejectedAtBuild() {
        assertThatThrownBy(() -> CircuitBreaker.builder().rule(rule).storage(storage)
                .circuitTimeout(Duration.ofDays(3000)).halfOpen(1, 1, Duration.ofDays(1000)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("circuitTimeout + 2 x probeTimeout");
    }

    @Test
    void halfOpenProbeTimeoutDefaultsToTheCircuitTimeoutSetLater() {
        CircuitBreaker breaker = CircuitBreaker.builder().rule(rule).storage(storage).halfOpen(2)
                .circuitTimeout(Duration.ofSeconds(7)).build();
        org.assertj.core.api.Assertions.assertThat(breaker.circuit().halfOpen().probeTimeout())
                .isEqualTo(Duration.ofSeconds(7));
        org.assertj.core.api.Assertions.assertThat(breaker.circuit().halfOpen().successesToClose()).isEqualTo(2);
    }

    @Test
    void failureResultMustNotBeNull() {
        assertThatThrownBy(() -> CircuitBreaker.builder().failureResult(null)).hasMessageContaining("failureResult");
    }

    @Test
    void aSlidingWindowRuleThatCountsNoRequestsIsRejectedAtBuild() {
        Rule noRequests = new Rule() {
            public String failureKey() {
                return "f";
            }

            public io.github.lasier.rules.Counting counting() {
                return io.github.lasier.rules.Counting.slidingWindow(Duration.ofSeconds(10), Duration.ofSeconds(1));
            }

            public boolean shouldOpen(long failures, long requests) {
                return false;
            }
        };
        assertThatThrownBy(() -> CircuitBreaker.builder().rule(noRequests).storage(storage).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must count requests");
    }

    @Test
    void aFailureKeyThatWouldNameAnotherCircuitsHalfOpenKeyIsRejected() {
        for (String key : new String[] {"svc:half_open", "svc:probe_successes", "svc:probe:3"}) {
            assertThatThrownBy(() -> CircuitBreaker.builder().rule(new MaxFailuresRule(1, key)).storage(storage)
                    .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half-open key")
                    .hasMessageContaining("'" + key + "'");
        }
        for (String key : new String[] {"svc:probe:", "svc:probe:x", "half_open", "svc:probes"}) {
            org.assertj.core.api.Assertions.assertThat(CircuitBreaker.builder().rule(new MaxFailuresRule(1, key))
                    .storage(storage).build().circuit().failureKey()).isEqualTo(key);
        }
    }
}
