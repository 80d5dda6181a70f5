package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * execve's and execveat's argv and envp checked against strace itself: testdata/workload/exec_calls.c
 * (arrays empty, long, cut by -s, with unreadable strings, ending in an inaccessible page, NULL,
 * unreadable) is recorded once and run again under strace with each set of display options; the
 * lines from its marker on must be strace's, addresses and padding aside.
 */
class ExecDecodingTest {
    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.record(dir, "exec_calls", "write,execve,execveat");
        // -v prints envp's strings and every element, -s 5 cuts strings and arrays at five,
        // verbose=none prints the arrays' addresses
        for (List<String> options : List.of(List.<String>of(), List.of("-v"), List.of("-s", "5"),
                List.of("-v", "-s", "5"), List.of("-xx"), List.of("-e", "verbose=none"))) {
            oracle.compare(options, StraceOracle::fromMarker, 13);
        }
    }
}
