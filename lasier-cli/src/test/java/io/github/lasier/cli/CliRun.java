package io.github.lasier.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the tool, with what it wrote. Output goes to buffers, so the tool sees no terminal and
 * writes plain lines.
 *
 * @param exitCode the exit code
 * @param out      standard output
 * @param err      standard error
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code lasier ARGS} in this JVM. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** The non-empty lines of standard error. */
    public java.util.List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }
}
