package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the recorder captures for strace's sake, checked against strace itself:
 * testdata/workload/capture_calls.c (sendmmsg and recvmmsg vectors with names, several iovecs,
 * more messages than -s shows, an unreadable end and a timeout; SCM_RIGHTS of 40 fds; a file name
 * that is not UTF-8; a file opened by a relative path and removed; a write whose buffer ends in
 * unreadable memory after 64 KiB; iovecs empty or cut short) is recorded once and run again
 * under strace with each set of options, both in the same directory (strace resolves a relative
 * -P there); the lines from its marker on must be strace's, addresses, inodes, the time left of a
 * timeout, a pid and padding aside.
 */
class CaptureDecodingTest {
    private static final String CALLS = "write,openat,close,unlink,fsync,socketpair,sendmmsg,recvmmsg,sendmsg,writev,"
            + "readv";
    private static final String TMPFILE = "capture-tmpfile";

    @TempDir
    Path dir;
    private Path program;
    private Path trace;

    /** Recorded with -s 0: what strace dumps of the 64 KiB write needs more than the default snap length. */
    @BeforeEach
    void record() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        program = LiveRecording.compileC("capture_calls", dir, dir.resolve("gcc.log"));
        trace = dir.resolve("capture_calls.jtr");
        run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-s", "0", "-e", "trace=" + CALLS,
                "-w", trace.toString(), "--", program.toString()), "record.log");
    }

    /** The vectors, their dumps (-e read=/write=), the fds of SCM_RIGHTS all shown under -v, the odd name under -y. */
    @Test
    void vectorsControlAndNamesAreStraces() throws Exception {
        for (List<String> options : List.of(List.<String>of(), List.of("-v"), List.of("-s", "5"), List.of("-y"),
                List.of("-e", "read=3", "-e", "write=4"), List.of("-e", "write=3", "-e", "read=4"), List.of("-e", "verbose=none"))) {
            compare(options, 20);
        }
    }

    /** A relative -P names the file the program opened by it, although the file is gone when the trace is read. */
    @Test
    void relativePathIsMatchedWhereTheProgramRan() throws Exception {
        compare(List.of("-P", TMPFILE), 5);
    }

    /**
     * The fds view counts a sendmmsg's and a recvmmsg's bytes (their messages' msg_len, as strace
     * prints them), not their return value's count of messages.
     */
    @Test
    void fdsCountTheBytesOfMessages() throws Exception {
        Path out = dir.resolve("strace.txt");
        // -v: every message's msg_len, not -s of them
        run(List.of("strace", "-v", "-e", "trace=" + CALLS, "-o", out.toString(), program.toString()), "strace.log");
        long sent = 0;
        long received = 0;
        for (String line : Files.readAllLines(out)) {
            long lengths = java.util.regex.Pattern.compile("msg_len=(\\d+)").matcher(line).results()
                    .mapToLong(m -> Long.parseLong(m.group(1))).sum();
            if (line.startsWith("sendmmsg(4,")) {
                sent += lengths;
            } else if (line.startsWith("sendmsg(4,")) {
                sent += Long.parseLong(line.replaceAll(".* = ", ""));
            } else if (line.startsWith("recvmmsg(3,")) {
                received += lengths;
            }
        }
        assertTrue(sent > 0 && received > 0, "strace's run: " + Files.readString(out));
        Run fds = Run.of("fds", "--json", "-r", trace.toString());
        assertEquals(0, fds.status(), fds.err());
        List<Map<String, Object>> sockets = fds.lines().stream().map(Json::object)
                .filter(r -> "unix".equals(r.get("kind"))).toList();
        assertEquals(2, sockets.size(), fds.out());
        for (Map<String, Object> r : sockets) {
            boolean sender = ((Number) r.get("fd")).intValue() == 4;
            assertEquals(sender ? sent : 0, ((Number) r.get("bytes_out")).longValue(), fds.out());
            assertEquals(sender ? 0 : received, ((Number) r.get("bytes_in")).longValue(), fds.out());
        }
    }

    private void compare(List<String> options, int minLines) throws Exception {
        Path out = dir.resolve("strace.txt");
        List<String> strace = new ArrayList<>(List.of("strace", "-e", "trace=" + CALLS, "-o", out.toString()));
        strace.addAll(options);
        strace.add(program.toString());
        run(strace, "strace.log");
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-r", trace.toString()));
        Run jtrace = Run.of(args.toArray(String[]::new));
        assertEquals(0, jtrace.status(), jtrace.err());
        List<String> want = masked(Files.readString(out));
        assertTrue(want.size() >= minLines && want.get(want.size() - 1).equals("+++ exited with 0 +++"),
                "strace's run: " + want);
        assertEquals(String.join("\n", want), String.join("\n", masked(jtrace.out())), "with " + options);
    }

    private static List<String> masked(String lines) {
        return StraceOracle.fromMarker(lines).stream()
                .map(l -> l.replaceAll("\\[\\d+\\]", "[INODE]").replaceAll("tv_nsec=\\d+", "tv_nsec=N")
                        .replaceAll("from pid \\d+", "from pid PID"))
                .toList();
    }

    /** Runs a command in the test's directory, where the program finds (and removes) its file. */
    private void run(List<String> command, String log) throws Exception {
        Files.writeString(dir.resolve(TMPFILE), "");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        assertEquals(0, p.exitValue(), command + ": " + Files.readString(dir.resolve(log)));
    }
}
