package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ioctl families of render/ioctl/ that need a device (MTD, UBI, LIRC, SCSI generic, TEE,
 * device mapper) checked against strace
 * itself: testdata/workload/ioctl_family_calls.c makes one family's requests on fd -1, recorded as
 * they fail (what strace prints at entry) and with their return injected (what it prints at exit),
 * each compared with strace by default and with -v and -s 4, addresses and padding masked.
 */
class IoctlFamiliesDecodingTest {
    private static final String CALLS = "write,ioctl";
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-v"), List.of("-s", "4"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mtd", "ubi", "lirc", "scsi", "tee", "dm"})
    void failedCallsAreStraces(String family) throws Exception {
        StraceOracle oracle = StraceOracle.record(dir, "ioctl_family_calls", CALLS, family);
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 7);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mtd", "ubi", "lirc", "scsi", "tee", "dm"})
    void injectedSuccessesAreStraces(String family) throws Exception {
        StraceOracle oracle = StraceOracle.recordInjecting(dir, "ioctl_family_calls", CALLS, "ioctl:retval=0", family);
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 7);
        }
    }
}
