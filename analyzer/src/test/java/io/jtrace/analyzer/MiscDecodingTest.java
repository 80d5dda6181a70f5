package io.jtrace.analyzer;

import java.nio.file.Path;
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
        String file = dir.resolve("attrs").toString();
        String queue = "jtrace-misc-" + ProcessHandle.current().pid();
        StraceOracle oracle = StraceOracle.record(dir, "misc_calls", CALLS, file, queue);
        // -s 4 cuts names and values, -x and -xx turn values with a trailing NUL to hex; the queue is fd 3
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "4"), List.of("-x"), List.of("-xx"),
                List.of("-e", "read=3", "-e", "write=3"), List.of("--const-print-style=raw"),
                List.of("--const-print-style=verbose"))) {
            oracle.compare(options, StraceOracle::fromMarker, 40);
        }
    }
}
