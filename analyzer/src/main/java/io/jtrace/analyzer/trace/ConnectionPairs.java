package io.jtrace.analyzer.trace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Both ends of a TCP connection traced, when the trace does not name them: a C server's {@code accept(fd, NULL,
 * NULL)} without getsockname, or a recording without the recorder's fd probe, leaves an end with an unknown
 * endpoint, so the views cannot match it with the other end by address. This pairs a client's end (connect) with a
 * server's end (accept) by their bytes: when an end with an unknown endpoint reads its first bytes, the end whose
 * first write they begin with, among the unpaired ends of the other side whose known endpoints agree, is its other
 * end (the oldest, when several sent the same bytes: accept takes connections in the order they came). The pair
 * then shares one {@link Connection}, which lends each end what the other knew (an accepted peer is the client's
 * local end), and lets the views show the connection once (pcap).
 *
 * <p>First bytes are kept only while an end that misses an endpoint is open: the ends of a recording whose fd
 * probe named them all cost nothing per call. An end stays a candidate after its close: the server may have read, answered and closed before the record of
 * the client's write comes. Memory: the unpaired ends, at most {@link #LIMIT} (the oldest go first), each with up to
 * {@link #FIRST_BYTES} bytes each way.
 */
public final class ConnectionPairs {
    static final int LIMIT = 10_000;
    static final int FIRST_BYTES = 64;

    /** One connection seen from both ends: what each end's address is, where either end knew it. */
    public static final class Connection {
        String client;
        String server;
        FdInfo clientEnd;
        FdInfo serverEnd;

        /** The other end's description, as it was when the two were paired (null for a copy made by dup or fork). */
        public FdInfo otherEnd(FdInfo end) {
            return end == clientEnd ? serverEnd : end == serverEnd ? clientEnd : null;
        }

        /** The client's end as it was when the two were paired. */
        public FdInfo clientEnd() {
            return clientEnd;
        }

        /** The server's end as it was when the two were paired. */
        public FdInfo serverEnd() {
            return serverEnd;
        }

        /** The client's end: its local address, or the server's peer. */
        public String client() {
            return client;
        }

        /** The server's end: its local address, or the client's peer. */
        public String server() {
            return server;
        }
    }

    private static final class End {
        final boolean client;
        final boolean incomplete;
        byte[] firstOut;
        byte[] firstIn;

        End(boolean client, boolean incomplete) {
            this.client = client;
            this.incomplete = incomplete;
        }
    }

    /** Unpaired ends, oldest first. */
    private final Map<FdInfo, End> ends = new LinkedHashMap<>();
    /** How many of them miss an endpoint: when none does, nothing needs pairing. */
    private int incomplete;

    /**
     * Whether an end that misses an endpoint is open: only then are ends' first bytes kept and matched (a
     * recording with the fd probe names every end, and pays nothing per read and write).
     */
    boolean pairing() {
        return incomplete > 0;
    }

    /** A TCP socket connected (client) or was accepted (server). */
    void opened(FdInfo info, boolean client) {
        if (info == null || info.connection != null || !tcp(info) || ends.containsKey(info)) {
            return;
        }
        End end = new End(client, info.local() == null || info.peer() == null);
        ends.put(info, end);
        incomplete += end.incomplete ? 1 : 0;
        if (ends.size() > LIMIT) {
            forget(ends.keySet().iterator().next());
        }
    }

    private void forget(FdInfo info) {
        End end = ends.remove(info);
        if (end != null && end.incomplete) {
            incomplete--;
        }
    }

    /**
     * An end moved bytes: its first bytes in each direction are kept, and matched against the other side's first
     * bytes the other way. Records follow the order calls returned, so a server's read of a request may come
     * before the client's write of it: whichever of the two comes second makes the pair.
     */
    void moved(FdInfo info, Event e, Payload payload, boolean in) {
        End end = info == null ? null : ends.get(info);
        if (end == null || (in ? end.firstIn : end.firstOut) != null) {
            return;
        }
        byte[] first = first(e, payload);
        if (first.length == 0) {
            return;
        }
        if (in) {
            end.firstIn = first;
        } else {
            end.firstOut = first;
        }
        if (incomplete == 0) {
            return;
        }
        for (Map.Entry<FdInfo, End> c : ends.entrySet()) {
            FdInfo other = c.getKey();
            End o = c.getValue();
            byte[] theirs = in ? o.firstOut : o.firstIn;
            if (o.client != end.client && (end.incomplete || o.incomplete) && theirs != null && prefix(theirs, first)
                    && agree(end.client ? info : other, end.client ? other : info)) {
                pair(end.client ? info : other, end.client ? other : info);
                forget(info);
                forget(other);
                return;
            }
        }
    }

    private static void pair(FdInfo client, FdInfo server) {
        Connection c = new Connection();
        c.client = client.local != null ? client.local : server.peer;
        c.server = client.peer != null ? client.peer : server.local;
        c.clientEnd = client;
        c.serverEnd = server;
        client.connection = c;
        client.connectionClient = true;
        server.connection = c;
        server.connectionClient = false;
    }

    /** Known endpoints of the two ends do not contradict each other. */
    private static boolean agree(FdInfo client, FdInfo server) {
        return (client.peer == null || server.local == null || client.peer.equals(server.local))
                && (client.local == null || server.peer == null || client.local.equals(server.peer))
                && client.family == server.family;
    }

    private static boolean tcp(FdInfo info) {
        return info.kind() == FdInfo.Kind.SOCKET && (info.family == Sockaddr.AF_INET || info.family == Sockaddr.AF_INET6)
                && (info.type & 0xf) == 1;
    }

    /** One of the two starts the other (what one end wrote in its first call, the other read, or the reverse). */
    private static boolean prefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }

    /** The first bytes a call moved, up to {@link #FIRST_BYTES}. */
    private static byte[] first(Event e, Payload payload) {
        byte[] out = new byte[FIRST_BYTES];
        int[] n = {0};
        payload.walk(e, new Payload.Sink() {
            boolean gap;

            @Override
            public void data(byte[] b, int off, int len) {
                int k = gap ? 0 : Math.min(len, FIRST_BYTES - n[0]);
                System.arraycopy(b, off, out, n[0], k);
                n[0] += k;
            }

            @Override
            public void gap(long length) {
                gap = true;   // what follows a gap is not the stream's next bytes
            }
        });
        return Arrays.copyOf(out, n[0]);
    }
}
