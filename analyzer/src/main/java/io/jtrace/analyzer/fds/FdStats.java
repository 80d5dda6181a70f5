package io.jtrace.analyzer.fds;

import io.jtrace.analyzer.http.GrpcProbe;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.Source;

/** Totals of one fd generation: from its creation (or first sight) to its close or reuse. */
public final class FdStats {
    /** The input where the fd was first seen. */
    final Source source;
    final int pid;
    final int fd;
    final long order;
    FdInfo info;
    long callsIn;
    long callsOut;
    long bytesIn;
    long bytesOut;
    long errors;
    long eagain;
    long ns;
    long firstNs = Long.MAX_VALUE;
    long lastNs = Long.MIN_VALUE;
    boolean closed;
    String protocol;
    private byte[] head = new byte[0];
    /** The fd was open before the recording began: its first bytes may be in the middle of a conversation. */
    boolean predates;
    /** The direction whose first bytes were an HTTP/2 SETTINGS frame (a server's), or null. */
    private Boolean settingsFirst;
    /** On an h2 connection, until its first request says whether it is gRPC: the client's frames. */
    GrpcProbe probe;
    /** The direction of the client's bytes, which the probe reads. */
    boolean probeInbound;

    FdStats(Source source, int pid, int fd, long order, FdInfo info) {
        this.source = source;
        this.pid = pid;
        this.fd = fd;
        this.order = order;
        this.info = info;
    }

    /**
     * The first bytes seen in either direction decide the protocol: http, h2, tls or other; an http connection
     * whose client sends HTTP/2's preface later (after an h2c upgrade's 101) becomes h2. An HTTP/2 server may send
     * its SETTINGS before the client's preface arrives: a SETTINGS frame first leaves the other direction to decide.
     * On h2, {@link #probe} reads the client's frames (this call's included) until a request says whether it is
     * gRPC (then grpc). On a connection older than the recording, a first call of believable frames is h2.
     */
    void sniff(com.google.protobuf.ByteString bytes, boolean inbound) {
        if (protocol != null || bytes.isEmpty() || Boolean.valueOf(inbound).equals(settingsFirst)) {
            return;
        }
        if (predates && head.length == 0 && settingsFirst == null) {
            byte[] all = bytes.toByteArray();
            if (GrpcProbe.startsWithFrames(all, 0, all.length)) {
                protocol = "h2";   // frames on a connection older than the recording (its HPACK state unknown)
                head = null;
                return;
            }
        }
        byte[] data = bytes.substring(0, Math.min(16, bytes.size())).toByteArray();
        int length = data.length;
        int seen = head.length;
        int keep = Math.min(16, length);
        byte[] h = java.util.Arrays.copyOf(head, Math.min(16, head.length + keep));
        System.arraycopy(data, 0, h, head.length, h.length - head.length);
        head = h;
        if (head.length >= 3 && head[0] == 0x16 && head[1] == 0x03 && head[2] <= 0x04) {
            protocol = "tls";
        } else if (head.length >= 8) {
            String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (s.startsWith("PRI * HT")) {
                protocol = "h2";   // HTTP/2's client preface, prior knowledge
                head = null;
                startProbe(inbound, seen);
                return;
            }
            if (settingsFirst == null && settingsFrame(head)) {
                settingsFirst = inbound;   // a server's preface, sent before the client's arrived
                head = new byte[0];
                return;
            }
            protocol = s.matches("(?s)(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH|TRACE|CONNECT|PRI) .*")
                    || s.startsWith("HTTP/1.") ? "http" : "other";
            head = null;
        }
    }

    /** A SETTINGS frame's header (its first 8 bytes): stream 0, no ACK, a length of whole settings within 16 KiB. */
    private static boolean settingsFrame(byte[] b) {
        int length = (b[0] & 0xff) << 16 | (b[1] & 0xff) << 8 | b[2] & 0xff;
        return b[3] == 4 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 && length % 6 == 0 && length <= 1 << 14;
    }

    /** A later call's first bytes, on a connection that carries HTTP/1: HTTP/2's preface means it upgraded. */
    void sniffUpgrade(com.google.protobuf.ByteString data, boolean inbound) {
        if (data.size() >= 14 && data.byteAt(0) == 'P'
                && data.substring(0, 14).toStringUtf8().equals("PRI * HTTP/2.0")) {
            protocol = "h2";
            startProbe(inbound, 0);
        }
    }

    private void startProbe(boolean inbound, int prefaceSeen) {
        probe = new GrpcProbe(prefaceSeen);
        probeInbound = inbound;
    }

    /** The client's bytes of an h2 connection went to the probe: gRPC once a request said so. */
    void probed() {
        Boolean grpc = probe.grpc();
        if (grpc != null) {
            if (grpc) {
                protocol = "grpc";
            }
            probe = null;
        }
    }

    public int pid() {
        return pid;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** Failed calls, EAGAIN apart (how often a call would have blocked depends on timing). */
    public long errors() {
        return errors;
    }

    /** tcp, tcp6, udp, udp6, unix (any socket type), netlink, file, pipe, other. */
    public String kind() {
        if (info == null) {
            return "other";
        }
        return switch (info.kind()) {
            case FILE -> "file";
            case PIPE -> "pipe";
            case SOCKET -> {
                String p = info.protocol();
                yield p == null ? "other" : p.startsWith("UNIX") ? "unix"
                        : p.toLowerCase(java.util.Locale.ROOT).replace("v6", "6");
            }
            default -> "other";
        };
    }

    public String local() {
        if (info == null) {
            return null;
        }
        return info.kind() == FdInfo.Kind.SOCKET ? info.local() : info.target();
    }

    public String peer() {
        return info == null ? null : info.peer();
    }

    public String protocol() {
        return protocol != null ? protocol : bytesIn + bytesOut == 0 ? null : "other";
    }
}
