package io.jtrace.analyzer;

import java.nio.file.Path;
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
        StraceOracle oracle = StraceOracle.record(dir, "desc_calls", CALLS);
        // -s 256 shows memfd_create's 250-byte name whole, -s 5 cuts names and arrays short
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "256"), List.of("-s", "5"),
                List.of("-xx"))) {
            oracle.compare(options, StraceOracle::fromMarker, 100);
        }
    }
}
