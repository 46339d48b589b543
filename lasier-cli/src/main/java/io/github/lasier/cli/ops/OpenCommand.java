package io.github.lasier.cli.ops;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.storage.Ttl;
import io.github.lasier.cli.CommonOptions;
import io.github.lasier.cli.DurationConverter;
import io.github.lasier.cli.Logging;
import io.github.lasier.cli.Terminal;
import io.github.lasier.cli.store.StoreConnection;
import io.github.lasier.cli.store.StoreConnections;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lasier open NAME --for DURATION}: forces a circuit open for every instance sharing the store. */
@Command(name = "open", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Forces a circuit open for every instance sharing the store, Java or Python: sets its open"
                + " flag for the given time and clears its counters, as a breaker does when its rule trips.",
        footer = {"", "Example: lasier open payments_failures --for 5m --store redis://127.0.0.1:6379"})
public final class OpenCommand implements Callable<Integer> {

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

    @Option(names = "--for", paramLabel = "DURATION", required = true, converter = DurationConverter.class,
            description = "How long it stays open, such as 30s or 5m.")
    Duration openFor;

    /** @param terminal where to write */
    public OpenCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        Logging.configure(common.verbose());
        var uri = storeOptions.require(spec);
        CircuitKeys keys = circuitArguments.keys(spec, name, storeOptions);
        if (openFor.toMillis() < 1 || openFor.compareTo(Ttl.MAX) > 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for option '--for': must be from 1ms to " + Ttl.MAX.toDays() + " days, got: "
                            + DurationConverter.format(openFor));
        }
        try (StoreConnection connection = StoreConnections.open(uri)) {
            // The library's own breaker opens it, so the keys, value and TTL are exactly what breakers write.
            CircuitBreaker.builder().rule(new KeysOnlyRule(name, circuitArguments.requestKey))
                    .storage(connection.storage()).keyPrefix(storeOptions.keyPrefix)
                    // An operator must hear that the store refused: no local fallback for a forced state.
                    .storeFailurePolicy(StoreFailurePolicy.PROPAGATE).circuitTimeout(openFor)
                    .build().open();
            terminal.out().println("Circuit '" + name + "' is open for " + DurationConverter.format(openFor)
                    + " in " + connection.uri() + " (key " + keys.circuit().openKey() + "); "
                    + keys.clearedCounters() + ".");
            terminal.out().flush();
        }
        return 0;
    }
}
