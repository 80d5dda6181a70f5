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
 * The smaller decoders checked against strace itself: testdata/workload/misc_calls.c (the extended
 * attribute calls, POSIX message queues, finit_module, kexec_file_load) is recorded once and run again under strace with each set of display options;
 * the lines from its marker on must be strace's, addresses and padding aside.
 */
class MiscDecodingTest {
    private static final String CALLS = "write,openat,close,unlink,setxattr,lsetxattr,fsetxattr,getxattr,lgetxattr,"
            + "fgetxattr,listxattr,llistxattr,flistxattr,removexattr,lremovexattr,fremovexattr,"
            + "mq_open,mq_unlink,mq_timedsend,mq_timedreceive,mq_notify,mq_getsetattr,finit_module,kexec_file_load";

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = LiveRecording.compileC("misc_calls", dir, dir.resolve("gcc.log"));
        String file = dir.resolve("attrs").toString();
        String queue = "jtrace-misc-" + ProcessHandle.current().pid();
        Path trace = dir.resolve("misc.jtr");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q",
                "-e", "trace=" + CALLS, "-w", trace.toString(), "--", program.toString(), file, queue), 60,
                dir.resolve("record.log"));

        // -s 4 cuts names and values, -x and -xx turn values with a trailing NUL to hex; the queue is fd 3
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "4"), List.of("-x"), List.of("-xx"),
                List.of("-e", "read=3", "-e", "write=3"))) {
            Path out = dir.resolve("strace.txt");
            List<String> strace = new ArrayList<>(List.of("strace", "-e", "trace=" + CALLS, "-o", out.toString()));
            strace.addAll(options);
            strace.addAll(List.of(program.toString(), file, queue));
            LiveRecording.run(strace, 60, dir.resolve("strace.log"));
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-r", trace.toString()));
            Run jtrace = Run.of(args.toArray(String[]::new));
            assertEquals(0, jtrace.status(), jtrace.err());
            List<String> want = program(Files.readString(out));
            assertTrue(want.size() > 40 && want.get(want.size() - 1).equals("+++ exited with 0 +++"),
                    "strace's run: " + want);
            assertEquals(String.join("\n", want), String.join("\n", program(jtrace.out())), "with " + options);
        }
    }

    /** The lines from the program's marker on, addresses and the padding before " = " masked. */
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
