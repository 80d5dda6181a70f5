package io.jtrace.analyzer.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.render.Quote;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SockaddrTest {
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
                + "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}", Sockaddr.strace(b, 28, Quote.Hex.NONE));
    }

    @Test
    void unixPathAndAbstract() {
        byte[] path = new byte[2 + 9];
        path[0] = 1;
        System.arraycopy("/run/sock".getBytes(StandardCharsets.US_ASCII), 0, path, 2, 9);
        assertEquals("{sa_family=AF_UNIX, sun_path=\"/run/sock\"}", Sockaddr.strace(path, path.length, Quote.Hex.NONE));
        byte[] abs = new byte[2 + 1 + 4];
        abs[0] = 1;
        System.arraycopy("name".getBytes(StandardCharsets.US_ASCII), 0, abs, 3, 4);
        assertEquals("{sa_family=AF_UNIX, sun_path=@\"name\"}", Sockaddr.strace(abs, abs.length, Quote.Hex.NONE));
    }

    @Test
    void netlink() {
        byte[] b = new byte[12];
        b[0] = 16;
        b[4] = 0x39;
        b[8] = 1;
        assertEquals("{sa_family=AF_NETLINK, nl_pid=57, nl_groups=00000001}", Sockaddr.strace(b, 12, Quote.Hex.NONE));
    }

    @Test
    void addressesAreQuotedStringsThatXxTurnsToHex() {
        byte[] b = {2, 0, 0, 80, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals("{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"10.0.0.1\")}",
                Sockaddr.strace(b, 16, Quote.Hex.NON_ASCII));
        assertEquals("{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"\\x31\\x30\\x2e\\x30\\x2e\\x30"
                + "\\x2e\\x31\")}", Sockaddr.strace(b, 16, Quote.Hex.ALL));
    }
}
