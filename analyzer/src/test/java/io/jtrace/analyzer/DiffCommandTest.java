package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff}: the checked-in traces (with themselves, with filtered copies, errors), and testdata/workload/
 * DiffWorkload.java recorded for real three times: twice as is, once with one request changed.
 */
class DiffCommandTest {
    @TempDir
    static Path tmp;

    static final String TRACE = Run.trace("http-default.jtr").toString();

    /** The lines of a unified diff that remove or add, without the --- and +++ file lines. */
    static List<String> changes(Run run) {
        return run.lines().stream().filter(l -> (l.startsWith("-") || l.startsWith("+"))
                && !l.startsWith("--- ") && !l.startsWith("+++ ")).toList();
    }

    @Test
    void aTraceEqualsItselfAtEveryLevel() {
        for (String level : List.of("syscall", "http", "fds")) {
            Run run = Run.of("diff", "--level", level, TRACE, TRACE);
            assertEquals(0, run.status(), level + ": " + run.show());
            assertEquals("", run.out(), level);
            assertEquals("", run.err(), level);
        }
    }

    @Test
    void aFilteredCopyDiffersByWhatTheFilterLeftOut() throws Exception {
        Path copy = tmp.resolve("no-getsockopt.jtr");
        Run write = Run.of("-r", TRACE, "-e", "trace=!getsockopt", "-w", copy.toString());
        assertEquals(0, write.status(), write.show());
        Run run = Run.of("diff", TRACE, copy.toString());
        assertEquals(1, run.status(), run.show());
        assertTrue(run.out().startsWith("--- " + TRACE + "\n+++ " + copy + "\n@@ -"), run.show());
        List<String> changed = changes(run);
        assertTrue(changed.stream().allMatch(l -> l.startsWith("-") && l.contains("] getsockopt(")),
                "only the getsockopt calls are missing:\n" + run.out());
        Run summary = Run.of("summary", "-r", TRACE, "-e", "trace=getsockopt", "--json");
        assertEquals(((Number) Json.object(summary.lines().get(0)).get("calls")).intValue(), changed.size());
        // the same filter on both sides: equal again
        Run filtered = Run.of("diff", "-e", "trace=!getsockopt", TRACE, copy.toString());
        assertEquals(0, filtered.status(), filtered.show());
        assertEquals("", filtered.out());
    }

    @Test
    void jsonHasAnObjectPerHunk() throws Exception {
        Path copy = tmp.resolve("no-post.jtr");
        Run write = Run.of("-r", TRACE, "--grep", "seq=3", "-w", copy.toString());
        assertEquals(0, write.status(), write.show());
        Run text = Run.of("diff", "--level", "http", TRACE, copy.toString());
        Run json = Run.of("diff", "--level", "http", "--json", TRACE, copy.toString());
        assertEquals(1, json.status(), json.show());
        long hunks = text.lines().stream().filter(l -> l.startsWith("@@ ")).count();
        assertEquals(hunks, json.lines().size(), json.out());
        for (String line : json.lines()) {
            Map<String, Object> h = Json.object(line);
            assertEquals(TRACE, h.get("a"));
            @SuppressWarnings("unchecked")
            List<String> lines = (List<String>) h.get("lines");
            long fromA = lines.stream().filter(l -> !l.startsWith("+")).count();
            assertEquals(((Number) h.get("a_lines")).longValue(), fromA, line);
        }
    }

    @Test
    void truncatedTraceWarnsOnceAndDiffs() {
        Run run = Run.of("diff", TRACE, Run.trace("http-killed.jtr").toString());
        assertEquals(1, run.status(), run.show());
        assertTrue(run.err().matches("jtrace-analyze: warning: [^\n]*truncated[^\n]*\n"), run.show());
        assertTrue(changes(run).stream().allMatch(l -> l.startsWith("-")), "the cut copy only lacks lines");
    }

