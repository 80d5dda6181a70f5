package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ioctl decoding checked against strace itself: testdata/workload/ioctl_calls.c (terminal requests
 * on a pty, socket requests on lo, FIONREAD on a pipe, RNDGETENTCNT, FS_IOC_GETFLAGS and FIEMAP on a
 * file, NS_GET_NSTYPE, failed calls, NULL, structures cut by an unreadable page, unknown requests)
 * is recorded once and run again under strace with each set of display options; the lines from its
 * marker on must be strace's, addresses (the two runs map memory elsewhere) and padding aside; in
 * each constant style too.
 */
class IoctlDecodingTest {
    private static final String CALLS = "write,ioctl";

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.record(dir, "ioctl_calls", CALLS);
        // -s 1 cuts SIOCGIFCONF's array after one element, -xx quotes names in hex; -X raw and
        // verbose print request codes (known, unknown, parameterised) and structures' constants
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "1"), List.of("-xx"),
                List.of("--const-print-style=raw"), List.of("--const-print-style=verbose"))) {
            oracle.compare(options, StraceOracle::fromMarker, 30);
        }
    }
}
