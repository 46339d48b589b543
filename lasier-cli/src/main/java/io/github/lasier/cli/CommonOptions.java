package io.github.lasier.cli;

import picocli.CommandLine.Option;

/** Options every command has. */
public final class CommonOptions {

    /** The option's name, looked up by the error handler. */
    static final String VERBOSE = "--verbose";

    @Option(names = {"-v", VERBOSE}, description = "Show log messages of the library and stack traces of errors.")
    boolean verbose;

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }
}
