package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code -r -} reads the trace from standard input, as tcpdump does, in every view that takes -r (found in the picocli model). */
class StdinTest {
    static final Path TRACE = Run.trace("http-default.jtr");

    @TempDir
    static Path dir;

    /** Each command that has -r: [] for the default view, [view] for the others. */
    static Stream<List<String>> viewsWithR() {
        List<List<String>> views = new ArrayList<>();
        CommandLine root = AnalyzeCommand.commandLine();
        if (root.getCommandSpec().findOption("-r") != null) {
            views.add(List.of());
        }
        root.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().findOption("-r") != null) {
                views.add(List.of(name));
            }
        });
        return views.stream();
    }

    /** What else a view needs to run: pcap writes its file to stdout. */
    static List<String> args(List<String> view, String input) {
        List<String> args = new ArrayList<>(view);
        args.addAll(List.of("-r", input));
        if (view.equals(List.of("pcap"))) {
            args.addAll(List.of("-w", "-"));
        }
        return args;
    }

    @Test
    void everyViewThatReadsAFileIsHere() {
        List<List<String>> views = viewsWithR().toList();
        for (String view : List.of("info", "summary", "fds", "http", "pcap")) {
            assertTrue(views.contains(List.of(view)), view + " in " + views);
        }
        assertTrue(views.contains(List.of()), "the default view");
    }

    @ParameterizedTest
    @MethodSource("viewsWithR")
    void dashReadsStandardInputAsTheFileWouldBeRead(List<String> view) {
        Run fromFile = Run.of(args(view, TRACE.toString()).toArray(String[]::new));
        Run fromStdin = Run.withStdin(TRACE, args(view, "-").toArray(String[]::new));
        assertEquals(0, fromStdin.status(), fromStdin.show());
        assertEquals("", fromStdin.err(), fromStdin.show());
        assertFalse(fromStdin.out().isEmpty());
        // info names its input: the file's path, or - for standard input
        assertEquals(fromFile.out().replace(TRACE.toString(), "-"), fromStdin.out(), view.toString());
    }

    @Test
    void infoCountsTheBytesReadFromStandardInput() throws Exception {
        Map<String, Object> info = Json.object(Run.withStdin(TRACE, "info", "--json", "-r", "-").out().strip());
        assertEquals("-", info.get("file"));
        assertEquals(Files.size(TRACE), info.get("file_bytes"));
    }

    @Test
    void aFilteredCopyFromStandardInput() throws Exception {
        Path copy = dir.resolve("copy.jtr");
        Run r = Run.withStdin(TRACE, "-r", "-", "-e", "trace=write", "-w", copy.toString());
        assertEquals(0, r.status(), r.show());
        assertEquals(Run.of("-r", TRACE.toString(), "-e", "trace=write").out(), Run.of("-r", copy.toString()).out());
    }

    @Test
    void diffReadsOneSideFromStandardInputNotBoth() {
        Run one = Run.withStdin(TRACE, "diff", "-", TRACE.toString());
        assertEquals(0, one.status(), one.show());
        assertEquals("", one.out());
        Run both = Run.withStdin(TRACE, "diff", "-", "-");
        assertEquals(2, both.status(), both.show());
        assertEquals("jtrace-analyze: only one of A and B can be - (standard input is read once)\n", both.err());
    }

    @Test
    void whatIsNotATraceOnStandardInputIsADataError() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII);
        for (String view : List.of("summary", "http", "info")) {
            Run r = Run.withStdin(junk, view, "-r", "-");
            assertEquals(1, r.status(), r.show());
            assertEquals(1, r.err().lines().count(), r.show());
            assertTrue(r.err().startsWith("jtrace-analyze: not a jtrace trace"), r.show());
        }
    }
}
