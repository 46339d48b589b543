package io.github.lasier.cli;

import io.github.lasier.storage.StorageException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every error into one line on stderr and an exit code: {@value #USAGE} for what the user typed wrong,
 * {@value #RUNTIME} for what went wrong while running. A stack trace only with {@code --verbose}.
 */
public final class ErrorHandlers {

    /** Exit code of a usage error: unknown command or option, malformed value. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    /** Exit code of a runtime error: unreachable store, missing circuit. */
    public static final int RUNTIME = CommandLine.ExitCode.SOFTWARE;

    private ErrorHandlers() {
    }

    /** Handles usage errors, found while parsing or thrown as {@link ParameterException} by a command. */
    public static IParameterExceptionHandler usage() {
        return (ParameterException ex, String[] args) -> {
            CommandLine command = ex.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("lasier: " + oneLine(usageMessage(ex, command)) + " (see '"
                    + command.getCommandSpec().qualifiedName() + " --help')");
            if (verbose(command.getParseResult())) {
                ex.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        };
    }

    /** Handles exceptions thrown by a running command. */
    public static IExecutionExceptionHandler runtime() {
        return (Exception ex, CommandLine command, ParseResult parseResult) -> {
            PrintWriter err = command.getErr();
            err.println("lasier: " + oneLine(runtimeMessage(ex)));
            if (verbose(parseResult)) {
                ex.printStackTrace(err);
            } else if (!(ex instanceof CliException) && !(ex instanceof StorageException)) {
                err.println("lasier: run again with --verbose for the stack trace");
            }
            err.flush();
            return RUNTIME;
        };
    }

    private static String usageMessage(ParameterException ex, CommandLine command) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (unmatched.isUnknownOption()) {
                return "unknown option '" + first + "'";
            }
            if (!command.getSubcommands().isEmpty()) {
                return "unknown command '" + first + "'; the commands are "
                        + String.join(", ", command.getSubcommands().keySet());
            }
            return "unexpected argument '" + first + "'";
        }
        return ex.getMessage();
    }

    private static String runtimeMessage(Exception ex) {
        if (ex instanceof CliException) {
            return ex.getMessage();
        }
        if (ex instanceof StorageException) {
            return "store error: " + withCause(ex);
        }
        return "unexpected error: " + withCause(ex);
    }

    private static String withCause(Throwable ex) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != ex && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult current = parseResult; current != null; current = current.subcommand()) {
            if (current.hasMatchedOption(CommonOptions.VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
