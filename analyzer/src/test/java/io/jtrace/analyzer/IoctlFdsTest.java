package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fds nsfs ioctls return (NS_GET_USERNS, NS_GET_PARENT: strace's RVAL_FD) printed as strace prints
 * them, {@code = 4<user:[4026531837]>} under -y, from the recorder's probe of the returned fd, and
 * known to the fd model afterwards ({@code ioctl(4<user:[...]>, NS_GET_NSTYPE)}):
 * testdata/workload/nsfs_fds.c compared with strace, namespace inodes masked (a new namespace's differs
 * from run to run). KVM's fds are KvmDecodingTest's.
 */
class IoctlFdsTest {
    @TempDir
    Path dir;

    @Test
    void returnedFdsAreStraces() throws Exception {
        // open is recorded for -y's 3<uts:[...]>, and shown as strace shows what it traces
        StraceOracle oracle = StraceOracle.recordShowing(dir, "nsfs_fds", "openat,write,ioctl", "write,ioctl");
        for (List<String> options : List.of(List.<String>of(), List.of("-y"), List.of("-yy"))) {
            oracle.compare(options, IoctlFdsTest::inodesMasked, 6);
        }
    }

    private static List<String> inodesMasked(String lines) {
        return StraceOracle.fromMarker(lines).stream().map(l -> l.replaceAll(":\\[[0-9]+\\]", ":[INODE]")).toList();
    }
}
