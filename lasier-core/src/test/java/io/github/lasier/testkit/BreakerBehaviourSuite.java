package io.github.lasier.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.lasier.CircuitOpenException;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.rules.PercentageFailuresRule;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lasier's behaviour, the port's contract, run against both breakers on one store. Store modules extend it with
 * their backend; every test reads and writes the store's keys as Lasier would, so the suite also pins the key layout.
 */
public abstract class BreakerBehaviourSuite extends StoreSuite {

    private static final String FAILURES = "svc_failures";
    private static final String REQUESTS = "svc_requests";
    private static final String OPEN_FLAG = "circuit_svc_failures";
    private static final Duration LONG = Duration.ofSeconds(60);

    private TestBreaker maxFailures(BreakerKind kind, int max) {
        return TestBreaker.of(kind, storage(), asyncStorage(), b -> b.rule(new MaxFailuresRule(max, FAILURES)));
    }

    private TestBreaker percentage(BreakerKind kind, double percent, long minRequests) {
        return TestBreaker.of(kind, storage(), asyncStorage(),
                b -> b.rule(new PercentageFailuresRule(percent, FAILURES, minRequests, REQUESTS)));
    }

    private static void fail(TestBreaker breaker, Exception failure) {
        assertThatThrownBy(() -> breaker.call(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    // a. Before the call

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void closedCircuitRunsTheCallAndReturnsItsValue(BreakerKind kind) throws Exception {
        TestBreaker breaker = maxFailures(kind, 3);
        assertThat(breaker.<String>call(() -> "value")).isEqualTo("value");
        assertThat(breaker.isOpen()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void openCircuitRejectsWithoutCalling(BreakerKind kind) {
        keys.set(OPEN_FLAG, 1, LONG); // opened by another instance, written as Lasier writes it
        TestBreaker breaker = maxFailures(kind, 3);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> breaker.call(calls::incrementAndGet))
                .isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining(FAILURES)
                .satisfies(e -> assertThat(((CircuitOpenException) e).circuitName()).isEqualTo(FAILURES))
                .hasNoCause();
        assertThat(calls).hasValue(0);
        assertThat(breaker.isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void aFlagOtherThanOneDoesNotOpenTheCircuit(BreakerKind kind) throws Exception {
        keys.set(OPEN_FLAG, 0, LONG);
        TestBreaker breaker = maxFailures(kind, 3);
        assertThat(breaker.<String>call(() -> "ran")).isEqualTo("ran");
    }

    // b, c. After the call: counting and opening

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void failuresBelowTheThresholdPropagateUnchangedAndAreCounted(BreakerKind kind) {
        TestBreaker breaker = maxFailures(kind, 3);
        fail(breaker, new IOException("one"));
        fail(breaker, new IllegalStateException("two"));
        assertThat(keys.get(FAILURES)).hasValue(2);
        assertThat(breaker.isOpen()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void theFailureThatReachesTheThresholdOpensTheCircuit(BreakerKind kind) {
        TestBreaker breaker = maxFailures(kind, 2);
        fail(breaker, new IOException("one"));
        IOException second = new IOException("two");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw second;
        })).isInstanceOf(CircuitOpenException.class).hasCause(second)
                .satisfies(e -> assertThat(((CircuitOpenException) e).openFor()).hasValue(LONG));

        assertThat(keys.get(OPEN_FLAG)).as("open flag as Lasier writes it").hasValue(1);
        assertThat(hasTtl(OPEN_FLAG)).isTrue();
        assertThat(keys.get(FAILURES)).as("counters deleted on opening").isEmpty();
        assertThat(breaker.isOpen()).isTrue();

        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> breaker.call(calls::incrementAndGet)).isInstanceOf(CircuitOpenException.class);
        assertThat(calls).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void circuitClosesWhenItsTimeoutEnds(BreakerKind kind) throws Exception {
        TestBreaker breaker = TestBreaker.of(kind, storage(), asyncStorage(),
                b -> b.rule(new MaxFailuresRule(1, FAILURES)).circuitTimeout(Duration.ofMillis(400)));
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(CircuitOpenException.class);
        assertThat(breaker.isOpen()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !breaker.isOpen());
        assertThat(breaker.<String>call(() -> "back")).isEqualTo("back");
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void successfulCallsCountRequestsAndCreateTheFailureCounterAtZero(BreakerKind kind) throws Exception {
        TestBreaker breaker = percentage(kind, 50, 10);
        breaker.call(() -> "ok");
        breaker.call(() -> "ok");
        assertThat(keys.get(REQUESTS)).hasValue(2);
        assertThat(keys.get(FAILURES)).as("created with the request counter").hasValue(0);
        assertThat(hasTtl(REQUESTS)).isTrue();
        assertThat(hasTtl(FAILURES)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void maxFailuresRuleCountsNoRequests(BreakerKind kind) throws Exception {
        TestBreaker breaker = maxFailures(kind, 3);
        breaker.call(() -> "ok");
        assertThat(keys.get(FAILURES)).isEmpty();
        assertThat(keys.get(REQUESTS)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void percentageRuleOpensOnlyAboveTheMinimumRequests(BreakerKind kind) throws Exception {
        TestBreaker breaker = percentage(kind, 50, 4);
        breaker.call(() -> "ok");
        breaker.call(() -> "ok");
        fail(breaker, new IOException("1"));
        fail(breaker, new IOException("2")); // 4 requests, 2 failures: 50 %, but 4 is not above 4
        assertThat(keys.get(REQUESTS)).hasValue(4);
        assertThat(keys.get(FAILURES)).hasValue(2);
        assertThat(breaker.isOpen()).isFalse();

        IOException third = new IOException("3"); // 5 requests, 3 failures: 60 %
        assertThatThrownBy(() -> breaker.call(() -> {
            throw third;
        })).isInstanceOf(CircuitOpenException.class).hasCause(third);
        assertThat(keys.get(REQUESTS)).isEmpty();
        assertThat(keys.get(FAILURES)).isEmpty();
        assertThat(keys.get(OPEN_FLAG)).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void percentageRuleStaysClosedJustBelowThePercentage(BreakerKind kind) throws Exception {
        TestBreaker breaker = percentage(kind, 50, 0);
        breaker.call(() -> "ok");
        breaker.call(() -> "ok");
        fail(breaker, new IOException("1")); // 3 requests, 1 failure: 33 %
        assertThat(breaker.isOpen()).isFalse();
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("2"); // 4 requests, 2 failures: exactly 50 %
        })).isInstanceOf(CircuitOpenException.class);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void exceptionsOutsideCatchExceptionsCountOnlyAsRequests(BreakerKind kind) {
        TestBreaker breaker = TestBreaker.of(kind, storage(), asyncStorage(),
                b -> b.rule(new PercentageFailuresRule(10, FAILURES, 0, REQUESTS)).catchExceptions(IOException.class));
        fail(breaker, new IllegalArgumentException("not a failure"));
        fail(breaker, new IllegalArgumentException("still not"));
        assertThat(keys.get(REQUESTS)).hasValue(2);
        assertThat(keys.get(FAILURES)).hasValue(0);
        assertThat(breaker.isOpen()).isFalse();
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new java.io.FileNotFoundException("a subclass counts");
        })).isInstanceOf(CircuitOpenException.class);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void errorsPropagateUntouchedAndAreNotRecorded(BreakerKind kind) {
        TestBreaker breaker = percentage(kind, 10, 0);
        AssertionError error = new AssertionError("an Error, not an Exception");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw error;
        })).isSameAs(error);
        assertThat(keys.get(REQUESTS)).isEmpty();
        assertThat(keys.get(FAILURES)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void nothingIsCountedWhileAnotherInstanceHasOpenedTheCircuit(BreakerKind kind) {
        TestBreaker breaker = percentage(kind, 100, 100);
        IOException failure = new IOException("failed while another instance opened the circuit");
        assertThatThrownBy(() -> breaker.call(() -> {
            keys.set(OPEN_FLAG, 1, LONG); // opened elsewhere while this call ran
            throw failure;
        })).isSameAs(failure);
        assertThat(keys.get(REQUESTS)).isEmpty();
        assertThat(keys.get(FAILURES)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void theFailureWindowIsFixedFromTheCounterCreation(BreakerKind kind) {
        TestBreaker breaker = TestBreaker.of(kind, storage(), asyncStorage(),
                b -> b.rule(new MaxFailuresRule(100, FAILURES)).failureTimeout(Duration.ofMillis(800)));
        long started = System.nanoTime();
        fail(breaker, new IOException("1"));
        sleepMillis(400);
        fail(breaker, new IOException("2")); // must not extend the window
        assertThat(keys.get(FAILURES)).hasValue(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> keys.get(FAILURES).isEmpty());
        long windowMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(windowMillis).as("window ended near 800 ms after creation, not 800 ms after the 2nd failure")
                .isLessThan(1150);
        fail(breaker, new IOException("3"));
        assertThat(keys.get(FAILURES)).as("a new window starts").hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void countersAlwaysHaveATtl(BreakerKind kind) throws Exception {
        TestBreaker breaker = percentage(kind, 90, 1000);
        for (int i = 0; i < 20; i++) {
            if (i % 3 == 0) {
                fail(breaker, new IOException("f" + i));
            } else {
                breaker.call(() -> "ok");
            }
            for (String key : List.of(FAILURES, REQUESTS)) {
                assertThat(hasTtl(key)).as("%s has a TTL after call %d", key, i).isTrue();
            }
        }
        assertThat(keys.get(REQUESTS)).hasValue(20);
        assertThat(keys.get(FAILURES)).hasValue(7);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void failureExceptionFromASupplierGetsTheCause(BreakerKind kind) {
        TestBreaker breaker = TestBreaker.of(kind, storage(), asyncStorage(),
                b -> b.rule(new MaxFailuresRule(1, FAILURES)).failureException(() -> new UnsupportedOperationException("down")));
        IOException failure = new IOException("boom");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw failure;
        })).isInstanceOf(UnsupportedOperationException.class).hasMessage("down").hasCause(failure);
        assertThatThrownBy(() -> breaker.call(() -> "never"))
                .isInstanceOf(UnsupportedOperationException.class).hasNoCause();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void failureExceptionFromAFactorySeesNameAndCause(BreakerKind kind) {
        TestBreaker breaker = TestBreaker.of(kind, storage(), asyncStorage(),
                b -> b.rule(new MaxFailuresRule(1, FAILURES)).name("payments")
                        .failureException((name, openFor, cause) -> new IllegalStateException(name + " open", cause)));
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("x");
        })).isInstanceOf(IllegalStateException.class).hasMessage("payments open").hasCauseInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void keyPrefixNamespacesEveryKey(BreakerKind kind) {
        TestBreaker breaker = TestBreaker.of(kind, storage(), asyncStorage(),
                b -> b.rule(new PercentageFailuresRule(50, FAILURES, 0, REQUESTS)).keyPrefix("app1:"));
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("x");
        })).isInstanceOf(CircuitOpenException.class);
        assertThat(keys.get("app1:" + OPEN_FLAG)).hasValue(1);
        assertThat(keys.get(OPEN_FLAG)).isEmpty();
        // A breaker without the prefix is a different circuit.
        assertThat(maxFailures(kind, 1).isOpen()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(BreakerKind.class)
    void twoBreakersOnOneStoreShareTheCircuit(BreakerKind kind) {
        TestBreaker first = maxFailures(kind, 4);
        TestBreaker second = maxFailures(kind, 4);
        fail(first, new IOException("1"));
        fail(second, new IOException("2"));
        fail(first, new IOException("3"));
        assertThat(keys.get(FAILURES)).hasValue(3);
        assertThatThrownBy(() -> second.call(() -> {
            throw new IOException("4");
        })).isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> first.call(() -> "rejected")).isInstanceOf(CircuitOpenException.class);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
