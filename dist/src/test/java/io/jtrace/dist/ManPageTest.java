package io.jtrace.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The man pages the build wrote into target/man/man1: one per command of both tools, valid troff. */
class ManPageTest {
    private static final Set<String> REQUESTS = Set.of("TH", "SH", "TP", "PP", "nf", "fi", "RS", "RE");

    static Stream<CommandSpec> commands() {
        return GenerateDocs.tools().stream().flatMap(t -> GenerateDocs.tree(t).stream()).map(CommandLine::getCommandSpec);
    }

    static Path page(CommandSpec spec) {
        return Generated.dir().resolve("man/man1/" + ManPage.name(spec) + ".1");
    }

    @Test
    void aPagePerCommandAndNoOther() throws Exception {
        List<String> expected = commands().map(s -> ManPage.name(s) + ".1").sorted().toList();
        assertTrue(expected.containsAll(List.of("jtrace-record.1", "jtrace-analyze.1", "jtrace-analyze-http.1",
                "jtrace-analyze-info.1", "jtrace-analyze-fds.1", "jtrace-analyze-summary.1")), expected.toString());
        try (Stream<Path> files = Files.list(Generated.dir().resolve("man/man1"))) {
            assertEquals(expected, files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void sectionsOptionsAndOnlyKnownRequests(CommandSpec spec) throws Exception {
        String page = Files.readString(page(spec), StandardCharsets.UTF_8);
        assertEquals(ManPage.of(spec, Generated.version()), page, "the build wrote the current model's page");
        String name = ManPage.name(spec);
        assertTrue(page.startsWith(".TH " + ManPage.escape(name.toUpperCase()) + " 1 "), page);
        assertTrue(page.contains("\n.SH NAME\n" + ManPage.escape(name) + " \\- "), page);
        for (String section : List.of("SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXAMPLES", "SEE ALSO")) {
            assertTrue(page.contains("\n.SH " + section + "\n"), section + " in " + name);
        }
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                assertTrue(page.contains("\\fB" + ManPage.escape(n) + "\\fR"), n + " in " + name);
            }
        }
        for (String line : page.lines().toList()) {
            // text never starts with a control character: only the requests written on purpose do
            if (line.startsWith(".") || line.startsWith("'")) {
                String request = line.substring(1).split(" ", 2)[0];
                assertTrue(REQUESTS.contains(request), "unexpected request in " + name + ": " + line);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void groffRendersItWithoutWarnings(CommandSpec spec) throws Exception {
        if (!Generated.onPath("groff")) {
            // .ci/run installs it: under CI a missing tool is a failure, not a skip
            org.junit.jupiter.api.Assertions.assertNotEquals("true", System.getenv("CI"), "groff is not installed");
            assumeTrue(false, "groff is not installed (.ci/run installs groff-base)");
        }
        Path page = page(spec).toAbsolutePath();
        var check = Generated.run(Generated.dir(), List.of("groff", "-man", "-Tutf8", "-ww", "-z", page.toString()));
        assertEquals(0, check.status(), check.show());
        assertEquals("", check.err(), "groff warnings for " + page);
        var text = Generated.run(Generated.dir(), List.of("groff", "-man", "-rHY=0", "-Tascii", "-P", "-cbou",
                page.toString()));
        assertEquals(0, text.status(), text.show());
        String rendered = text.out().replaceAll("\\s+", " "); // lines are filled and justified
        assertTrue(rendered.contains(ManPage.name(spec) + " - "), rendered);
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                assertTrue(rendered.contains(n), n + " rendered in " + ManPage.name(spec) + ":\n" + rendered);
            }
        }
        for (String example : exampleLines(spec)) {
            assertTrue(rendered.contains(example.replaceAll("\\s+", " ")), "example '" + example + "' rendered:\n" + rendered);
        }
    }

    /** The footer's example lines, as --help prints them. */
    private static List<String> exampleLines(CommandSpec spec) {
        List<String> footer = ManPage.formatted(spec.usageMessage().footer());
        int start = footer.indexOf("Examples:");
        assertTrue(start >= 0, "Examples: in the footer of " + spec.qualifiedName());
        return footer.subList(start + 1, footer.size()).stream().takeWhile(l -> !l.isBlank()).map(String::strip).toList();
    }

    @Test
    void escapeKeepsTextOutOfTroffsWay() {
        assertEquals("\\&.jtr \\-r \\ee", ManPage.escape(".jtr -r \\e"));
        assertEquals("\\&'quoted'", ManPage.escape("'quoted'"));
        assertEquals("a.b 'c'", ManPage.escape("a.b 'c'"));
    }
}
