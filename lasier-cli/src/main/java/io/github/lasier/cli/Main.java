package io.github.lasier.cli;

import io.github.lasier.cli.demo.DemoCommand;
import io.github.lasier.cli.ops.CloseCommand;
import io.github.lasier.cli.ops.OpenCommand;
import io.github.lasier.cli.ops.StatusCommand;
import picocli.CommandLine;

/** Entry point of the {@code lasier} tool. */
public final class Main {

    private Main() {
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        int exitCode = run(Terminal.system(), args);
        System.exit(exitCode);
    }

    /**
     * Runs the tool without exiting, for tests and embedding.
     *
     * @return the exit code: 0 done, 1 runtime error, 2 usage error
     */
    public static int run(Terminal terminal, String... args) {
        return commandLine(terminal).execute(args);
    }

    /** The tool's command line, writing to {@code terminal}. */
    public static CommandLine commandLine(Terminal terminal) {
        CommandLine commandLine = new CommandLine(new LasierCommand())
                .addSubcommand(new DemoCommand(terminal))
                .addSubcommand(new StatusCommand(terminal))
                .addSubcommand(new OpenCommand(terminal))
                .addSubcommand(new CloseCommand(terminal));
        // Streams and handlers reach the subcommands added before these calls.
        commandLine.setOut(terminal.out());
        commandLine.setErr(terminal.err());
        commandLine.setParameterExceptionHandler(ErrorHandlers.usage());
        commandLine.setExecutionExceptionHandler(ErrorHandlers.runtime());
        return commandLine;
    }
}
