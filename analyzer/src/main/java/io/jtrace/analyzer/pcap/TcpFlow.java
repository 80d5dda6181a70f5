package io.jtrace.analyzer.pcap;

import java.io.IOException;

/**
 * One TCP connection as packets, seen from its traced end ("local"): sequence and acknowledgement numbers that
 * add up, a handshake, data segments, FINs and the ACKs that answer them. Every packet acknowledges everything the
 * other end sent before it; when one end sends more than {@link #ACK_EVERY} bytes without the other end sending
 * anything, the other end acknowledges (the window, scaled, is 8 MiB), so Wireshark never sees a full window.
 */
final class TcpFlow {
    /** Where packets go: time in ns since the recording started. */
    interface Out {
        void packet(long timeNs, IpPacket p, String comment) throws IOException;
    }

    static final int WINDOW = 65_535;
    /** MSS (kind 2): the largest segment written; NOP; window scale (kind 3) by 2^7: a window of 8 MiB. */
    static final byte[] SYN_OPTIONS = {2, 4, (byte) (IpPacket.MAX_TCP_PAYLOAD >>> 8), (byte) IpPacket.MAX_TCP_PAYLOAD,
        1, 3, 3, 7};
    static final long ACK_EVERY = 4L << 20;
    private static final byte[] NONE = new byte[0];

    final Endpoint local;
    final Endpoint peer;
    final boolean localIsClient;
    final String key;
    private final Out out;
    private final IpPacket packet;
    private int localNext;
    private int peerNext;
    private int localIpId;
    private int peerIpId;
    private long unackedFromLocal;
    private long unackedFromPeer;
    boolean localFin;
    boolean peerFin;
    /** Handles (fds, in any process) that refer to this connection; the last close sends the FIN. */
    int refs = 1;
    /** Said once, on the next packet: bytes that may be missing before it. */
    String note;

    TcpFlow(Endpoint local, Endpoint peer, boolean localIsClient, int ordinal, String key, IpPacket packet, Out out) {
        this.local = local;
        this.peer = peer;
        this.localIsClient = localIsClient;
        this.key = key;
        this.packet = packet;
        this.out = out;
        // initial sequence numbers: fixed per connection so the same trace always gives the same file
        long mix = (ordinal + 1) * 0x9E3779B97F4A7C15L;
        this.localNext = (int) mix;
        this.peerNext = (int) (mix >>> 32);
    }

    /** SYN from the client at {@code synNs}; SYN-ACK and the client's ACK at {@code establishedNs}. */
    void handshake(long synNs, long establishedNs, String comment) throws IOException {
        boolean fromLocal = localIsClient;
        emit(fromLocal, IpPacket.SYN, SYN_OPTIONS, NONE, 0, 0, 0, synNs, comment);
        emit(!fromLocal, IpPacket.SYN | IpPacket.ACK, SYN_OPTIONS, NONE, 0, 0, 0, establishedNs, comment);
        emit(fromLocal, IpPacket.ACK, NONE, NONE, 0, 0, 0, establishedNs, comment);
    }

    /** One segment: {@code captured} bytes of a segment {@code length} bytes long. */
    void data(boolean fromLocal, byte[] b, int off, int captured, int length, boolean push, long t, String comment)
            throws IOException {
        emit(fromLocal, IpPacket.ACK | (push ? IpPacket.PSH : 0), NONE, b, off, captured, length, t, comment);
        if ((fromLocal ? unackedFromLocal : unackedFromPeer) > ACK_EVERY) {
            emit(!fromLocal, IpPacket.ACK, NONE, NONE, 0, 0, 0, t, comment);
        }
    }

    /** One end closes its sending side: FIN, and the other end's ACK of it. */
    void fin(boolean fromLocal, long t, String comment) throws IOException {
        if (fromLocal ? localFin : peerFin) {
            return;
        }
        if (fromLocal) {
            localFin = true;
        } else {
            peerFin = true;
        }
        emit(fromLocal, IpPacket.FIN | IpPacket.ACK, NONE, NONE, 0, 0, 0, t, comment);
        emit(!fromLocal, IpPacket.ACK, NONE, NONE, 0, 0, 0, t, comment);
    }

    private void emit(boolean fromLocal, int flags, byte[] options, byte[] b, int off, int captured, int length,
            long t, String comment) throws IOException {
        boolean syn = (flags & IpPacket.SYN) != 0;
        boolean ack = (flags & IpPacket.ACK) != 0;
        int seq = fromLocal ? localNext : peerNext;
        int acked = ack ? (fromLocal ? peerNext : localNext) : 0;
        if (fromLocal) {
            packet.tcp(local, peer, localIpId++, seq, acked, flags, WINDOW, options, b, off, captured, length);
        } else {
            packet.tcp(peer, local, peerIpId++, seq, acked, flags, WINDOW, options, b, off, captured, length);
        }
        int advance = length + (syn ? 1 : 0) + ((flags & IpPacket.FIN) != 0 ? 1 : 0);
        if (fromLocal) {
            localNext += advance;
            unackedFromLocal += length;
            if (ack) {
                unackedFromPeer = 0;
            }
        } else {
            peerNext += advance;
            unackedFromPeer += length;
            if (ack) {
                unackedFromLocal = 0;
            }
        }
        String text = comment;
        if (note != null) {
            text = comment + "; " + note;
            note = null;
        }
        out.packet(t, packet, text);
    }
}
