package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bpf(2), perf_event_open(2) and classic BPF socket filters checked against strace itself:
 * testdata/workload/bpf_calls.c (BPF_PROG_LOAD's instructions, license, log buffer and kernel
 * version, paths, names, BTF data, the query commands' results, BPF_LINK_CREATE's unions, unions
 * shorter and longer than their structure, strings and arrays that end in an unreadable page;
 * perf_event_attr with an E2BIG that writes its size back, PERF_EVENT_IOC_MODIFY_ATTRIBUTES;
 * SO_ATTACH_FILTER and SO_GET_FILTER's programs) is recorded once and run again under strace with
 * each set of display options (abbreviated, -v, a small -s, -xx, -y, -e verbose= without bpf, ioctl
 * and setsockopt); the lines from its marker on must
 * be strace's, addresses, inodes and padding aside.
 */
class BpfDecodingTest {
    private static final String CALLS = "write,bpf,perf_event_open,ioctl,setsockopt,getsockopt,socket,close";

    /** {@link StraceOracle#fromMarker}, the inodes of sockets and pipes (-y) and the map's id, which differ run to run. */
    private static List<String> masked(String lines) {
        return StraceOracle.fromMarker(lines).stream().map(l -> l.replaceAll("(socket|pipe):\\[[0-9]+\\]", "$1:[INODE]")
                .replaceAll("(info=\\{type=BPF_MAP_TYPE_ARRAY, id=)[0-9]+", "$1ID")).toList();
    }

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.record(dir, "bpf_calls", CALLS);
        for (List<String> options : List.of(List.<String>of(), List.of("-v"), List.of("-s", "5"),
                List.of("-v", "-xx"), List.of("-y"), List.of("-e", "verbose=perf_event_open,getsockopt"))) {
            oracle.compare(options, BpfDecodingTest::masked, 30);
        }
    }
}
