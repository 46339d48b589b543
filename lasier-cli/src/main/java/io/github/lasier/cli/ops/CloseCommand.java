package io.github.lasier.cli.ops;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.cli.CliException;
import io.github.lasier.cli.CommonOptions;
import io.github.lasier.cli.Logging;
import io.github.lasier.cli.Terminal;
import io.github.lasier.cli.store.StoreConnection;
import io.github.lasier.cli.store.StoreConnections;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lasier close NAME}: closes a circuit and clears its counters. */
@Command(name = "close", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Closes a circuit for every instance sharing the store and clears its counters (give"
                + " --request-key to clear the request counter too).",
        footer = {"", "Example: lasier close payments_failures --store redis://127.0.0.1:6379"})
public final class CloseCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    CircuitArguments circuitArguments = new CircuitArguments();

    @Parameters(paramLabel = "NAME", description = "The circuit: its rule's failure key.")
    String name;

    /** @param terminal where to write */
    public CloseCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Logging.configure(common.verbose());
        var uri = storeOptions.require(spec);
        CircuitKeys keys = circuitArguments.keys(spec, name, storeOptions);
        try (StoreConnection connection = StoreConnections.open(uri)) {
            CircuitStatus before = CircuitStatus.read(keys, connection.inspector());
            if (before.isAbsent()) {
                throw new CliException(NotFound.message(keys, connection));
            }
            CircuitBreaker.builder().rule(new KeysOnlyRule(name, circuitArguments.requestKey))
                    .storage(connection.storage()).keyPrefix(storeOptions.keyPrefix)
                    // An operator must hear that the store refused: no local fallback for a forced state.
                    .storeFailurePolicy(StoreFailurePolicy.PROPAGATE).build().close();
            terminal.out().println("Circuit '" + name + "' is closed in " + connection.uri() + " (it was "
                    + (before.isOpen() ? "open" : "closed") + "); " + keys.clearedCounters() + ".");
            terminal.out().flush();
        }
        return 0;
    }
}
