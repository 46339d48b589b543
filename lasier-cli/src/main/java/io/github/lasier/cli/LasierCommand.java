package io.github.lasier.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code lasier} command; the work is done by its subcommands. */
@Command(name = "lasier", mixinStandardHelpOptions = true, versionProvider = LasierCommand.Version.class,
        description = "Circuit breakers whose state is shared by every instance of a service.",
        footer = {"", "Exit codes:", "  0  done", "  1  runtime error: store unreachable, no such circuit",
            "  2  usage error: unknown command or option, malformed value"})
public final class LasierCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command; the commands are "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The version the jar was built as. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LasierCommand.class.getPackage().getImplementationVersion();
            return new String[] {"lasier " + (version == null ? "(development build)" : version)};
        }
    }
}