    @Test
    void troubleExitsTwoWithOneLine() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("garbage.jtr"), "GET / HTTP/1.1\r\n\r\n");
        Path missing = tmp.resolve("missing.jtr");
        for (Run run : List.of(Run.of("diff", TRACE, missing.toString()), Run.of("diff", garbage.toString(), TRACE),
                Run.of("diff", "--level", "http", TRACE, tmp.toString()))) {
            assertEquals(2, run.status(), run.show());
            assertEquals("", run.out());
            assertTrue(run.err().matches("jtrace-analyze: [^\n]+\n") && !run.err().contains("Exception"), run.show());
        }
        Run limit = Run.of("diff", "--max-lines", "10", TRACE, TRACE);
        assertEquals(2, limit.status(), limit.show());
        assertTrue(limit.err().contains("more than 10 lines"), limit.show());
    }

    @Test
    void usageErrorsExitTwo() {
        for (String[] args : List.of(new String[] {"diff", TRACE}, new String[] {"diff", "--level", "tcp", TRACE, TRACE},
                new String[] {"diff", "--ignore-field", "colour", TRACE, TRACE},
                new String[] {"diff", "--ephemeral-ports", "60000-1000", TRACE, TRACE},
                new String[] {"diff", "-U", "-1", TRACE, TRACE}, new String[] {"diff", "--order", "random", TRACE, TRACE})) {
            Run run = Run.of(args);
            assertEquals(2, run.status(), String.join(" ", args) + ": " + run.show());
            assertTrue(run.err().matches("jtrace-analyze: [^\n]+\n"), run.show());
        }
        Run help = Run.of("diff", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("Examples:") && help.out().contains("--level"), help.out());
    }

    /** Three real recordings of DiffWorkload: two alike, one with its third request changed. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Recorded {
        Path first;
        Path second;
        Path changed;

        @BeforeAll
        void record() throws Exception {
            LiveRecording.requireRecorder();
            Path classes = Files.createDirectories(tmp.resolve("classes"));
            Path log = tmp.resolve("record.log");
            LiveRecording.compile("DiffWorkload.java", classes, log);
            first = record(classes, log, "first.jtr");
            // every Date: of the second run then names a later second than any of the first's
            Thread.sleep(1100);
            second = record(classes, log, "second.jtr");
            changed = record(classes, log, "changed.jtr", "--change");
        }

        private Path record(Path classes, Path log, String name, String... args) throws Exception {
            Path out = tmp.resolve(name);
            List<String> command = new java.util.ArrayList<>(List.of(
                    LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-w", out.toString(), "--",
                    // one malloc arena: a thread's own arena shrinking makes glibc read
                    // /proc/sys/vm/overcommit_memory in one run and not in the other
                    "env", "MALLOC_ARENA_MAX=1", "java", "-cp", classes.toString(), "DiffWorkload"));
            command.addAll(List.of(args));
            LiveRecording.run(command, 180, log);
            return out;
        }

        /** The workload's two threads: the JVM's own threads (compilers, GC) differ from run to run. */
        Run diff(Path a, Path b, String... more) {
            List<String> args = new java.util.ArrayList<>(List.of("diff", "--comm", "client,server"));
            args.addAll(List.of(more));
            args.add(a.toString());
            args.add(b.toString());
            return Run.of(args.toArray(String[]::new));
        }

        @Test
        void twoRunsCompareEqualAtEveryLevel() {
            for (String level : List.of("syscall", "http", "fds")) {
                Run run = diff(first, second, "--level", level);
                assertEquals(0, run.status(), level + ": " + run.show());
                assertEquals("", run.out(), level);
            }
            // the ones each run makes up itself are what made them differ: ports, fds, dates
            Run dates = diff(first, second, "--level", "http", "--compare-header", "Date");
            assertEquals(1, dates.status(), dates.show());
            assertTrue(changes(dates).stream().allMatch(l -> l.matches("[-+]< Date: .*GMT")), dates.out());
        }

        @Test
        void aChangedRequestIsAFewLinesThatNameIt() {
            Run syscalls = diff(first, changed);
            assertEquals(1, syscalls.status(), syscalls.show());
            List<String> lines = changes(syscalls);
            // the client's write and the server's read of the request, removed and added
            assertEquals(4, lines.size(), syscalls.out());
            assertEquals(2, lines.stream().filter(l -> l.startsWith("-") && l.contains("colour=blue")).count());
            assertEquals(2, lines.stream().filter(l -> l.startsWith("+") && l.contains("colour=pink")).count());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("-[p1 client] write(fd")), syscalls.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("+[p1 server] read(fd")), syscalls.out());

            Run http = diff(first, changed, "--level", "http");
            assertEquals(1, http.status(), http.show());
            List<String> exchanges = changes(http);
            assertEquals(12, exchanges.size(), "exchange line, request line and response body, both sides:\n" + http.out());
            assertTrue(exchanges.stream().allMatch(l -> l.contains(l.startsWith("-") ? "colour=blue" : "colour=pink")),
                    http.out());

            // the same number of bytes went each way
            Run fds = diff(first, changed, "--level", "fds");
            assertEquals(0, fds.status(), fds.show());
            // without the captured bytes the calls are the same
            Run noData = diff(first, changed, "--ignore-field", "data");
            assertEquals(0, noData.status(), noData.show());
        }
    }
}
