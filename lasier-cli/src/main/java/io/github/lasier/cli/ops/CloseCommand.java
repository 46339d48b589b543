package io.github.lasier.cli.ops;

import io.github.lasier.BreakerBuilder;
import io.github.lasier.cli.CliException;
import io.github.lasier.cli.Terminal;
import io.github.lasier.cli.store.StoreConnection;
import io.github.lasier.cli.store.StoreConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lasier close NAME}: closes a circuit and clears its counters. */
@Command(name = "close", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Closes a circuit for every instance sharing the store and clears its counters (give"
                + " --request-key to clear the request counter too) and any half-open round: marker, probe leases"
                + " and successes.",
        footer = {"", "Example: lasier close payments_failures --store redis://127.0.0.1:6379"})
public final class CloseCommand extends StoreOperation {

    @Parameters(paramLabel = "NAME", description = "The circuit: its rule's failure key.")
    String name;

    /** @param terminal where to write */
    public CloseCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    public Integer call() {
        var uri = start();
        CircuitKeys keys = keys(name);
        try (StoreConnection connection = StoreConnections.open(uri)) {
            CircuitStatus before = CircuitStatus.read(keys, connection.inspector());
            if (before.isAbsent()) {
                throw new CliException(NotFound.message(keys, connection));
            }
            breaker(name, connection, BreakerBuilder.DEFAULT_TIMEOUT, null).close();
            terminal.out().println("Circuit '" + name + "' is closed in " + connection.uri() + " (it was "
                    + before.state().label() + "); " + keys.clearedCounters()
                    + (before.hasHalfOpenRound() || before.probeLeases() > 0 ? "; ended its half-open round" : "")
                    + ".");
            terminal.out().flush();
        }
        return 0;
    }
}
