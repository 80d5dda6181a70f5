package io.jtrace.analyzer.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checksums against published values, packets' headers, and the endpoint text the analyzer prints. */
class IpPacketTest {
    static byte[] hex(String s) {
        s = s.replace(" ", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    @Test
    void checksumsOfPublishedExamples() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement
        assertEquals(0xddf2 ^ 0xffff, Checksum.of(hex("0001f203f4f5f6f7"), 0, 8));
        // an IPv4 header with its checksum zeroed (Wikipedia, "Internet checksum"): b861
        assertEquals(0xb861, Checksum.of(hex("45000073000040004011 0000 c0a80001c0a800c7"), 0, 20));
        // an odd length pads with a zero byte
        assertEquals(Checksum.of(hex("0102 0300"), 0, 4), Checksum.of(hex("010203"), 0, 3));
    }

    /** A SYN from 127.0.0.1:40000 to 127.0.0.1:8080: the checksum verifies, and equals the value worked out by hand. */
    @Test
    void tcpChecksumOfASyn() {
        IpPacket p = new IpPacket();
        Endpoint src = Endpoint.parse("127.0.0.1:40000");
        Endpoint dst = Endpoint.parse("127.0.0.1:8080");
        p.tcp(src, dst, 0x1234, 0x01020304, 0, IpPacket.SYN, 65535, new byte[0], new byte[0], 0, 0, 0);
        // header fields, then the sum of the whole segment with its pseudo-header is 0xffff (checksum valid)
        assertEquals(40, p.captured);
        assertEquals(40, p.length);
        assertEquals(0x45, p.bytes[0] & 0xff);
        assertEquals(0, Checksum.of(p.bytes, 0, 20), "IPv4 header checksum verifies");
        long sum = Checksum.add(0, src.address(), 0, 4);
        sum = Checksum.add(sum, dst.address(), 0, 4);
        sum += 6 + 20;
        assertEquals(0, Checksum.finish(Checksum.add(sum, p.bytes, 20, 20)), "TCP checksum verifies");
        // by hand, the words: 7f00 0001 7f00 0001 0006 0014 (pseudo-header), 9c40 1f90 0102 0304 0000 0000 5002
        // ffff 0000 0000 (header) sum to 0x30df3; folded 0x0df6; complemented 0xf209
        assertEquals(0xf209, (p.bytes[36] & 0xff) << 8 | p.bytes[37] & 0xff);
    }

    @Test
    void udpOverIpv6() {
        IpPacket p = new IpPacket();
        Endpoint src = Endpoint.parse("[::1]:5353");
        Endpoint dst = Endpoint.parse("[2001:db8::7]:53");
        byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
        p.udp(src, dst, 1, payload, 0, 5, 5);
        assertEquals(40 + 8 + 5, p.length);
        assertEquals(0x60, p.bytes[0] & 0xf0);
        assertEquals(13, (p.bytes[4] & 0xff) << 8 | p.bytes[5] & 0xff, "payload length");
        assertEquals(17, p.bytes[6]);
        long sum = Checksum.add(0, src.address(), 0, 16);
        sum = Checksum.add(sum, dst.address(), 0, 16);
        sum += 17 + 13;
        assertEquals(0, Checksum.finish(Checksum.add(sum, p.bytes, 40, 13)), "UDP checksum verifies");
    }

    @Test
    void aCutPayloadKeepsItsLengthAndLeavesTheChecksumZero() {
        IpPacket p = new IpPacket();
        byte[] payload = new byte[100];
        p.tcp(Endpoint.parse("10.0.0.1:1"), Endpoint.parse("10.0.0.2:2"), 0, 0, 0, IpPacket.ACK, 1, new byte[0],
                payload, 0, 60, 1000);
        assertEquals(20 + 20 + 60, p.captured);
        assertEquals(20 + 20 + 1000, p.length);
        assertEquals(1040, (p.bytes[2] & 0xff) << 8 | p.bytes[3] & 0xff, "IP total length counts the uncaptured bytes");
        assertEquals(0, p.bytes[36] | p.bytes[37]);
        assertEquals(0, Checksum.of(p.bytes, 0, 20), "the IP header is whole: its checksum verifies");
    }

    @Test
    void endpointsAsTheAnalyzerPrintsThem() {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, Endpoint.parse("[::ffff:127.0.0.1]:80").address(),
                "IPv4-mapped is IPv4 on the wire");
        assertEquals(80, Endpoint.parse("[::ffff:127.0.0.1]:80").port());
        assertArrayEquals(hex("20010db8000000000000000000000007"), Endpoint.parse("[2001:db8::7]:1").address());
        assertArrayEquals(hex("00000000000000000000000000000001"), Endpoint.parse("[::1]:1").address());
        assertArrayEquals(hex("fe800000000000000000000000000001"), Endpoint.parse("[fe80::1]:1").address());
        for (String bad : new String[] {null, "", "1.2.3.4", "1.2.3:80", "1.2.3.256:80", "[::1:80", "[1::2::3]:1",
            "/tmp/socket", "@abstract", "1.2.3.4:70000", "[1:2:3:4:5:6:7:8:9]:1"}) {
            assertNull(Endpoint.parse(bad), bad);
        }
        assertArrayEquals(hex("00000000000000000000ffffc0000201"),
                Endpoint.placeholder(true, true, 49152).asV6().address());
    }
}
