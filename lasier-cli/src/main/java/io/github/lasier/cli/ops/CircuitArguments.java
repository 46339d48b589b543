package io.github.lasier.cli.ops;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How a named circuit's keys are found: its request key, which its name does not tell. */
public final class CircuitArguments {

    @Option(names = "--request-key", paramLabel = "KEY",
            description = "The circuit's request counter key (percentage rules have one; it is the rule's own"
                    + " choice, so it cannot be derived from NAME).")
    String requestKey;

    /** The circuit's keys, or a usage error naming the bad value. */
    CircuitKeys keys(CommandSpec spec, String name, StoreOptions store) {
        try {
            return CircuitKeys.of(name, requestKey, store.keyPrefix);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid circuit: " + e.getMessage());
        }
    }
}
