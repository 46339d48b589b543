package io.github.lasier.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Where the tool writes, and whether a person watches: only then does the demo redraw a live progress line and use
 * colours. Output piped to a file or read by a test gets plain lines without control codes.
 *
 * @param out         standard output
 * @param err         standard error
 * @param interactive whether {@code out} is a terminal
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean interactive) {

    /** The process's own streams; interactive when the JVM has a console (stdin and stdout are terminals). */
    public static Terminal system() {
        Charset charset = Charset.defaultCharset();
        return new Terminal(new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true),
                System.console() != null);
    }
}
