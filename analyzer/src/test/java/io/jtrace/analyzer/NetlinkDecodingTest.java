package io.jtrace.analyzer;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netlink messages checked against strace itself: testdata/workload/netlink_calls.c sends real
 * sock_diag requests over sendto and sendmsg and receives the kernel's answers (a unix socket's
 * unix_diag_msg with attributes, NLMSG_DONE, NLMSG_ERROR echoing the request) over recvfrom and
 * recvmsg, then a request on an unbound route socket (which strace cannot name the protocol of).
 * It is recorded once and run under strace with each set of options; the lines must be strace's,
 * with what changes from run to run masked: the ports' pids (of any length: a fresh machine's are
 * short), numbers of four digits and more (inodes), the kernel's socket cookies and addresses.
 */
class NetlinkDecodingTest {
    private static final String SHOWN = "sendto,recvfrom,sendmsg,recvmsg,getsockname";

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        // socket and bind tell the analyzer each socket's netlink protocol, as strace asks the socket
        StraceOracle oracle = StraceOracle.recordShowing(dir, "netlink_calls", SHOWN + ",socket,bind", SHOWN);
        // -X raw and verbose: message types, flags, families, NLMSG_ERROR's error in each style
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "5"), List.of("-yy"),
                List.of("--const-print-style=raw"), List.of("--const-print-style=verbose"))) {
            oracle.compare(options, NetlinkDecodingTest::masked, 9);
        }
    }

    /**
     * testdata/workload/netlink_attrs.c sends the attribute families strace decodes per kind or
     * family (link info, AF_SPEC, protinfo, VF info, RTM_GETSTATS, RTA_MULTIPATH, neighbour, mdb,
     * inet_diag, smc_diag and packet_diag attributes) on bound route and sock_diag sockets; -v
     * prints packet_diag's socket filter, inet_diag's zero option bits and lists longer than -s.
     */
    @Test
    void attributeFamiliesAreStraces() throws Exception {
        StraceOracle oracle = StraceOracle.recordShowing(dir, "netlink_attrs", "sendto,socket,bind", "sendto");
        for (List<String> options : List.of(List.<String>of(), List.of("-s", "3"), List.of("-x"), List.of("-xx"),
                List.of("-v", "-s", "3"))) {
            oracle.compare(options, NetlinkDecodingTest::masked, 12);
        }
    }

    private static List<String> masked(String lines) {
        return lines.lines()
                .map(l -> l.replaceAll("cookie=\\[\\d+, \\d+\\]", "cookie=[C]").replaceAll("0x[0-9a-f]{6,}", "0xADDR")
                        .replaceAll("\\b(nl_pid|nlmsg_pid)=[1-9]\\d*", "$1=PID").replaceAll("\\d{4,}", "N")
                        .replaceAll(" +=( |$)", " =$1"))
                .toList();
    }
}
