package io.github.lasier.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.Permit;
import io.github.lasier.redis.testing.RedisServerExtension;
import io.github.lasier.redis.testing.TestStorages;
import io.github.lasier.rules.ConsecutiveFailuresRule;
import io.github.lasier.rules.Rule;
import io.github.lasier.rules.SlidingWindowRule;
import io.github.lasier.rules.SlowCallRule;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The new rules' and the half-open state's keys, under a mix of calls from several threads on two connections
 * (two instances) with short timeouts so that circuits open, go half-open, probe, reopen and close many times: no key
 * ever lives without a TTL, and every key is one of the documented ones.
 */
class NewKeysTtlTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Pattern DOCUMENTED = Pattern.compile(
            "(run\\d_failures|slow\\d_failures|win\\d_(failures|requests):\\d+"
                    + "|circuit_(run|slow|win)\\d_failures(:half_open|:probe:[12]|:probe_successes)?)");

    private static Rule rule(int circuit) {
        switch (circuit % 3) {
            case 0:
                return new ConsecutiveFailuresRule(2, "run" + circuit + "_failures");
            case 1:
                return new SlidingWindowRule(30, 3, Duration.ofMillis(200), Duration.ofMillis(50),
                        "win" + circuit + "_failures", "win" + circuit + "_requests");
            default:
                return new SlowCallRule(new ConsecutiveFailuresRule(2, "slow" + circuit + "_failures"),
                        Duration.ofMillis(5));
        }
    }

    @Test
    void noNewKeyEverLivesWithoutTtlAndNoneIsUndocumented() throws Exception {
        try (RedisStorage one = TestStorages.connect(REDIS.server());
                RedisStorage other = TestStorages.connect(REDIS.server())) {
            Map<String, Throwable> unexpected = new ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            long stopAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (int t = 0; t < 4; t++) {
                RedisStorage storage = t % 2 == 0 ? one : other;
                int thread = t;
                Thread caller = new Thread(() -> {
                    List<CircuitBreaker> syncs = new ArrayList<>();
                    List<AsyncCircuitBreaker> asyncs = new ArrayList<>();
                    for (int circuit = 0; circuit < 6; circuit++) {
                        syncs.add(CircuitBreaker.builder().rule(rule(circuit)).storage(storage)
                                .circuitTimeout(Duration.ofMillis(30)).failureTimeout(Duration.ofMillis(500))
                                .halfOpen(2, 2, Duration.ofMillis(100)).build());
                        asyncs.add(AsyncCircuitBreaker.builder().rule(rule(circuit)).storage(storage.async())
                                .circuitTimeout(Duration.ofMillis(30)).failureTimeout(Duration.ofMillis(500))
                                .halfOpen(2, 2, Duration.ofMillis(100)).build());
                    }
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < stopAt) {
                        int circuit = random.nextInt(6);
                        boolean failing = random.nextInt(3) == 0;
                        boolean slow = random.nextInt(10) == 0;
                        try {
                            switch (random.nextInt(3)) {
                                case 0:
                                    syncs.get(circuit).execute(() -> call(failing, slow));
                                    break;
                                case 1:
                                    asyncs.get(circuit).execute(() -> failing
                                            ? CompletableFuture.failedFuture(new IOException("down"))
                                            : CompletableFuture.completedFuture("ok"))
                                            .exceptionally(e -> null).toCompletableFuture().join();
                                    break;
                                default:
                                    Permit permit = syncs.get(circuit).acquirePermission();
                                    if (failing) {
                                        syncs.get(circuit).onError(permit, new IOException("down"));
                                    } else {
                                        syncs.get(circuit).onSuccess(permit);
                                    }
                                    break;
                            }
                        } catch (IOException | io.github.lasier.CircuitOpenException expected) {
                            // failures and rejections are part of the mix
                        } catch (Throwable other1) {
                            unexpected.put(other1.toString(), other1);
                        }
                    }
                }, "caller-" + thread);
                caller.start();
                threads.add(caller);
            }
            for (Thread thread : threads) {
                thread.join(30_000);
                assertThat(thread.isAlive()).isFalse();
            }

            assertThat(unexpected).isEmpty();
            assertThat(KeyHygiene.keyCount(REDIS.server())).as("the calls left keys to check").isPositive();
            assertThat(KeyHygiene.keysWithoutTtl(REDIS.server())).isEmpty();
            @SuppressWarnings("unchecked")
            List<String> keys = (List<String>) REDIS.server().command("KEYS", "*");
            assertThat(keys).allMatch(key -> DOCUMENTED.matcher(key).matches(), "a documented key");
        }
    }

    private static String call(boolean failing, boolean slow) throws IOException {
        if (slow) {
            try {
                Thread.sleep(8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing) {
            throw new IOException("down");
        }
        return "ok";
    }
}
