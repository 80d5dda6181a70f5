package io.jtrace.analyzer;

import static io.jtrace.analyzer.AnalyzeCommandTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -w OUT: a filtered copy that every view reads, mode 0600, trailer only when the source had one. */
class CopyTest {
    static final String TRACE = Run.trace("http-default.jtr").toString();

    @TempDir
    Path dir;

    static List<Object> comparable(List<TraceEvent> events) {
        return events.stream().filter(e -> e.kind() != Record.KindCase.TRAILER)
                .map(e -> (Object) List.of(e.timeNs(), e.record().toBuilder().clearTimeDelta().build())).toList();
    }

    @Test
    void copyHoldsExactlyTheFilteredRecords() throws IOException {
        Path out = dir.resolve("posts.jtr");
        Run w = ok("-r", TRACE, "--grep", "^POST ", "-w", out.toString());
        assertEquals("", w.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Records source = Records.read(Run.trace("http-default.jtr"));
        Records copy = Records.read(out);
        assertEquals(source.header(), copy.header());
        assertEquals(comparable(source.syscalls(e -> Records.starts(e, "POST "))), comparable(copy.events()));
        assertFalse(copy.truncated());
        // every view reads it, and shows what the filter showed on the source
        // the same host (the header is the source's), another trace_file
        assertEquals(ok("-r", TRACE, "--grep", "^POST ", "--json").lines(), ok("-r", out.toString(), "--json").lines().stream()
                .filter(l -> !l.startsWith("{\"type\":\"trailer\"")).map(l -> l.replace(out.toString(), TRACE)).toList());
        assertEquals(20, ok("-r", out.toString()).lines().size());
        assertTrue(ok("summary", "-r", out.toString()).out().contains(" 10           read\n"));
        String info = ok("info", "-r", out.toString()).out();
        assertTrue(info.contains("  syscall:    20\n"), info);
        assertTrue(info.contains("clean_end:           true\n"), info);
        assertTrue(info.contains("stop_reason:         filtered copy; recording ended by tracees exited\n"), info);
    }

    @Test
    void unfilteredCopyHasEveryRecord() {
        Path out = dir.resolve("all.jtr");
        ok("-r", TRACE, "-w", out.toString());
        Records source = Records.read(Run.trace("http-default.jtr"));
        assertEquals(comparable(source.events()), comparable(Records.read(out).events()));
        assertEquals(ok("-r", TRACE).out(), ok("-r", out.toString()).out());
    }

    @Test
    void copyOfATruncatedTraceHasNoTrailer() {
        Path out = dir.resolve("killed-copy.jtr");
        Run w = Run.of("-r", Run.trace("http-killed.jtr").toString(), "-w", out.toString());
        assertEquals(0, w.status());
        assertEquals(1, w.err().lines().count(), w.err());
        Records copy = Records.read(out);
        assertTrue(copy.truncated());
        assertEquals(comparable(Records.read(Run.trace("http-killed.jtr")).events()), comparable(copy.events()));
        Run info = Run.of("info", "-r", out.toString());
        assertEquals(0, info.status());
        assertTrue(info.out().contains("clean_end:           false\n"), info.out());
        // the copy ends on a frame boundary: truncated "after" its last frame, not inside one
        assertTrue(info.err().matches("jtrace-analyze: warning: truncated after frame \\d+ at byte \\d+: "
                + "the recording did not stop cleanly \\(no trailer\\)\n"), info.err());
    }

    @Test
    void existingFileIsReplacedWithModeOwnerOnly() throws IOException {
        Path out = Files.writeString(dir.resolve("old.jtr"), "old contents");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        ok("-r", TRACE, "-e", "trace=close", "-w", out.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Records copy = Records.read(out);
        assertTrue(copy.syscalls().stream().allMatch(e -> copy.name(e).equals("close")));
    }

    @Test
    void emptySelectionIsAValidTrace() {
        Path out = dir.resolve("none.jtr");
        ok("-r", TRACE, "--pid", "1", "-w", out.toString());
        assertEquals(List.of(), Records.read(out).records());
        assertEquals("", ok("-r", out.toString()).out());
    }
}
