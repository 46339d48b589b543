package io.github.lasier.cli.demo;

import io.github.lasier.AsyncCircuitBreaker;
import io.github.lasier.CircuitBreaker;
import io.github.lasier.cli.CliException;
import io.github.lasier.cli.CommonOptions;
import io.github.lasier.cli.DurationConverter;
import io.github.lasier.cli.Logging;
import io.github.lasier.cli.Terminal;
import io.github.lasier.cli.TypedValue;
import io.github.lasier.cli.store.StoreConnection;
import io.github.lasier.cli.store.StoreConnections;
import io.github.lasier.cli.store.StoreUri;
import io.github.lasier.cli.store.StoreUriConverter;
import io.github.lasier.rules.Rule;
import io.github.lasier.rules.SlowCallRule;
import io.github.lasier.storage.Ttl;
import io.github.lasier.store.Circuit;
import io.github.lasier.store.HalfOpen;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lasier demo}: a flaky HTTP service, concurrent clients, and a breaker between them, live. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Starts an HTTP service on a loopback port that is healthy, then fails (HTTP 500 and slow answers),"
                    + " then recovers; drives concurrent clients at it through a circuit breaker; prints a line"
                    + " per second and a summary of what the breaker spared the failing service.",
            "With --store redis://..., two demos in two terminals share one circuit."},
        footer = {"", "Example: lasier demo --schedule healthy:5s,failing:5s,healthy:10s --circuit-timeout 3s",
            "         lasier demo --half-open 2 --rule consecutive:5"})
