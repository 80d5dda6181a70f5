package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.FormatVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** --help and --version of jtrace-analyze and of every view, found in the picocli model (new views included). */
class VersionHelpTest {
    /** The arguments that name each command: [] for the root, [view] for a view, and so on down the tree. */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        walk(AnalyzeCommand.commandLine(), new ArrayList<>(), all);
        return all.stream();
    }

    private static void walk(CommandLine cli, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases name the same command again
                path.add(name);
                walk(sub, path, all);
                path.remove(path.size() - 1);
            }
        });
    }

    static String[] with(List<String> path, String option) {
        List<String> args = new ArrayList<>(path);
        args.add(option);
        return args.toArray(String[]::new);
    }

    @Test
    void theTreeHasTheViews() {
        List<List<String>> all = commands().toList();
        for (String view : List.of("info", "summary", "fds", "http")) {
            assertTrue(all.contains(List.of(view)), view + " in " + all);
        }
    }

    /** The description and footer elements of the command at {@code path}. */
    private static List<String[]> helpTexts(List<String> path) {
        CommandLine cli = AnalyzeCommand.commandLine();
        for (String name : path) {
            cli = cli.getSubcommands().get(name);
        }
        var usage = cli.getCommandSpec().usageMessage();
        return List.of(usage.description(), usage.footer());
    }

    /**
     * picocli wraps each description or footer element on its own: an element wider than the
     * screen must end its paragraph, or the text breaks off mid-line and goes on below.
     */
    @ParameterizedTest
    @MethodSource("commands")
    void longHelpLinesEndTheirParagraph(List<String> path) {
        for (String[] lines : helpTexts(path)) {
            for (int i = 0; i + 1 < lines.length; i++) {
                String shown = String.format(lines[i]);
                assertTrue(shown.length() <= 80 || lines[i + 1].isBlank(),
                        path + ": " + shown.length() + " columns, and the paragraph goes on: " + shown);
            }
        }
    }

    /**
     * An element picocli is given ends a line wherever the screen is, 80 columns or not (picocli.usage.width, a man
     * page): a sentence cut in two elements ("time is each call's" / "latency).") breaks off mid-line on any other
     * width. So a line of prose followed by more prose must end its sentence; examples (indented) are lines of their
     * own.
     */
    @ParameterizedTest
    @MethodSource("commands")
    void helpSentencesAreNotCutAcrossLines(List<String> path) {
        for (String[] lines : helpTexts(path)) {
            for (int i = 0; i + 1 < lines.length; i++) {
                String line = lines[i].strip();
                boolean prose = !lines[i].isBlank() && !Character.isWhitespace(lines[i].charAt(0));
                boolean moreProse = !lines[i + 1].isBlank() && !Character.isWhitespace(lines[i + 1].charAt(0));
                assertTrue(!prose || !moreProse || line.endsWith(".") || line.endsWith(":"),
                        path + ": a sentence goes on in the next element, which starts a new line: \"" + lines[i]
                                + "\" / \"" + lines[i + 1] + "\"");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpEndsWithExamplesOfThisCommand(List<String> path) {
        Run r = Run.of(with(path, "--help"));
        assertEquals(0, r.status(), r.show());
        assertEquals("", r.err());
        String command = String.join(" ", Stream.concat(Stream.of("jtrace-analyze"), path.stream()).toList());
        assertTrue(r.out().startsWith("Usage: " + command), r.out());
        int examples = r.out().indexOf("\nExamples:\n");
        assertTrue(examples > 0, "no Examples: in the help of " + command + ":\n" + r.out());
        // an example of this very command, not one inherited from the root's footer
        List<String> lines = r.out().substring(examples + 1).lines().skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), r.out());
        for (String line : lines) {
            assertTrue(line.startsWith("  " + command + " "), "example of " + command + ": " + line);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void versionNamesToolAndFormat(List<String> path) {
        for (String option : List.of("--version", "-V")) {
            Run r = Run.of(with(path, option));
            assertEquals(0, r.status(), r.show());
            assertEquals("", r.err());
            // "dev" from classes, the Maven version from the built jar (checked by the dist module)
            assertTrue(r.out().matches("jtrace-analyze \\S+ \\(trace format " + FormatVersion.current().replace(".", "\\.")
                    + "\\)\n"), option + " of " + path + ": " + r.out());
        }
    }

    @Test
    void versionIsTheSameEverywhere() {
        assertEquals(1, commands().map(p -> Run.of(with(p, "--version")).out()).distinct().count());
    }
}
