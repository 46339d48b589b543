package io.github.lasier.cli.ops;

import io.github.lasier.cli.DurationConverter;
import io.github.lasier.cli.Terminal;
import io.github.lasier.cli.TypedValue;
import io.github.lasier.cli.store.StoreConnection;
import io.github.lasier.cli.store.StoreConnections;
import io.github.lasier.storage.Ttl;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lasier open NAME --for DURATION}: forces a circuit open for every instance sharing the store. */
@Command(name = "open", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Forces a circuit open for every instance sharing the store, Java or Python: sets its open"
                + " flag for the given time and clears its counters and any half-open round, as a breaker does when"
                + " its rule trips.",
        footer = {"", "Example: lasier open payments_failures --for 5m --store redis://127.0.0.1:6379"})
public final class OpenCommand extends StoreOperation {

    @Parameters(paramLabel = "NAME", description = "The circuit: its rule's failure key.")
    String name;

    @Option(names = "--for", paramLabel = "DURATION", required = true, converter = DurationConverter.class,
            description = "How long it stays open, such as 30s or 5m.")
    Duration openFor;

    @Option(names = "--half-open",
            description = "Then half-open instead of closed: breakers built with halfOpen(...) let only their probes"
                    + " through until enough succeed (breakers without it ignore this). The round waits for a first"
                    + " probe up to twice DURATION after the open period.")
    boolean halfOpen;

    /** @param terminal where to write */
    public OpenCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        var uri = start();
        CircuitKeys keys = keys(name);
        if (openFor.toMillis() < 1 || openFor.compareTo(Ttl.MAX) > 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for option '--for': must be from 1ms to " + Ttl.MAX.toDays() + " days, got: '"
                            + TypedValue.of(spec, "--for", openFor) + "'");
        }
        try (StoreConnection connection = StoreConnections.open(uri)) {
            // Opening starts a half-open round and ends any earlier one; without --half-open the new round's marker
            // goes at once, and until then the flag, which is checked first, keeps the circuit open either way.
            breaker(name, connection, openFor, null).open();
            if (!halfOpen) {
                connection.storage().delete(keys.circuit().halfOpenKey());
            }
            terminal.out().println("Circuit '" + name + "' is open for " + DurationConverter.format(openFor)
                    + (halfOpen ? ", then half-open," : "") + " in " + connection.uri() + " (key "
                    + keys.circuit().openKey() + (halfOpen ? ", marker " + keys.circuit().halfOpenKey() : "") + "); "
                    + keys.clearedCounters() + ".");
            terminal.out().flush();
        }
        return 0;
    }
}
