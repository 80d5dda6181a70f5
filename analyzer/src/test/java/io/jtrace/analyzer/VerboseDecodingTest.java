package io.jtrace.analyzer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structures strace abbreviates or leaves out, checked against strace itself under its options
 * -v, -s, -e verbose=none and -e abbrev=none: testdata/workload/time_poll_calls.c (poll and ppoll's
 * pollfd arrays, long and cut by unreadable memory, their revents and time left, select and pselect6's
 * fd_sets and signal mask, epoll_event, signalfd4's mask, itimerspec, utimensat's and futimesat's
 * times, struct stat, statx and statfs, getdents' entries, ustat's device, message queues,
 * perf_event_open's flags; poll's and select's fds under -P) is recorded once and run again under
 * strace with each set of options; the lines from its marker on must be strace's, addresses, the
 * sample file's inode, ctime and btime aside.
 */
class VerboseDecodingTest {
    private static final String CALLS = "write,poll,ppoll,select,pselect6,epoll_ctl,epoll_wait,epoll_pwait,signalfd4,"
            + "timerfd_settime,timerfd_gettime,recvmmsg,utimensat,futimesat,utimes,fstat,newfstatat,stat,lstat,"
            + "perf_event_open,openat,close,timerfd_create,epoll_create1,statfs,fstatfs,ustat,statx,"
            + "getdents,getdents64,mq_open,mq_getsetattr,mq_timedsend,mq_timedreceive,mq_unlink,"
            + "mq_notify";

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        // a directory of its own for the sample file: getdents lists it
        Path sample = Files.createDirectory(dir.resolve("sample"));
        StraceOracle oracle = StraceOracle.record(dir, "time_poll_calls", CALLS, sample.toString());
        for (List<String> options : List.of(List.<String>of(), List.of("-v"), List.of("-s", "2"),
                List.of("-e", "verbose=none"), List.of("-e", "abbrev=none"), List.of("-v", "-s", "1"), List.of("-P", "/dev/null"),
                List.of("-e", "read=all", "-e", "write=all"),
                // struct stat's device and mode, utimensat's UTIME_NOW and UTIME_OMIT in each style
                List.of("-v", "--const-print-style=raw"), List.of("-v", "--const-print-style=verbose"))) {
            oracle.compare(options, VerboseDecodingTest::program, options.contains("-P") ? 4 : 40);
        }
    }

    /** The lines from the program's first write on (all under -P), with what differs run to run masked. */
    private static List<String> program(String lines) {
        return StraceOracle.fromMarker(lines).stream()
                .map(l -> l.replaceAll("st_ino=[0-9]+", "st_ino=INODE")
                        .replaceAll("st_ctime=[^,]*, st_ctime_nsec=[0-9]+", "st_ctime=CTIME")
                        .replaceAll("stx_ino=[0-9]+", "stx_ino=INODE")
                        .replaceAll("d_ino=[0-9]+", "d_ino=INODE")
                        .replaceAll("stx_([bc])time=\\{[^}]*\\}( /\\* [^*]* \\*/)?", "stx_$1time=TIME"))
                .toList();
    }
}
