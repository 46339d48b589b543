package io.github.lasier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lasier.StoreHealth.Route;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's health on a controlled clock, and what it logs (slf4j-simple prints to the current System.err). */
class StoreHealthTest {

    private static final long RETRY = 1_000;

    private final AtomicLong now = new AtomicLong(5_000);
    private final StoreHealth health = new StoreHealth("flappy", RETRY, now::get);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        System.setErr(originalErr);
    }

    private long warnings() {
        return log.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("WARN") && line.contains("'flappy' is unavailable")).count();
    }

    private void failOnce() {
        Route route = health.route();
        health.failed(route, new IllegalStateException("refused"));
    }

    private void probeSucceeds() {
        now.addAndGet(RETRY);
        assertThat(health.route()).isEqualTo(Route.PROBE);
        health.succeeded(Route.PROBE);
    }

    @Test
    void aStoreThatFailsAgainRightAfterEachProbeIsOneOutageInTheLog() {
        failOnce();
        for (int flap = 0; flap < 5; flap++) {
            probeSucceeds();
            assertThat(health.isAvailable()).isTrue();
            now.addAndGet(RETRY / 10);
            health.succeeded(health.route());
            failOnce();
            assertThat(health.isAvailable()).isFalse();
        }

        assertThat(warnings()).as("one warning for the whole flapping outage").isEqualTo(1);
        assertThat(health.isOutageLogged()).as("its end not logged: the store never stayed back").isTrue();
    }

    @Test
    void theEndIsLoggedOnceTheStoreStayedBackForARetryIntervalAndANewOutageWarnsAgain() {
        failOnce();
        probeSucceeds();
        health.succeeded(health.route());
        assertThat(health.isOutageLogged()).as("back, but not yet for a retry interval").isTrue();

        now.addAndGet(RETRY);
        health.succeeded(health.route());
        assertThat(health.isOutageLogged()).as("the end was logged").isFalse();

        now.addAndGet(RETRY * 60);
        failOnce();
        assertThat(warnings()).as("a new outage is warned about again").isEqualTo(2);
    }

    @Test
    void aSlowCallEndingAfterTheOutageBeganDoesNotEndIt() {
        failOnce();
        now.addAndGet(RETRY * 5);
        health.succeeded(Route.STORE);

        assertThat(health.isAvailable()).isFalse();
        assertThat(health.isOutageLogged()).isTrue();
    }

    @Test
    void onlyOneCallProbesAtATimeAndAProbeThatNeverReportsLosesItsClaim() {
        failOnce();
        now.addAndGet(RETRY);
        assertThat(health.route()).isEqualTo(Route.PROBE);
        assertThat(health.route()).as("a second caller while the probe runs").isEqualTo(Route.FALLBACK);
        now.addAndGet(RETRY + 4_000_000_000L);
        assertThat(health.route()).as("the probe has not reported yet").isEqualTo(Route.FALLBACK);
        now.addAndGet(1_000_000_000L);
        assertThat(health.route()).as("its claim ended: another call may probe").isEqualTo(Route.PROBE);
    }

    @Test
    void anAbandonedProbeGivesItsClaimBackWithoutChangingTheState() {
        failOnce();
        now.addAndGet(RETRY);
        assertThat(health.route()).isEqualTo(Route.PROBE);
        health.abandoned(Route.PROBE);
        assertThat(health.isAvailable()).isFalse();
        assertThat(health.route()).isEqualTo(Route.PROBE);
    }
}
