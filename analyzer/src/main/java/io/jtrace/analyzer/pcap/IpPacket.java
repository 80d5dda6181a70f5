package io.jtrace.analyzer.pcap;

/**
 * Builds raw IPv4 or IPv6 packets carrying a TCP segment or a UDP datagram, with correct IPv4 header, TCP and UDP
 * checksums. A payload whose tail was not captured gives a packet whose headers claim the whole length and whose
 * captured part ends early, as tcpdump -s writes it; its transport checksum cannot be computed and is left zero.
 */
final class IpPacket {
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    /** The largest payload a TCP segment over IPv4 without options can carry: 65535 - 20 - 20. */
    static final int MAX_TCP_PAYLOAD = 65_495;
    /** The largest UDP payload over IPv4: 65535 - 20 - 8. */
    static final int MAX_UDP_PAYLOAD = 65_507;

    /** The packet: {@code captured} bytes of {@code bytes}, of a packet {@code length} bytes long. */
    final byte[] bytes = new byte[60 + 40 + 65_535];
    int captured;
    int length;

    /** A TCP segment; {@code options} is a whole number of 32-bit words. */
    void tcp(Endpoint src, Endpoint dst, int ipId, int seq, int ack, int flags, int window, byte[] options,
            byte[] payload, int off, int payloadCaptured, int payloadLength) {
        int ip = ipHeaderLength(src);
        int header = 20 + options.length;
        int segment = header + payloadLength;
        ip(src, dst, PROTO_TCP, ipId, segment);
        int t = ip;
        put16(t, src.port());
        put16(t + 2, dst.port());
        put32(t + 4, seq);
        put32(t + 8, ack);
        put16(t + 12, (header / 4) << 12 | flags);
        put16(t + 14, window);
        put16(t + 16, 0);
        put16(t + 18, 0);
        System.arraycopy(options, 0, bytes, t + 20, options.length);
        System.arraycopy(payload, off, bytes, t + header, payloadCaptured);
        captured = ip + header + payloadCaptured;
        length = ip + segment;
        if (payloadCaptured == payloadLength) {
            put16(t + 16, transportChecksum(src, dst, PROTO_TCP, t, segment));
        }
    }

    /** A UDP datagram. */
    void udp(Endpoint src, Endpoint dst, int ipId, byte[] payload, int off, int payloadCaptured, int payloadLength) {
        int ip = ipHeaderLength(src);
        int datagram = 8 + payloadLength;
        ip(src, dst, PROTO_UDP, ipId, datagram);
        int u = ip;
        put16(u, src.port());
        put16(u + 2, dst.port());
        put16(u + 4, datagram);
        put16(u + 6, 0);
        System.arraycopy(payload, off, bytes, u + 8, payloadCaptured);
        captured = ip + 8 + payloadCaptured;
        length = ip + datagram;
        if (payloadCaptured == payloadLength) {
            int sum = transportChecksum(src, dst, PROTO_UDP, u, datagram);
            put16(u + 6, sum == 0 ? 0xffff : sum);   // 0 means "no checksum" in UDP
        }
    }

    private static int ipHeaderLength(Endpoint e) {
        return e.v4() ? 20 : 40;
    }

    private void ip(Endpoint src, Endpoint dst, int protocol, int ipId, int payloadLength) {
        if (src.v4()) {
            bytes[0] = 0x45;
            bytes[1] = 0;
            put16(2, 20 + payloadLength);
            put16(4, ipId);
            put16(6, 0x4000);   // don't fragment
            bytes[8] = 64;
            bytes[9] = (byte) protocol;
            put16(10, 0);
            System.arraycopy(src.address(), 0, bytes, 12, 4);
            System.arraycopy(dst.address(), 0, bytes, 16, 4);
            put16(10, Checksum.of(bytes, 0, 20));
        } else {
            put32(0, 0x60000000);
            put16(4, payloadLength);
            bytes[6] = (byte) protocol;
            bytes[7] = 64;
            System.arraycopy(src.address(), 0, bytes, 8, 16);
            System.arraycopy(dst.address(), 0, bytes, 24, 16);
        }
    }

    /** TCP's and UDP's checksum: the pseudo-header (addresses, protocol, length), then the header and payload. */
    private int transportChecksum(Endpoint src, Endpoint dst, int protocol, int at, int len) {
        long sum = Checksum.add(0, src.address(), 0, src.address().length);
        sum = Checksum.add(sum, dst.address(), 0, dst.address().length);
        sum += protocol;
        sum += len >>> 16;
        sum += len & 0xffff;
        return Checksum.finish(Checksum.add(sum, bytes, at, len));
    }

    private void put16(int at, int v) {
        bytes[at] = (byte) (v >>> 8);
        bytes[at + 1] = (byte) v;
    }

    private void put32(int at, int v) {
        put16(at, v >>> 16);
        put16(at + 2, v);
    }
}
