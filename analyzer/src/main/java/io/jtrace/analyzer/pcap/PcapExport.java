package io.jtrace.analyzer.pcap;

import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.ConnectionPairs;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.FdCalls;
import io.jtrace.analyzer.trace.FdGenerations;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.Payload;
import io.jtrace.analyzer.trace.Sockaddr;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pcap} view: each TCP connection's two byte streams as synthetic TCP segments (handshake, data, FINs)
 * and each UDP send or receive as a datagram, written to a pcapng file as they come (memory: the open fds).
 * Packets are in the order of the trace's records; a packet's time is its call's entry for data sent and its
 * return for data received (ANALYZER.md "pcapng export").
 */
public final class PcapExport implements EventSink {
    static final String LOST = "records were lost before this packet: bytes may be missing";
    private static final int FIRST_PLACEHOLDER_PORT = 49_152;

    private enum Kind { UNKNOWN, TCP, UDP, LISTENER, OTHER_SOCKET, NOT_SOCKET }

    /** One fd generation of one process. */
    private static final class Handle {
        final int pid;
        final long fd;
        Kind kind = Kind.UNKNOWN;
        TcpFlow flow;
        /** The other end of a connection already exported from its own fd: nothing more to write. */
        boolean mirror;
        boolean counted;
        boolean ended;
        /** connect or accept seen: when, and the comment for the handshake. */
        String opener;
        long synNs;
        long establishedNs;
        String note;
        Endpoint udpLocal;
        Endpoint udpPeer;

        Handle(int pid, long fd) {
            this.pid = pid;
            this.fd = fd;
        }
    }