public final class DemoCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--schedule", paramLabel = "PHASES", defaultValue = Schedule.DEFAULT,
            description = "The service's phases, each healthy or failing with a duration. Default: ${DEFAULT-VALUE}")
    String schedule;

    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "8",
            description = "Clients calling concurrently. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--rate", paramLabel = "CALLS", defaultValue = "20",
            description = "Calls a second each client starts. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--rule", paramLabel = "RULE", defaultValue = "max-failures",
            description = {"max-failures, percentage, consecutive[:N] (N failures in a row, default 5) or"
                    + " sliding-window[:PCT[:MIN[:WINDOW[:BUCKET]]]] (PCT%% failures of at least MIN calls in the"
                    + " last WINDOW, counted in buckets of BUCKET; default 50:20:10s:1s). Default: ${DEFAULT-VALUE}"})
    String rule;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "10",
            description = "max-failures rule: failures in one window that open the circuit. Default: ${DEFAULT-VALUE}")
    long maxFailures;

    @Option(names = "--percentage", paramLabel = "PCT", defaultValue = "50",
            description = "percentage rule: failure percentage that opens the circuit. Default: ${DEFAULT-VALUE}")
    double percentage;

    @Option(names = "--min-requests", paramLabel = "N", defaultValue = "20",
            description = "percentage rule: requests a window must exceed before it may open. Default: ${DEFAULT-VALUE}")
    long minRequests;

    @Option(names = "--slow-call", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A call slower than this counts as a failure even when it succeeds (the rule is wrapped in"
                    + " a SlowCallRule). Default: none")
    Duration slowCall;

    @Option(names = "--failure-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "The counters' window. Default: ${DEFAULT-VALUE}")
    Duration failureTimeout;

    @Option(names = "--circuit-timeout", paramLabel = "DURATION", defaultValue = "4s",
            converter = DurationConverter.class,
            description = "How long the circuit stays open. Default: ${DEFAULT-VALUE}")
    Duration circuitTimeout;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "500ms",
            converter = DurationConverter.class,
            description = "How long a client waits for an answer; a slower one is a failure. Default: ${DEFAULT-VALUE}")
    Duration requestTimeout;

    @Option(names = "--slow-share", paramLabel = "FRACTION", defaultValue = "0.3",
            description = "Share (0 to 1) of the failing service's answers that come too late. Default: ${DEFAULT-VALUE}")
    double slowShare;

    @Option(names = "--half-open", paramLabel = "N",
            description = "Probe before closing: once the circuit's time open is over, up to N calls (across every"
                    + " demo sharing the store) run as probes and the others are rejected; their successes close the"
                    + " circuit, a failure opens it again. Default: off (the circuit closes when its time is over)")
    Integer halfOpen;

    @Option(names = "--successes-to-close", paramLabel = "K",
            description = "With --half-open: successful probes that close the circuit, 1 to N. Default: N")
    Integer successesToClose;

    @Option(names = "--probe-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --half-open: how long a probe holds its permit if it never reports. Default: the"
                    + " circuit timeout")
    Duration probeTimeout;

    @Option(names = "--async", description = "Use AsyncCircuitBreaker and the asynchronous HTTP client.")
    boolean async;

    @Option(names = "--store", paramLabel = "URI", defaultValue = "memory", converter = StoreUriConverter.class,
            description = "Where the circuit lives: memory, or redis://host:port to share it. Default: ${DEFAULT-VALUE}")
    StoreUri store;

    @Option(names = "--circuit", paramLabel = "NAME", defaultValue = "lasier_demo",
            description = "The circuit's failure key; its open flag is circuit_NAME. Default: ${DEFAULT-VALUE}")
    String circuit;

    @Option(names = "--json-summary", paramLabel = "FILE",
            description = "Also write the summary as JSON to FILE (- for standard output).")
    String jsonSummary;

    @Option(names = "--plain", description = "No live progress line and no colours, even on a terminal.")
    boolean plain;

    /** Clients are platform threads; more than this would measure the machine, not the breaker. */
    private static final int MAX_CONCURRENCY = 1_000;

    /** @param terminal where to write, and whether a person watches */
    public DemoCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        Logging.configure(common.verbose());
        Schedule phases = parseSchedule();
        checkPositive("--concurrency", concurrency);
        checkPositive("--rate", rate);
        if (!(slowShare >= 0 && slowShare <= 1)) {
            throw usage("--slow-share must be between 0 and 1, got: " + slowShare);
        }
        if (requestTimeout.toMillis() < 1) {
            throw usage("invalid value for option '--request-timeout': must be at least 1ms, got: '"
                    + TypedValue.of(spec, "--request-timeout", requestTimeout) + "'");
        }
        // The library would refuse these too, but as an unexpected error showing the value as PT0S.
        checkTtl("--failure-timeout", failureTimeout);
        checkTtl("--circuit-timeout", circuitTimeout);
        if (concurrency > MAX_CONCURRENCY) {
            throw usage("--concurrency must be at most " + MAX_CONCURRENCY + " (a thread each), got: " + concurrency);
        }
        if (circuit.isBlank()) {
            throw usage("invalid value for option '--circuit': must not be blank, got: '" + circuit + "'");
        }
        DemoRule breakerRule = rule();
        HalfOpen probing = halfOpen();
        try (StoreConnection connection = StoreConnections.open(store)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(requestTimeout).build();
            Function<URI, GuardedCall> callTo = async
                    ? uri -> GuardedCall.async(asyncBreaker(breakerRule.rule(), probing, connection), http, uri,
                            requestTimeout)
                    : uri -> GuardedCall.sync(syncBreaker(breakerRule.rule(), probing, connection), http, uri,
                            requestTimeout);
            DemoRun run = new DemoRun(phases, concurrency, rate, slowShare, requestTimeout.multipliedBy(4),
                    requestTimeout, probing == null ? null : halfOpenMarker(breakerRule.rule(), probing, connection),
                    slowCall);
            ConsoleRenderer renderer = new ConsoleRenderer(terminal.out(), terminal.interactive() && !plain,
                    probing != null, slowCall != null);
            Summary summary = run.play(callTo, renderer, settings(phases, breakerRule, probing));
            renderer.summary(summary);
            writeJson(summary);
        }
        return 0;
    }

    private Schedule parseSchedule() {
        try {
            return Schedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--schedule': " + e.getMessage());
        }
    }

    private DemoRule rule() {
        DemoRule chosen;
        try {
            chosen = DemoRule.parse(rule, circuit,
                    new DemoRule.ClassicOptions(maxFailures, percentage, minRequests, failureTimeout));
        } catch (DemoRule.InvalidValue e) {
            throw usage("invalid value for option '--rule': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // The rule names its own parameters; say which options they came from.
            throw usage("invalid rule options (--max-failures, --percentage, --min-requests, --circuit): "
                    + e.getMessage());
        }
        if (slowCall == null) {
            return chosen;
        }
        checkTtl("--slow-call", slowCall);
        return new DemoRule(new SlowCallRule(chosen.rule(), slowCall),
                chosen.description() + ", a call slower than " + DurationConverter.format(slowCall) + " fails");
    }

    /** The half-open settings the options ask for, checked; {@code null} without {@code --half-open}. */
    private HalfOpen halfOpen() {
        if (halfOpen == null) {
            if (successesToClose != null || probeTimeout != null) {
                throw usage((successesToClose != null ? "--successes-to-close" : "--probe-timeout")
                        + " needs --half-open N (the probes permitted)");
            }
            return null;
        }
        if (halfOpen < 1 || halfOpen > HalfOpen.MAX_PROBES) {
            throw usage("invalid value for option '--half-open': must be from 1 to " + HalfOpen.MAX_PROBES
                    + ", got: " + halfOpen);
        }
        int toClose = successesToClose == null ? halfOpen : successesToClose;
        if (toClose < 1 || toClose > halfOpen) {
            throw usage("invalid value for option '--successes-to-close': must be from 1 to --half-open ("
                    + halfOpen + "), got: " + toClose);
        }
        Duration leaseFor = probeTimeout == null ? circuitTimeout : probeTimeout;
        if (probeTimeout != null) {
            checkTtl("--probe-timeout", probeTimeout);
        }
        return new HalfOpen(halfOpen, toClose, leaseFor);
    }

    /** @param probing the half-open settings, or {@code null} for Lasier's open-then-closed cycle */
    private CircuitBreaker syncBreaker(Rule breakerRule, HalfOpen probing, StoreConnection connection) {
        CircuitBreaker.Builder builder = CircuitBreaker.builder().rule(breakerRule).storage(connection.storage())
                .failureTimeout(failureTimeout).circuitTimeout(circuitTimeout);
        if (probing != null) {
            builder.halfOpen(probing.permittedProbes(), probing.successesToClose(), probing.probeTimeout());
        }
        return builder.build();
    }

    /** @param probing the half-open settings, or {@code null} for Lasier's open-then-closed cycle */
    private AsyncCircuitBreaker asyncBreaker(Rule breakerRule, HalfOpen probing, StoreConnection connection) {
        AsyncCircuitBreaker.Builder builder = AsyncCircuitBreaker.builder().rule(breakerRule)
                .storage(connection.asyncStorage()).failureTimeout(failureTimeout).circuitTimeout(circuitTimeout);
        if (probing != null) {
            builder.halfOpen(probing.permittedProbes(), probing.successesToClose(), probing.probeTimeout());
        }
        return builder.build();
    }

    /**
     * Whether the store holds the circuit's half-open marker, read as breakers read it (it holds 1). The breaker's own
     * check says only open or not, and a half-open circuit is not open.
     */
    private BooleanSupplier halfOpenMarker(Rule breakerRule, HalfOpen probing, StoreConnection connection) {
        String markerKey = Circuit.of(circuit, breakerRule, failureTimeout, circuitTimeout, "", probing)
                .halfOpenKey();
        return () -> {
            OptionalLong marker = connection.storage().get(markerKey);
            return marker.isPresent() && marker.getAsLong() == 1;
        };
    }

    private List<String> settings(Schedule phases, DemoRule breakerRule, HalfOpen probing) {
        List<String> lines = new ArrayList<>();
        lines.add("lasier demo: " + phases + " (" + DurationConverter.format(phases.total()) + "), "
                + concurrency + " clients x " + trim(rate) + " calls/s, request timeout "
                + DurationConverter.format(requestTimeout));
        lines.add("breaker: " + (async ? "AsyncCircuitBreaker" : "CircuitBreaker") + ", " + breakerRule.description()
                + ", open for " + DurationConverter.format(circuitTimeout) + ", circuit '" + circuit + "' in store "
                + store);
        if (probing != null) {
            lines.add("half-open: up to " + probing.permittedProbes() + " probe"
                    + (probing.permittedProbes() == 1 ? "" : "s") + " at once, " + probing.successesToClose()
                    + (probing.successesToClose() == 1 ? " success closes" : " successes close") + " the circuit,"
                    + " a failure opens it again; a probe's permit lasts "
                    + DurationConverter.format(probing.probeTimeout()));
        }
        return lines;
    }

    private void writeJson(Summary summary) {
        if (jsonSummary == null) {
            return;
        }
        if (jsonSummary.equals("-")) {
            terminal.out().println(summary.toJson());
            terminal.out().flush();
            return;
        }
        try {
            Files.writeString(Path.of(jsonSummary), summary.toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot write the JSON summary to '" + jsonSummary + "': " + e.getMessage(), e);
        }
    }

    private void checkPositive(String option, double value) {
        if (!(value > 0)) {
            throw usage("invalid value for option '" + option + "': must be more than 0, got: " + trim(value));
        }
    }

    /** A duration the store keeps as a TTL: from 1 ms to {@link Ttl#MAX}; the error echoes the value as typed. */
    private void checkTtl(String option, Duration value) {
        if (value.toMillis() < 1 || value.compareTo(Ttl.MAX) > 0) {
            throw usage("invalid value for option '" + option + "': must be from 1ms to " + Ttl.MAX.toDays()
                    + " days, got: '" + TypedValue.of(spec, option, value) + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
