package io.github.lasier.cli.ops;

import io.github.lasier.cli.store.StoreUri;
import io.github.lasier.cli.store.StoreUriConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The shared store the operations commands act on. */
public final class StoreOptions {

    @Option(names = "--store", paramLabel = "URI", converter = StoreUriConverter.class,
            defaultValue = "${env:LASIER_STORE}",
            description = "The shared store: redis://[user:password@]host[:port][/db]. Default: $LASIER_STORE.")
    StoreUri store;

    @Option(names = "--key-prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "The key prefix the breakers were built with (keyPrefix). Default: none.")
    String keyPrefix;

    /** The store, checked: operations need one that outlives a process. */
    StoreUri require(CommandSpec spec) {
        if (store == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing --store URI (or LASIER_STORE), such as --store redis://127.0.0.1:6379");
        }
        if (store.isMemory()) {
            throw new ParameterException(spec.commandLine(), "--store memory cannot be used here: the in-memory"
                    + " store lives inside one process; give the shared store, such as redis://127.0.0.1:6379");
        }
        return store;
    }
}
