package io.github.lasier.cli.ops;

import io.github.lasier.cli.CliException;
import io.github.lasier.cli.Json;
import io.github.lasier.cli.Terminal;
import io.github.lasier.cli.store.KeyState;
import io.github.lasier.cli.store.StoreConnection;
import io.github.lasier.cli.store.StoreConnections;
import io.github.lasier.cli.store.StoreInspector;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code lasier status [NAME]}: the circuits in a shared store. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Shows circuits in a shared store: open, half-open or closed, time left open, the failure and request"
                    + " counters with their windows' time left, and a half-open circuit's probes.",
            "Without NAME, lists every open or half-open circuit (every circuit_* flag or half-open marker). A"
                    + " closed circuit leaves only its counters, whose keys are the rule's choice, so it is shown"
                    + " only when named."},
        footer = {"", "Example: lasier status payments_failures --request-key payments_requests"
                + " --store redis://127.0.0.1:6379"})
public final class StatusCommand extends StoreOperation {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The circuit: its rule's failure key.")
    String name;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    /** @param terminal where to write */
    public StatusCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        var uri = start();
        if (name == null && circuitArguments.requestKey != null) {
            throw new ParameterException(spec.commandLine(), "--request-key needs a circuit NAME");
        }
        CircuitKeys named = name == null ? null : keys(name);
        try (StoreConnection connection = StoreConnections.open(uri)) {
            StoreInspector inspector = connection.inspector();
            List<CircuitStatus> circuits = new ArrayList<>();
            if (named != null) {
                CircuitStatus status = CircuitStatus.read(named, inspector);
                if (status.isAbsent()) {
                    throw new CliException(NotFound.message(named, connection));
                }
                circuits.add(status);
            } else {
                // A circuit may have both a flag and a marker; the leases and the successes belong to those circuits.
                Set<String> names = new TreeSet<>();
                for (String key : inspector.keysStartingWith(named(storeOptions.keyPrefix))) {
                    String circuitName = CircuitKeys.nameOf(key, storeOptions.keyPrefix);
                    if (circuitName != null) {
                        names.add(circuitName);
                    }
                }
                for (String circuitName : names) {
                    circuits.add(CircuitStatus.read(CircuitKeys.of(circuitName, null, storeOptions.keyPrefix),
                            inspector));
                }
            }
            print(connection, circuits);
        }
        return 0;
    }

    private static String named(String keyPrefix) {
        return keyPrefix + io.github.lasier.store.Circuit.OPEN_KEY_PREFIX;
    }

    private void print(StoreConnection connection, List<CircuitStatus> circuits) {
        PrintWriter out = terminal.out();
        if (json) {
            out.println(new Json.Obj().put("store", connection.uri().toString())
                    .put("circuits", circuits.stream().map(CircuitStatus::toJson).toList()));
        } else if (circuits.isEmpty()) {
            out.println("No open or half-open circuit in " + connection.uri() + ". Closed circuits are shown when"
                    + " named: lasier status NAME");
        } else {
            out.println(row("CIRCUIT", "STATE", "OPEN LEFT", "FAILURES", "WINDOW LEFT", "REQUESTS", "WINDOW LEFT",
                    "PROBES"));
            for (CircuitStatus circuit : circuits) {
                boolean hasRequestKey = circuit.keys().circuit().requestKey() != null;
                out.println(row(circuit.name(),
                        circuit.state().label(),
                        circuit.isOpen() ? ttl(circuit.flag().get()) : "-",
                        value(circuit.failures()), circuit.failures().map(StatusCommand::ttl).orElse("-"),
                        hasRequestKey ? value(circuit.requests()) : "n/a",
                        circuit.requests().map(StatusCommand::ttl).orElse("-"),
                        probes(circuit)));
            }
            if (circuits.stream().anyMatch(c -> c.keys().circuit().requestKey() == null)) {
                out.println("(REQUESTS n/a: the request counter's key is the rule's choice; give it with"
                        + " --request-key)");
            }
        }
        out.flush();
    }

    private static String row(String... cells) {
        return String.format(Locale.ROOT, "%-24s %-9s %-10s %-9s %-12s %-9s %-12s %s", (Object[]) cells)
                .stripTrailing();
    }

    /** A half-open circuit's probes; for an open one, that a half-open round follows. */
    private static String probes(CircuitStatus circuit) {
        return switch (circuit.state()) {
            // A successful probe keeps its lease until the round ends: leases held are not probes under way.
            case HALF_OPEN -> circuit.probeLeases() + (circuit.probeLeases() == 1 ? " probe lease" : " probe leases")
                    + " held, " + circuit.probeSuccesses() + " succeeded";
            case OPEN -> circuit.hasHalfOpenRound() ? "half-open next" : "-";
            default -> "-";
        };
    }

    private static String value(Optional<KeyState> state) {
        return state.map(KeyState::value).orElse("0");
    }

    private static String ttl(KeyState state) {
        return state.expires() ? String.format(Locale.ROOT, "%.1fs", state.ttlMillis() / 1000.0) : "no expiry";
    }
}
