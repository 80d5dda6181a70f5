package io.jtrace.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The bash completion scripts the build wrote into target/completion, sourced in a real bash. */
class CompletionTest {
    static Stream<String> tools() {
        return GenerateDocs.tools().stream().map(CommandLine::getCommandName);
    }

    static Path script(String tool) {
        return Generated.dir().resolve("completion").resolve(tool).toAbsolutePath();
    }

    /** What bash offers for the last of {@code words} (the word being typed). */
    static List<String> complete(String tool, String... words) throws Exception {
        String line = tool + " " + String.join(" ", words);
        String bash = "source \"$1\"; COMP_WORDS=(" + line + "); COMP_CWORD=" + words.length
                + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_" + tool
                + "; printf '%s\\n' \"${COMPREPLY[@]}\"";
        var r = Generated.run(Generated.dir(), List.of("bash", "-c", bash, "complete", script(tool).toString()));
        assertEquals(0, r.status(), r.show());
        return r.out().lines().filter(l -> !l.isEmpty()).toList();
    }

    @ParameterizedTest
    @MethodSource("tools")
    void scriptIsValidBashAndRegistersTheTool(String tool) throws Exception {
        var r = Generated.run(Generated.dir(), List.of("bash", "-n", script(tool).toString()));
        assertEquals(0, r.status(), r.show());
        String text = Files.readString(script(tool));
        assertTrue(text.contains("\ncomplete -F _complete_" + tool + " "), "complete -F line in " + tool);
    }

    @ParameterizedTest
    @MethodSource("tools")
    void everySubcommandAndItsOptionsComplete(String tool) throws Exception {
        CommandLine root = GenerateDocs.tools().stream().filter(t -> t.getCommandName().equals(tool)).findFirst().orElseThrow();
        for (CommandLine sub : root.getSubcommands().values()) {
            String name = sub.getCommandName();
            assertTrue(complete(tool, name.substring(0, 2)).contains(name), name + " completes from " + name.substring(0, 2));
            for (var o : sub.getCommandSpec().options()) {
                String longest = Arrays.stream(o.names()).max((a, b) -> a.length() - b.length()).orElseThrow();
                if (longest.startsWith("--")) {
                    assertTrue(complete(tool, name, longest.substring(0, longest.length() - 1)).contains(longest),
                            tool + " " + name + " " + longest);
                }
            }
        }
        // the root's own options
        assertEquals(List.of("--version"), complete(tool, "--vers"));
    }

    @org.junit.jupiter.api.Test
    void analyzerViewsAndRecorderOptions() throws Exception {
        assertEquals(List.of("http"), complete("jtrace-analyze", "ht"));
        assertEquals(List.of("--body-limit"), complete("jtrace-analyze", "http", "--bo"));
        assertEquals(List.of("--codec"), complete("jtrace-record", "--co"));
    }
}
