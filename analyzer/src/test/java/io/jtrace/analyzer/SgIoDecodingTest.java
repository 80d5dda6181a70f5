package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SG_IO's struct sg_io_hdr and struct sg_io_v4 checked against strace itself:
 * testdata/workload/sg_io_calls.c passes them with command, data and sense buffers, iovec arrays,
 * each direction and residue, on fd -1 (strace prints the exit fields of a failed call) and with
 * the return injected, compared by default and with -s 2 (strings and iovec arrays cut) and -xx.
 */
class SgIoDecodingTest {
    private static final String CALLS = "write,ioctl";
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-s", "2"), List.of("-xx"));

    @TempDir
    Path dir;

    @Test
    void failedCallsAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.record(dir, "sg_io_calls", CALLS);
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 20);
        }
    }

    @Test
    void injectedSuccessesAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.recordInjecting(dir, "sg_io_calls", CALLS, "ioctl:retval=0");
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 20);
        }
    }
}
