package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.MaxFailuresRule;
import io.github.lasier.store.AsyncCircuitStore;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.CircuitStore;
import io.github.lasier.store.HalfOpen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two instances (two connections), eight threads each, all asking for a permit while the circuit is open and going
 * on asking until its open period ends: the first answer each gets after that is a probe lease or a refusal, and
 * exactly as many leases as the circuit permits (or as there are callers) are granted in all, round after round.
 */
class HalfOpenConcurrencyTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final int THREADS_PER_INSTANCE = 8;
    private static final int CALLERS = 2 * THREADS_PER_INSTANCE;
    private static final int ROUNDS = 5;

    private RedisStorage instanceA;
    private RedisStorage instanceB;

    @BeforeEach
    void connect() {
        instanceA = TestStorages.connect(REDIS.server());
        instanceB = TestStorages.connect(REDIS.server());
    }

    @AfterEach
    void disconnect() {
        instanceA.close();
        instanceB.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 40})
    void exactlyThePermittedProbesAreGrantedWhenTheOpenPeriodEnds(int permittedProbes) throws Exception {
        Circuit circuit = Circuit.of("race", new MaxFailuresRule(1, "race_failures"), Duration.ofSeconds(30),
                Duration.ofMillis(300), "", new HalfOpen(permittedProbes, 1, Duration.ofSeconds(30)));
        // Instance A's threads wait on the sync store, instance B's on the async one: both share one implementation.
        CircuitStore syncA = instanceA.circuitStore();
        AsyncCircuitStore asyncB = instanceB.asyncCircuitStore();
        List<LongUnaryOperator> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            callers.add(t % 2 == 0 ? token -> syncA.acquirePermit(circuit, token)
                    : token -> asyncB.acquirePermit(circuit, token).toCompletableFuture().join());
        }
        int expected = Math.min(permittedProbes, CALLERS);

        for (int round = 0; round < ROUNDS; round++) {
            syncA.close(circuit);
            syncA.open(circuit);

            List<Long> answers = firstAnswersAfterTheOpenPeriod(callers, round);

            assertThat(answers).as("round %d", round).isSubsetOf(CircuitStore.PROBE_GRANTED,
                    CircuitStore.PROBES_IN_FLIGHT);
            assertThat(answers.stream().filter(answer -> answer == CircuitStore.PROBE_GRANTED).count())
                    .as("probes granted in round %d", round).isEqualTo(expected);
            assertThat(leasesHeld(circuit)).as("leases in round %d, each holding a distinct token", round)
                    .hasSize(expected).doesNotHaveDuplicates();
        }
    }

    /** Each caller asks, with its own token, until the circuit is no longer open; answers what it got then. */
    private static List<Long> firstAnswersAfterTheOpenPeriod(List<LongUnaryOperator> callers, int round)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> answers = new ArrayList<>();
            for (int t = 0; t < callers.size(); t++) {
                LongUnaryOperator caller = callers.get(t);
                long token = 1 + round * 1_000L + t;
                answers.add(pool.submit(() -> {
                    start.await();
                    long answer;
                    do {
                        answer = caller.applyAsLong(token);
                    } while (answer >= 0);
                    return answer;
                }));
            }
            start.countDown();
            List<Long> result = new ArrayList<>();
            for (Future<Long> answer : answers) {
                result.add(answer.get());
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> leasesHeld(Circuit circuit) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < circuit.probeKeyCount(); i++) {
            Object token = REDIS.server().command("GET", circuit.probeKey(i));
            if (token != null) {
                tokens.add((String) token);
            }
        }
        return tokens;
    }
}
