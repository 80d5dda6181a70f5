package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.trace.Sockaddr;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SockaddrTextTest {
    private static byte[] inet6(int port, int... words) {
        byte[] b = new byte[28];
        b[0] = 10;
        b[2] = (byte) (port >> 8);
        b[3] = (byte) port;
        for (int i = 0; i < 8; i++) {
            b[8 + 2 * i] = (byte) (words[i] >> 8);
            b[9 + 2 * i] = (byte) words[i];
        }
        return b;
    }

    @Test
    void inet6TextForms() {
        assertEquals("::1", Sockaddr.inet6(inet6(0, 0, 0, 0, 0, 0, 0, 0, 1), 8));
        assertEquals("::", Sockaddr.inet6(inet6(0, 0, 0, 0, 0, 0, 0, 0, 0), 8));
        assertEquals("::ffff:127.0.0.1", Sockaddr.inet6(inet6(0, 0, 0, 0, 0, 0, 0xffff, 0x7f00, 1), 8));
        assertEquals("2001:db8::1:0:0:1", Sockaddr.inet6(inet6(0, 0x2001, 0xdb8, 0, 0, 1, 0, 0, 1), 8));
        assertEquals("fe80::1", Sockaddr.inet6(inet6(0, 0xfe80, 0, 0, 0, 0, 0, 0, 1), 8));
        assertEquals("2001:db8:0:1:1:1:1:1", Sockaddr.inet6(inet6(0, 0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), 8));
    }

    @Test
    void inet6Sockaddr() {
        byte[] b = inet6(8080, 0, 0, 0, 0, 0, 0, 0, 1);
        assertEquals("{sa_family=AF_INET6, sin6_port=htons(8080), sin6_flowinfo=htonl(0), "
                + "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}", SockaddrText.strace(b, 28, Quote.Hex.NONE));
    }

    @Test
    void unixPathAndAbstract() {
        byte[] path = new byte[2 + 9];
        path[0] = 1;
        System.arraycopy("/run/sock".getBytes(StandardCharsets.US_ASCII), 0, path, 2, 9);
        assertEquals("{sa_family=AF_UNIX, sun_path=\"/run/sock\"}", SockaddrText.strace(path, path.length, Quote.Hex.NONE));
        byte[] abs = new byte[2 + 1 + 4];
        abs[0] = 1;
        System.arraycopy("name".getBytes(StandardCharsets.US_ASCII), 0, abs, 3, 4);
        assertEquals("{sa_family=AF_UNIX, sun_path=@\"name\"}", SockaddrText.strace(abs, abs.length, Quote.Hex.NONE));
    }

    @Test
    void netlink() {
        byte[] b = new byte[12];
        b[0] = 16;
        b[4] = 0x39;
        b[8] = 1;
        assertEquals("{sa_family=AF_NETLINK, nl_pid=57, nl_groups=0x000001}",
                SockaddrText.strace(b, 12, Quote.Hex.NONE));
        b[8] = 0;
        assertEquals("{sa_family=AF_NETLINK, nl_pid=57, nl_groups=00000000}",
                SockaddrText.strace(b, 12, Quote.Hex.NONE));
    }

    @Test
    void aFamilysFieldsOnlyWhenTheLengthHoldsItsStructure() {
        byte[] in = {2, 0, 0x30, 0x39, 12, 34, 56, 78, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals("{sa_family=AF_INET, sa_data=\"09\\f\\\"8N\\0\\0\\0\\0\"}",
                SockaddrText.strace(in, 12, Quote.Hex.NONE));
        assertEquals("{sa_family=AF_INET}", SockaddrText.strace(in, 2, Quote.Hex.NONE));
        assertEquals("{sa_family=0x2e /* AF_??? */, sa_data=\"09\"}",
                SockaddrText.strace(new byte[] {46, 0, 0x30, 0x39}, 4, Quote.Hex.NONE));
    }

    @Test
    void sunPathEndsWithTheStructureWhateverTheLength() {
        byte[] un = new byte[128];
        un[0] = 1;
        java.util.Arrays.fill(un, 2, 128, (byte) '0');
        assertEquals("{sa_family=AF_UNIX, sun_path=\"" + "0".repeat(108) + "\"}",
                SockaddrText.strace(un, 128, Quote.Hex.NONE));
        un[2] = 0;
        assertEquals("{sa_family=AF_UNIX, sun_path=@\"" + "0".repeat(107) + "\"}",
                SockaddrText.strace(un, 112, Quote.Hex.NONE));
    }

    @Test
    void linkLocalScopeIdNamesTheInterface() {
        byte[] b = inet6(80, 0xfe80, 0, 0, 0, 0, 0, 0, 1);
        b[24] = 1;
        assertEquals("{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), "
                + "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=if_nametoindex(\"lo\")}",
                SockaddrText.strace(b, 28, Quote.Hex.NONE, i -> i == 1 ? "lo" : null));
        b[24] = 2;
        assertEquals("{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), "
                + "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=2}",
                SockaddrText.strace(b, 28, Quote.Hex.NONE, i -> i == 1 ? "lo" : null));
        byte[] global = inet6(80, 0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
        global[24] = 1;
        assertEquals("{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), "
                + "inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr), sin6_scope_id=1}",
                SockaddrText.strace(global, 28, Quote.Hex.NONE, i -> "lo"), "not link-local: the number");
    }

    @Test
    void addressesAreQuotedStringsThatXxTurnsToHex() {
        byte[] b = {2, 0, 0, 80, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals("{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"10.0.0.1\")}",
                SockaddrText.strace(b, 16, Quote.Hex.NON_ASCII));
        assertEquals("{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"\\x31\\x30\\x2e\\x30\\x2e\\x30"
                + "\\x2e\\x31\")}", SockaddrText.strace(b, 16, Quote.Hex.ALL));
    }
}
