package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V4L2 ioctl decoding (render/ioctl/V4l2*) checked against strace itself: testdata/workload/v4l2_calls.c
 * makes the requests strace decodes on fd -1, recorded as they fail (what strace prints at entry) and
 * with their return injected (what it prints at exit), each compared with strace by default, with -v
 * and with -s 1, addresses and padding masked.
 */
class V4l2DecodingTest {
    private static final String CALLS = "write,ioctl";
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-v"), List.of("-s", "1"));

    @TempDir
    Path dir;

    @Test
    void failedCallsAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.record(dir, "v4l2_calls", CALLS);
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 40);
        }
    }

    @Test
    void injectedSuccessesAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.recordInjecting(dir, "v4l2_calls", CALLS, "ioctl:retval=0");
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 40);
        }
    }
}
