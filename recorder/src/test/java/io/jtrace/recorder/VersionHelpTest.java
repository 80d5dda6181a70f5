package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.FormatVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** --help and --version of jtrace-record (and of any subcommand it gains: the tree is walked). */
class VersionHelpTest {
    record Run(int status, String out, String err) {
        static synchronized Run of(List<String> args) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                int status = RecordCommand.execute(args.toArray(String[]::new));
                return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }

    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        walk(new CommandLine(new RecordCommand()), new ArrayList<>(), all);
        return all.stream();
    }

    private static void walk(CommandLine cli, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        cli.getSubcommands().forEach((name, sub) -> {
            path.add(name);
            walk(sub, path, all);
            path.remove(path.size() - 1);
        });
    }

    private static List<String> with(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return args;
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpEndsWithExamplesOfThisCommand(List<String> path) {
        Run r = Run.of(with(path, "--help"));
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        String command = String.join(" ", Stream.concat(Stream.of("jtrace-record"), path.stream()).toList());
        assertTrue(r.out().startsWith("Usage: " + command), r.out());
        int examples = r.out().indexOf("\nExamples:\n");
        assertTrue(examples > 0, "no Examples: in the help of " + command + ":\n" + r.out());
        List<String> lines = r.out().substring(examples + 1).lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), r.out());
        for (String line : lines) {
            // whole example lines: not wrapped by picocli, no %-format left over
            assertTrue(line.startsWith("  " + command + " "), "example of " + command + ": " + line);
        }
    }

    @org.junit.jupiter.api.Test
    void helpTellsWhatSnaplenZeroKeepsAndWhatAnOutputFailureDoes() {
        String help = Run.of(List.of("--help")).out().replaceAll("\\s+", " ");
        // derived from the format's record limit, which may change
        assertTrue(help.contains("0 = all, up to " + (io.jtrace.recorder.capture.BufferReader.MAX_SNAPLEN >> 20)
                + " MiB, what one record of the trace format holds"), help);
        assertTrue(help.contains("An output that fails (disk full, a closed pipe) ends the recording with exit status 1"),
                help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionNamesToolAndFormat(String option) {
        commands().forEach(path -> {
            Run r = Run.of(with(path, option));
            assertEquals(0, r.status(), r.err());
            assertEquals("", r.err());
            assertTrue(r.out().matches("jtrace-record \\S+ \\(trace format " + FormatVersion.current().replace(".", "\\.")
                    + "\\)\n"), option + ": " + r.out());
        });
    }
}
