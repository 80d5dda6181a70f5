package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ioctl decoding checked against strace itself: testdata/workload/ioctl_calls.c (terminal requests
 * on a pty, socket requests on lo, FIONREAD on a pipe, RNDGETENTCNT, FS_IOC_GETFLAGS and FIEMAP on a
 * file, NS_GET_NSTYPE, failed calls, NULL, structures cut by an unreadable page, unknown requests)
 * is recorded once and run again under strace with each set of display options; the lines from its
 * marker on must be strace's, addresses (the two runs map memory elsewhere) and padding aside.
 */
class IoctlDecodingTest {
    private static final String CALLS = "write,ioctl";

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = LiveRecording.compileC("ioctl_calls", dir, dir.resolve("gcc.log"));
        Path trace = dir.resolve("ioctl.jtr");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q",
                "-e", "trace=" + CALLS, "-w", trace.toString(), "--", program.toString()), 60, dir.resolve("record.log"));

        // -s 1 cuts SIOCGIFCONF's array after one element, -xx quotes names in hex
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "1"), List.of("-xx"))) {
            Path out = dir.resolve("strace.txt");
            List<String> strace = new ArrayList<>(List.of("strace", "-e", "trace=" + CALLS, "-o", out.toString()));
            strace.addAll(options);
            strace.add(program.toString());
            LiveRecording.run(strace, 60, dir.resolve("strace.log"));
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-r", trace.toString()));
            Run jtrace = Run.of(args.toArray(String[]::new));
            assertEquals(0, jtrace.status(), jtrace.err());
            List<String> want = program(Files.readString(out));
            assertTrue(want.size() > 30 && want.get(want.size() - 1).equals("+++ exited with 0 +++"),
                    "strace's run: " + want);
            assertEquals(String.join("\n", want), String.join("\n", program(jtrace.out())), "with " + options);
        }
    }

    /** The lines from the program's first write on, addresses and the padding before " = " masked. */
    private static List<String> program(String lines) {
        List<String> all = lines.lines().toList();
        int from = 0;
        while (from < all.size() && !all.get(from).startsWith("write(-1, ")) {
            from++;
        }
        return all.subList(from, all.size()).stream()
                .map(l -> l.replaceAll("0x[0-9a-f]{6,}", "0xADDR").replaceAll(" +=( |$)", " =$1")).toList();
    }
}
