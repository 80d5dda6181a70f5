package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @Test
    void describesACleanTrace() {
        Run r = Run.of("info", "-r", Run.golden("format-1.0-zstd.jtr").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("host:                testhost\n"), r.out());
        assertTrue(r.out().contains("codec:               zstd\n"), r.out());
        assertTrue(r.out().contains("- pid:     3314\n  comm:    java\n"), r.out());
        assertTrue(r.out().contains("clean_end:           true\n"), r.out());
        assertTrue(r.out().contains("stop_reason:         SIGINT\n"), r.out());
    }

    @Test
    void jsonIsOneObjectWithTheCounts() {
        Run r = Run.of("info", "--json", "-r", Run.golden("format-1.0-gzip.jtr").toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(1, lines.length);
        assertTrue(lines[0].startsWith("{\"file\":"), lines[0]);
        assertTrue(lines[0].contains("\"codec\":\"gzip\""), lines[0]);
        assertTrue(lines[0].matches(".*\"records\":\\{\"syscall\":\\d+,\"task_start\":\\d+.*"), lines[0]);
        assertTrue(lines[0].contains("\"clean_end\":true"), lines[0]);
    }

    @Test
    void truncatedFilePrintsWhatItHoldsAndWarnsOnce() {
        Run r = Run.of("info", "-r", Run.golden("format-1.0-killed.jtr").toString());
        assertEquals(0, r.status());
        assertTrue(r.out().contains("clean_end:           false\n"), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("jtrace-analyze: warning: truncated in frame 4 at byte "), r.err());
    }

    @Test
    void realTruncatedRecordingCountsWhatItHolds() {
        Records held = Records.read(Run.trace("http-killed.jtr"));
        Run r = Run.of("info", "--json", "-r", Run.trace("http-killed.jtr").toString());
        assertEquals(0, r.status(), r.show());
        assertTrue(r.err().matches("jtrace-analyze: warning: truncated in frame \\d+ at byte \\d+ \\(file ends at byte \\d+\\)\n"),
                r.err());
        var info = Json.object(r.out().strip());
        assertEquals(false, info.get("clean_end"));
        assertEquals(null, info.get("stop_reason"));
        assertEquals((long) held.syscalls().size(), ((java.util.Map<?, ?>) info.get("records")).get("syscall"));
    }

    @Test
    void damagedInputIsOneLineAndStatusOne(@TempDir Path dir) throws IOException {
        Path flipped = dir.resolve("flipped.jtr");
        byte[] bytes = Files.readAllBytes(Run.golden("format-1.0-zstd.jtr"));
        bytes[bytes.length - 100] ^= 0x10;
        Files.write(flipped, bytes);
        Run r = Run.of("info", "-r", flipped.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().matches("jtrace-analyze: checksum mismatch in frame \\d+ at byte \\d+\n"), r.err());

        Path empty = Files.createFile(dir.resolve("empty.jtr"));
        Run e = Run.of("info", "-r", empty.toString());
        assertEquals(1, e.status());
        assertEquals("jtrace-analyze: empty file, not a jtrace trace\n", e.err());

        Path huge = dir.resolve("huge.jtr");
        byte[] h = Arrays.copyOf(new byte[] {'J', 'T', 'R', 'F', -1, -1, -1, -1, -1, -1, -1, -1}, 64);
        Files.write(huge, h);
        Run hr = Run.of("info", "-r", huge.toString());
        assertEquals(1, hr.status());
        assertTrue(hr.err().contains("over the 64 MiB frame limit"), hr.err());
    }

    @Test
    void usageErrorsAreStatusTwo() {
        Run none = Run.of("info");
        assertEquals(2, none.status());
        assertEquals("jtrace-analyze: missing required option: '-r=FILE' (see --help)\n", none.err());
        assertEquals(2, Run.of().status());
        assertEquals(1, Run.of("info", "-r", "/no/such/file.jtr").status());
        Run version = Run.of("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("jtrace-analyze "), version.out());
    }
}
