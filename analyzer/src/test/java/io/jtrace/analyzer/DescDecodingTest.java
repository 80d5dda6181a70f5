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
 * Decoding of strace's desc class checked against strace itself: testdata/workload/desc_calls.c
 * (fcntl's struct flock and f_owner_ex and its other commands, the offsets of sendfile, splice and
 * copy_file_range, O_ACCMODE, memfd_create's flags and names, iovec arrays long, failed and cut by
 * unreadable memory, unsigned int arguments with garbage above, unknown flags and values, a few
 * *at() calls' flags) is
 * recorded once and run again under strace with each set of display options; the lines from its
 * marker on must be strace's, addresses (the two runs map memory elsewhere) and padding aside.
 */
class DescDecodingTest {
    private static final String CALLS = "write,fcntl,sendfile,splice,tee,copy_file_range,open,openat,memfd_create,"
            + "close_range,readv,writev,preadv,pwritev,preadv2,pwritev2,lseek,fadvise64,flock,fallocate,ftruncate,"
            + "readahead,pread64,dup3,pipe2,eventfd2,epoll_create1,epoll_ctl,timerfd_create,inotify_init1,signalfd4,"
            + "sync_file_range,close,dup,dup2,fsync,getdents64,unlinkat,renameat2,faccessat2,statx,"
            + "vmsplice,fchmod,fchown,mkdirat";

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = LiveRecording.compileC("desc_calls", dir, dir.resolve("gcc.log"));
        Path trace = dir.resolve("desc.jtr");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q",
                "-e", "trace=" + CALLS, "-w", trace.toString(), "--", program.toString()), 60, dir.resolve("record.log"));

        // -s 256 shows memfd_create's 250-byte name whole, -s 5 cuts names and arrays short
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "256"), List.of("-s", "5"),
                List.of("-xx"))) {
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
            assertTrue(want.size() > 100 && want.get(want.size() - 1).equals("+++ exited with 0 +++"),
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