    private final TraceState state;
    private final PcapngWriter writer;
    private final long startWallNs;
    private final FdGenerations<Handle> handles = new FdGenerations<>();
    /** Open connections whose two ends the state paired by their bytes (ConnectionPairs). */
    private final Map<ConnectionPairs.Connection, TcpFlow> byConnection = new HashMap<>();
    /** Flows made with placeholders, by the state's description of the end that made them (the latest ones). */
    private final Map<FdInfo, TcpFlow> byEnd = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FdInfo, TcpFlow> eldest) {
            return size() > 10_000;
        }
    };
    /** Open connections with both endpoints known, by local then peer endpoint. */
    private final Map<String, TcpFlow> flows = new HashMap<>();
    /** Connected or accepted fds whose handshake waits for both endpoints to be known. */
    private final List<Handle> pending = new ArrayList<>();
    private final Payload payload = new Payload();
    private final IpPacket packet = new IpPacket();
    private final Segments segments = new Segments();
    private final Datagram datagram = new Datagram();
    private int ordinal;
    private int nextPort = FIRST_PLACEHOLDER_PORT;
    private int udpIpId;
    private long connections;
    private long datagrams;
    private long notExported;

    public PcapExport(TraceState state, PcapngWriter writer, long startWallNs) {
        this.state = state;
        this.writer = writer;
        this.startWallNs = startWallNs;
    }

    /** TCP connections written. */
    public long connections() {
        return connections;
    }

    /** UDP datagrams written. */
    public long datagrams() {
        return datagrams;
    }

    /** Sockets that moved bytes but have no IP endpoints (unix, netlink...): not in the file. */
    public long notExported() {
        return notExported;
    }

    @Override
    public void accept(Event e) throws IOException {
        try {
            if (!pending.isEmpty()) {
                handshakes();
            }
            handles.apply(e, lifecycle);
            if (e.isSyscall()) {
                syscall(e);
            } else if (e.kind() == Record.KindCase.LOSS) {
                int pid = e.tid() == 0 ? 0 : state.pidOf(e.tid());
                handles.forEach(pid, h -> {
                    if (h.flow != null) {
                        h.flow.note = LOST;
                    } else {
                        h.note = LOST;
                    }
                });
            }
        } catch (UncheckedIOException x) {
            throw x.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        List<Handle> open = new ArrayList<>();
        handles.endAll(open::add);
        for (Handle h : open) {
            end(h, 0, null, false);   // the recording ended, not the connections: no FIN
        }
    }

    private void syscall(Event e) throws IOException {
        RecordedSyscall s = e.syscall();
        String name = e.name();
        int pid = s.getPid();
        long exitNs = e.timeNs() + s.getDurationNs();
        Calls.Flow flow = Calls.flow(name);
        if (flow != Calls.Flow.NONE) {
            transfer(handle(pid, Calls.arg(s, 0)), e, flow == Calls.Flow.IN);
            return;
        }
        boolean done = !s.getUnfinished();
        switch (name) {
            case "listen" -> {
                if (done && s.getRet() == 0) {
                    handle(pid, Calls.arg(s, 0)).kind = Kind.LISTENER;   // accepts connections, carries none
                }
            }
            case "shutdown" -> {
                long how = Calls.arg(s, 1);
                FdInfo info = state.fd(pid, Calls.arg(s, 0));
                Handle h = handle(pid, Calls.arg(s, 0));
                boolean connected = h.flow != null || h.opener != null || info != null && info.peer() != null;
                if (done && s.getRet() == 0 && (how == 1 || how == 2) && connected) {   // SHUT_WR, SHUT_RDWR
                    TcpFlow f = flow(h, e.timeNs(), comment(e, Calls.arg(s, 0)));
                    if (f != null) {
                        f.fin(true, e.timeNs(), comment(e, Calls.arg(s, 0)));
                    }
                }
            }
            case "connect" -> {
                if (done && (s.getRet() == 0 || s.getRet() == -FdCalls.EINPROGRESS)) {
                    Handle h = handle(pid, Calls.arg(s, 0));
                    if (h.flow == null && h.opener == null) {
                        // a non-blocking connect completes later, at a time the trace does not show
                        opened(h, e.timeNs(), exitNs, comment(e, Calls.arg(s, 0)));
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * A handle per fd a call creates; an accepted socket's handshake waits for its endpoints, a dup shares its
     * original's connection. A close ends the connection when it was its last fd (a FIN); a reused number's close
     * was not recorded, so it ends without one.
     */
    private final FdGenerations.Lifecycle<Handle> lifecycle = new FdGenerations.Lifecycle<>() {
        @Override
        public Handle created(Event e, int pid, int fd, FdCalls.Origin origin, Handle from) {
            Handle h = new Handle(pid, fd);
            if (origin == FdCalls.Origin.ACCEPT) {
                long exitNs = FdCalls.exitNs(e);
                opened(h, exitNs, exitNs, comment(e, fd));
            } else if (origin == FdCalls.Origin.DUP && from != null && from.flow != null) {
                h.kind = from.kind;
                h.flow = from.flow;
                h.flow.refs++;
            } else if (origin == FdCalls.Origin.DUP && from != null) {
                h.mirror = from.mirror;
            }
            return h;
        }

        @Override
        public void ended(Handle h, Event e, FdGenerations.End how) {
            try {
                switch (how) {
                    case CLOSED -> end(h, e.timeNs(), comment(e, e.name().equals("close") ? h.fd : -1), true);
                    case REUSED -> end(h, e.timeNs(), null, false);
                    case EXITED -> end(h, e.timeNs(), "pid " + e.pid() + " comm " + state.comm(e.pid()) + " exited", true);
                }
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
    };

    private void opened(Handle h, long synNs, long establishedNs, String comment) {
        h.opener = comment;
        h.synNs = synNs;
        h.establishedNs = establishedNs;
        pending.add(h);
    }

    /**
     * Writes the handshakes of connects and accepts whose endpoints the state now knows (a connect's local end
     * comes from the getsockname after it, which the state has applied by the next event), so that they come out
     * close to their time; the first data or the close writes the others, with placeholders for what is unknown.
     */
    private void handshakes() throws IOException {
        for (int i = pending.size() - 1; i >= 0; i--) {
            Handle h = pending.get(i);
            if (h.ended || h.flow != null || h.mirror) {
                pending.remove(i);
                continue;
            }
            FdInfo info = state.fd(h.pid, h.fd);
            if (info != null && info.local() != null && info.peer() != null) {
                pending.remove(i);
                flow(h, h.establishedNs, h.opener);
            }
        }
    }

    private Handle handle(int pid, long fd) {
        Handle h = handles.get(pid, fd);
        if (h == null) {
            h = new Handle(pid, fd);   // in use before the recording started
            handles.start(pid, fd, h, FdGenerations.BEFORE_RECORDING);
        }
        return h;
    }

    /** "pid 3314 tid 3320 comm client-0 fd 7 write": whose call a packet comes from. */
    private String comment(Event e, long fd) {
        RecordedSyscall s = e.syscall();
        return "pid " + s.getPid() + " tid " + s.getTid() + " comm " + state.threadComm(s.getTid(), s.getPid())
                + (fd >= 0 ? " fd " + fd : "") + " " + e.name();
    }

    private void transfer(Handle h, Event e, boolean in) throws IOException {
        RecordedSyscall s = e.syscall();
        int pid = s.getPid();
        long fd = Calls.arg(s, 0);
        long t = in ? e.timeNs() + s.getDurationNs() : e.timeNs();   // bytes arrive at the return, leave at the entry
        if (s.getUnfinished() || s.getRet() < 0) {
            return;
        }
        Kind kind = kind(h);
        if (kind == Kind.OTHER_SOCKET && s.getRet() > 0 && !h.counted) {
            h.counted = true;
            notExported++;
        }
        if (kind == Kind.TCP) {
            if (s.getRet() == 0) {
                if (in && endOfFile(e)) {
                    TcpFlow f = flow(h, t, comment(e, fd));
                    if (f != null) {
                        f.fin(false, t, comment(e, fd) + " = 0 (end of file)");
                    }
                }
                return;
            }
            TcpFlow f = flow(h, t, comment(e, fd));
            if (f != null) {
                segments.start(f, !in, t, comment(e, fd));
                Payload.Moved moved = payload.walk(e, segments);
                segments.finish();
                if (moved == Payload.Moved.UNKNOWN) {
                    f.note = e.name() + " moved bytes the trace does not hold: some may be missing";
                }
            }
        } else if (kind == Kind.UDP && s.getRet() > 0) {
            udp(h, e, in, t, fd);
        }
    }

    /** A read that returned 0 asked for bytes and got the peer's FIN. */
    private static boolean endOfFile(Event e) {
        return switch (e.name()) {
            case "read", "pread64", "recvfrom", "readv", "preadv", "preadv2" -> Calls.arg(e.syscall(), 2) > 0;
            case "recvmsg" -> true;
            default -> false;
        };
    }

    private Kind kind(Handle h) {
        if (h.kind == Kind.UNKNOWN) {
            FdInfo info = state.fd(h.pid, h.fd);
            if (info == null || info.kind() != FdInfo.Kind.SOCKET) {
                return Kind.NOT_SOCKET;   // not (yet) known as a socket: ask again at the next call
            }
            int type = info.type() & 0xf;
            boolean ip = info.family() == Sockaddr.AF_INET || info.family() == Sockaddr.AF_INET6;
            h.kind = !ip ? Kind.OTHER_SOCKET : type == 1 ? Kind.TCP : type == 2 ? Kind.UDP : Kind.OTHER_SOCKET;
        }
        return h.kind;
    }

    private int placeholderPort() {
        int p = nextPort;
        nextPort = nextPort == 0xffff ? FIRST_PLACEHOLDER_PORT : nextPort + 1;
        return p;
    }

    /**
     * The connection an fd carries, started on first need with its handshake: the one connect or accept made, or
     * one synthesised now for a connection older than the recording. Null for a mirror (the connection is already
     * exported from its other end, also traced) and for fds that are not TCP sockets.
     */
    private TcpFlow flow(Handle h, long t, String comment) throws IOException {
        if (h.flow != null || h.mirror || kind(h) != Kind.TCP) {
            return h.flow;
        }
        FdInfo info = state.fd(h.pid, h.fd);
        Endpoint local = Endpoint.parse(info.local());
        Endpoint peer = Endpoint.parse(info.peer());
        ConnectionPairs.Connection pair = info.connection();
        TcpFlow paired = pair == null ? null : pairedFlow(info, pair);
        if (paired != null) {
            if (paired.localIsClient != info.connectionClient()) {
                h.mirror = true;   // the other end of a connection paired by its bytes: already in the file
                return null;
            }
            paired.refs++;
            h.flow = paired;
            return paired;
        }
        if (local != null && peer != null) {
            TcpFlow same = flows.get(Endpoint.key(local, peer));
            if (same != null) {   // the same connection on another fd or in another process (dup, fork)
                same.refs++;
                h.flow = same;
                return same;
            }
            if (flows.containsKey(Endpoint.key(peer, local))) {
                h.mirror = true;   // both ends traced: a capture would show the connection once
                return null;
            }
        }
        boolean v4 = local != null ? local.v4() : peer != null ? peer.v4() : info.family() == Sockaddr.AF_INET;
        if (peer == null) {
            peer = Endpoint.placeholder(v4, false, placeholderPort());
        }
        if (local == null) {
            local = Endpoint.placeholder(v4, true, placeholderPort());
        }
        if (local.v4() != peer.v4()) {
            local = local.asV6();
            peer = peer.asV6();
        }
        // without connect or accept in the trace, the end with the lower port is taken as the server
        boolean client = h.opener != null ? h.opener.endsWith(" connect") : local.port() > peer.port();
        String key = local.placeholder() || peer.placeholder() ? null : Endpoint.key(local, peer);
        TcpFlow f = new TcpFlow(local, peer, client, ordinal++, key, packet, this::write);
        if (key != null) {
            flows.put(key, f);
        }
        h.flow = f;
        if (pair != null) {
            byConnection.put(pair, f);
        } else if (key == null) {
            byEnd.put(info, f);   // its other end, if traced, may be paired with it later
        }
        connections++;
        if (h.opener != null) {
            f.handshake(h.synNs, h.establishedNs, h.opener);
        } else {
            f.handshake(t, t, comment + "; handshake synthesised: the connection predates the recording");
        }
        f.note = h.note;
        h.note = null;
        return f;
    }

    /**
     * An fd is gone: closed (or its process exited) when {@code closed}, which sends the FIN if it was the
     * connection's last fd; otherwise the recording ended. A connect or accept without any data since still
     * shows its handshake.
     */
    private void end(Handle h, long t, String comment, boolean closed) throws IOException {
        h.ended = true;
        if (h.flow == null && h.opener != null && !h.mirror) {
            flow(h, h.establishedNs, h.opener);
        }
        TcpFlow f = h.flow;
        if (f == null || --f.refs > 0) {
            return;
        }
        if (closed) {
            f.fin(true, t, comment);
        }
        if (f.key != null) {
            flows.remove(f.key);
        }
        byConnection.values().remove(f);
    }

    /**
     * The flow already made for a connection whose two ends the state paired: by an end of it after the pairing,
     * or before it (even since closed) by the end that moved bytes first.
     */
    private TcpFlow pairedFlow(FdInfo info, ConnectionPairs.Connection pair) {
        TcpFlow f = byConnection.get(pair);
        if (f == null) {
            f = byEnd.get(pair.otherEnd(info));
            if (f == null) {
                f = byEnd.get(info.connectionClient() ? pair.clientEnd() : pair.serverEnd());
            }
        }
        return f;
    }

    private void udp(Handle h, Event e, boolean in, long t, long fd) throws IOException {
        RecordedSyscall s = e.syscall();
        FdInfo info = state.fd(h.pid, h.fd);
        Endpoint local = Endpoint.parse(info.local());
        Endpoint peer = address(e, in);
        if (peer == null) {
            peer = Endpoint.parse(info.peer());
        }
        boolean v4 = local != null ? local.v4() : peer != null ? peer.v4() : info.family() == Sockaddr.AF_INET;
        if (local == null) {
            if (h.udpLocal == null || h.udpLocal.v4() != v4) {
                h.udpLocal = Endpoint.placeholder(v4, true, placeholderPort());
            }
            local = h.udpLocal;
        }
        if (peer == null) {
            if (h.udpPeer == null || h.udpPeer.v4() != v4) {
                h.udpPeer = Endpoint.placeholder(v4, false, placeholderPort());
            }
            peer = h.udpPeer;
        }
        if (local.v4() != peer.v4()) {
            local = local.asV6();
            peer = peer.asV6();
        }
        datagram.reset();
        if (payload.walk(e, datagram) == Payload.Moved.UNKNOWN) {
            h.note = e.name() + " moved datagrams the trace does not hold: they are not in the file";
            return;
        }
        String c = comment(e, fd);
        if (datagram.length > datagram.captured) {
            c += "; " + (datagram.length - datagram.captured) + " bytes not captured";
        }
        if (h.note != null) {
            c += "; " + h.note;
            h.note = null;
        }
        int length = (int) Math.min(datagram.length, IpPacket.MAX_UDP_PAYLOAD);
        if (in) {
            packet.udp(peer, local, udpIpId++, datagram.bytes, 0, datagram.captured, length);
        } else {
            packet.udp(local, peer, udpIpId++, datagram.bytes, 0, datagram.captured, length);
        }
        write(t, packet, c);
        datagrams++;
    }

    /** The address a sendto/sendmsg named or a recvfrom/recvmsg returned, when captured and IP. */
    private static Endpoint address(Event e, boolean in) {
        RecordedSyscall s = e.syscall();
        RecordedBuffer b = switch (e.name()) {
            case "sendto", "recvfrom" -> Calls.buffer(s, 4, Buffer.Part.WHOLE, in);
            case "sendmsg", "recvmsg" -> Calls.buffer(s, 1, Buffer.Part.MSG_NAME, 0, in);
            default -> null;
        };
        if (b == null || b.getError() != 0) {
            return null;
        }
        byte[] a = b.getData().toByteArray();
        int family = Sockaddr.family(a, a.length);
        return family == Sockaddr.AF_INET || family == Sockaddr.AF_INET6 ? Endpoint.parse(Sockaddr.endpoint(a, a.length))
                : null;
    }

    private void write(long timeNs, IpPacket p, String comment) throws IOException {
        writer.packet(startWallNs + timeNs, p.bytes, p.captured, p.length, comment);
    }

    /** One call's bytes cut into segments of at most {@link IpPacket#MAX_TCP_PAYLOAD}: captured, then not. */
    private static final class Segments implements Payload.Sink {
        private final byte[] bytes = new byte[IpPacket.MAX_TCP_PAYLOAD];
        private TcpFlow flow;
        private boolean fromLocal;
        private long t;
        private String comment;
        private int captured;
        private int length;

        void start(TcpFlow f, boolean local, long time, String text) {
            flow = f;
            fromLocal = local;
            t = time;
            comment = text;
            captured = 0;
            length = 0;
        }

        @Override
        public void data(byte[] b, int off, int len) {
            while (len > 0) {
                if (length > captured || length == bytes.length) {
                    flush(false);   // a segment's uncaptured part is its tail
                }
                int n = Math.min(len, bytes.length - length);
                System.arraycopy(b, off, bytes, length, n);
                captured += n;
                length += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void gap(long n) {
            while (n > 0) {
                if (length == bytes.length) {
                    flush(false);
                }
                int k = (int) Math.min(n, bytes.length - length);
                length += k;
                n -= k;
            }
        }

        void finish() {
            if (length > 0) {
                flush(true);
            }
        }

        private void flush(boolean push) {
            String c = length > captured ? comment + "; " + (length - captured) + " bytes not captured" : comment;
            try {
                flow.data(fromLocal, bytes, 0, captured, length, push, t, c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            captured = 0;
            length = 0;
        }
    }

    /** One call's bytes as one datagram. */
    private static final class Datagram implements Payload.Sink {
        final byte[] bytes = new byte[IpPacket.MAX_UDP_PAYLOAD];
        int captured;
        long length;

        void reset() {
            captured = 0;
            length = 0;
        }

        @Override
        public void data(byte[] b, int off, int len) {
            if (length == captured) {
                int n = (int) Math.min(len, bytes.length - captured);
                System.arraycopy(b, off, bytes, captured, n);
                captured += n;
            }
            length += len;
        }

        @Override
        public void gap(long n) {
            length += n;
        }
    }
}
