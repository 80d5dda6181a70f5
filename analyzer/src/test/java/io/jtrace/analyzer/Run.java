package io.jtrace.analyzer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs jtrace-analyze in-process and captures what it prints and returns. */
record Run(int status, String out, String err) {
    static synchronized Run of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = AnalyzeCommand.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** As {@link #of}, with standard input read from {@code stdin} (for {@code -r -}). */
    static synchronized Run withStdin(Path stdin, String... args) {
        java.io.InputStream oldIn = System.in;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(stdin)) {
            System.setIn(in);
            return of(args);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            System.setIn(oldIn);
        }
    }

    static Path golden(String name) {
        return Path.of(System.getProperty("jtrace.testdata", "../testdata"), "golden", name);
    }

    /** A real recording from testdata/traces (scripts/make-test-traces). */
    static Path trace(String name) {
        return Path.of(System.getProperty("jtrace.testdata", "../testdata"), "traces", name);
    }

    /** The default view's lines. */
    List<String> lines() {
        return out.lines().toList();
    }

    /** A failure message with everything the run printed. */
    String show() {
        return "status " + status + "\n--- stderr\n" + err + "--- stdout (start)\n"
                + out.substring(0, Math.min(out.length(), 4000));
    }
}
