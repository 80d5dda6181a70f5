package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The btrfs requests render/ioctl/Btrfs* decode, and FIDEDUPERANGE, checked against strace itself:
 * testdata/workload/btrfs_calls.c makes them on fd -1, recorded as they fail and with their return
 * injected (what strace prints at exit: balance state, device replace status, the data containers of
 * INO_PATHS and LOGICAL_INO, dedupe results, tree search headers, spaces) and failing with EOVERFLOW,
 * compared by default, with -v (qgroup_inherit's qgroups, the containers' values, every dedupe
 * destination, the tree search result headers and spaces) and with --const-print-style=verbose and raw.
 */
class BtrfsDecodingTest {
    private static final String CALLS = "write,ioctl";
    private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("-v"), List.of("--const-print-style=verbose"), List.of("--const-print-style=raw"));

    @TempDir
    Path dir;

    @Test
    void failedCallsAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.record(dir, "btrfs_calls", CALLS);
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 25);
        }
    }

    /** EOVERFLOW: TREE_SEARCH_V2's {@code => {buf_size=N}}, read at exit of the failed call. */
    @Test
    void overflowsAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.recordInjecting(dir, "btrfs_calls", CALLS, "ioctl:error=EOVERFLOW");
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 25);
        }
    }

    @Test
    void injectedSuccessesAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.recordInjecting(dir, "btrfs_calls", CALLS, "ioctl:retval=0");
        for (List<String> options : OPTIONS) {
            oracle.compare(options, StraceOracle::fromMarker, 25);
        }
    }
}
