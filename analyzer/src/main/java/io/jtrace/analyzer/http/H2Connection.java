package io.jtrace.analyzer.http;

import io.jtrace.analyzer.http.Exchange.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The HTTP/2 streams of one connection (RFC 9113): both directions' frames, each direction's HPACK state sized by
 * the other's SETTINGS, streams paired by id however interleaved, each reported as an exchange when both its halves
 * have ended (or it was reset, or the connection ended). What gaps hide is said in the notes: headers that cannot
 * be decoded are "unknown", never guessed.
 *
 * <p>Memory: at most {@link #OPEN_LIMIT} open streams (past it the oldest goes out as incomplete) and the frame
 * readers' payload limit per direction.
 */
final class H2Connection {
    static final int OPEN_LIMIT = 1000;
    /** Closed stream ids remembered, so that a late frame (WINDOW_UPDATE, RST_STREAM, DATA) makes no new stream. */
    static final int CLOSED_MEMORY = 1024;
    /** Bytes of one header block (HEADERS and its CONTINUATIONs) kept; a larger one is not decoded. */
    static final int BLOCK_LIMIT = 1 << 18;
    private static final HttpHeaders.Name STATUS = HttpHeaders.Name.of(":status");
    private static final HttpHeaders.Name METHOD = HttpHeaders.Name.of(":method");
    private static final HttpHeaders.Name PATH = HttpHeaders.Name.of(":path");
    private static final HttpHeaders.Name AUTHORITY = HttpHeaders.Name.of(":authority");

    /** Where the streams go, and what the connection knows of its calls. */
    interface Sink {
        /** A stream started at t (its exchange is in flight until {@link #exchange}). */
        void started(long t);

        /** The thread of the call of this direction that moved the byte at time t. */
        int tid(boolean inbound, long t);

        /** The side was found from the headers. */
        void side(Side side);

        void exchange(int stream, int tid, Side side, HttpMessage request, HttpMessage response,
                List<HttpMessage> interim, long startNs, List<String> notes, GrpcCall grpc);
    }

    private final Sink sink;
    private final int bodyLimit;
    private Side side;
    private final Direction in;
    private final Direction out;
    private final Map<Integer, Stream> open = new LinkedHashMap<>();
    private final LinkedHashSet<Integer> closed = new LinkedHashSet<>();
    /** The stream last looked up, while it is open. */
    private Stream last;

    private H2Connection(Side side, Sink sink, int bodyLimit, boolean prefaceIn, boolean prefaceOut, boolean synced) {
        this.side = side;
        this.sink = sink;
        this.bodyLimit = bodyLimit;
        this.in = new Direction(true, prefaceIn, synced);
        this.out = new Direction(false, prefaceOut, synced);
        in.frames.peer(out.frames);
        out.frames.peer(in.frames);
    }

    /** A connection whose client sent the preface first (prior knowledge): inbound on a server's side. */
    static H2Connection prior(Side side, boolean prefaceInbound, Sink sink, int bodyLimit) {
        Side s = side != null ? side : prefaceInbound ? Side.SERVER : Side.CLIENT;
        return new H2Connection(s, sink, bodyLimit, prefaceInbound, !prefaceInbound, true);
    }

    /**
     * A connection that switched from HTTP/1.1 (an {@code Upgrade: h2c} request answered by 101): the request is
     * stream 1's, the 101 its interim response; the client's preface follows the 101.
     */
    static H2Connection upgraded(Side side, Sink sink, int bodyLimit, HttpMessage request, HttpMessage switching,
            int tid, long startNs, List<String> notes) {
        H2Connection c = new H2Connection(side, sink, bodyLimit, side == Side.SERVER, side == Side.CLIENT, true);
        Stream s = c.new Stream(1, startNs, tid);
        c.open.put(1, s);
        Half requests = c.requestHalf(s);
        requests.message = request;
        requests.ended = true;
        c.responseHalf(s).interim.add(switching);
        s.notes.addAll(notes);
        return c;
    }

    /** A connection older than the recording, found to carry frames: neither direction's HPACK state is known. */
    static H2Connection midway(Side side, Sink sink, int bodyLimit) {
        return new H2Connection(side, sink, bodyLimit, false, false, false);
    }

    /** Whether an {@code Upgrade: h2c} request was answered by a 101 that switches to it. */
    static boolean upgradesTo(HttpMessage request, HttpMessage response) {
        return request != null && response.status() == 101 && h2c(request.headers().get("Upgrade"))
                && h2c(response.headers().get("Upgrade"));
    }

    private static boolean h2c(String upgrade) {
        return upgrade != null && upgrade.trim().equalsIgnoreCase("h2c");
    }

    /** Whether bytes that start a call are HTTP/2 frames (on a connection older than the recording). */
    static boolean startsWithFrames(byte[] b, int off, int len) {
        return new H2Frames(null, false, false).startsWithFrames(b, off, off + len);
    }

    void data(boolean inbound, byte[] b, int off, int len, long t) {
        (inbound ? in : out).frames.data(b, off, len, t);
    }

    void gap(boolean inbound, long length, long t) {
        (inbound ? in : out).frames.gap(length, t);
    }

    void lost(boolean inbound, long t) {
        (inbound ? in : out).frames.lost(t);
    }

    /** The connection closed, or the recording ended: open streams go out as they are. */
    void end(long t) {
        for (Stream s : new ArrayList<>(open.values())) {
            emit(s, t);
        }
    }

    private Half requestHalf(Stream s) {
        return side == Side.SERVER ? s.in : s.out;
    }

    private Half responseHalf(Stream s) {
        return side == Side.SERVER ? s.out : s.in;
    }

    /** "client"/"server" for the sender of a direction's frames, or "local"/"peer" while the side is unknown. */
    private String sender(boolean inbound) {
        if (side == null) {
            return inbound ? "peer" : "local";
        }
        return (side == Side.CLIENT) != inbound ? "client" : "server";
    }

    /** The stream a frame belongs to; null for one closed (or, unless create, not open). */
    private Stream stream(int id, long t, boolean inbound, boolean create) {
        // a DATA frame asks three times (start, bytes, end), and frames of a stream come in runs
        Stream s = last != null && last.id == id && !last.emitted ? last : open.get(id);
        if (s != null || !create || closed.contains(id)) {
            if (s != null) {
                last = s;
            }
            return s;
        }
        if (open.size() >= OPEN_LIMIT) {
            Stream oldest = open.values().iterator().next();
            oldest.note("stream state dropped (over " + OPEN_LIMIT + " open streams)");
            emit(oldest, t);
        }
        s = new Stream(id, t, sink.tid(inbound, t));
        s.openedInbound = inbound;
        open.put(id, s);
        if (side != null && inbound == (side == Side.CLIENT) && (inbound ? out : in).lostFrames) {
            s.half(!inbound).truncated = true;   // first seen in its response: its request went by in a gap
        }
        last = s;
        return s;
    }

    private void finishIfDone(Stream s, long t) {
        if (s.in.ended && s.out.ended) {
            emit(s, t);
        }
    }

    private void emit(Stream s, long t) {
        s.emitted = true;
        open.remove(s.id);
        closed.add(s.id);
        if (closed.size() > CLOSED_MEMORY) {
            closed.remove(closed.iterator().next());
        }
        s.in.close(t);
        s.out.close(t);
        Side sd = side;
        Half req = sd == null ? null : requestHalf(s);
        Half resp = sd == null ? null : responseHalf(s);
        List<String> notes = new ArrayList<>();
        if (sd == null) {
            // no header block of the connection decoded: the direction whose frame opened the stream is taken
            // for the client's, and said to be a guess
            req = s.openedInbound ? s.in : s.out;
            resp = s.openedInbound ? s.out : s.in;
            sd = s.openedInbound ? Side.SERVER : Side.CLIENT;
            notes.add("side unknown");
        }
        req.describe("request", notes);
        resp.describe("response", notes);
        notes.addAll(s.notes);
        HttpMessage request = req.message != null && req.message.isRequest() ? req.message : null;
        HttpMessage response = resp.message != null && !resp.message.isRequest() ? resp.message : null;
        GrpcCall grpc = s.grpc;
        if (grpc != null) {
            if (response != null) {
                grpc.response(response);
            }
            if (grpc.requests().lost() || grpc.responses().lost()) {
                notes.add("grpc messages lost in a gap: counts are lower bounds");
            }
        }
        sink.exchange(s.id, s.tid, sd, request, response, resp.interim, s.startNs, notes, grpc);
    }

    private final class Stream {
        final int id;
        final long startNs;
        final int tid;
        final Half in = new Half();
        final Half out = new Half();
        final List<String> notes = new ArrayList<>(0);
        /** Whether the frame that made the stream came in (for a connection whose side is unknown). */
        boolean openedInbound;
        /** The gRPC call, once the request's headers say it is one. */
        GrpcCall grpc;
        /** Gone out as an exchange (no longer open). */
        boolean emitted;

        Stream(int id, long startNs, int tid) {
            this.id = id;
            this.startNs = startNs;
            this.tid = tid;
            sink.started(startNs);
        }

        Half half(boolean inbound) {
            return inbound ? in : out;
        }

        void note(String n) {
            if (!notes.contains(n)) {
                notes.add(n);
            }
        }
    }

    /** What one direction sent on a stream. */
    private final class Half {
        HttpMessage message;
        final List<HttpMessage> interim = new ArrayList<>(0);
        boolean ended;
        /** Header blocks that could not be decoded, and why. */
        String unknown;
        /** Why only the leading fields of the headers are known, when so. */
        String partial;
        /** DATA bytes that came without a message to count them on. */
        long orphanBytes;
        boolean truncated;

        void close(long t) {
            if (message != null && !ended) {
                message.flag(HttpMessage.Flag.INCOMPLETE);
                message.endNs(t);
            }
            ended = true;
        }

        void describe(String what, List<String> notes) {
            if (unknown != null) {
                notes.add(what + " headers unknown (" + unknown + ")");
            } else if (partial != null) {
                notes.add(what + " headers partly unknown (" + partial + ")");
            } else if (message == null) {
                notes.add(what + (truncated ? " not seen (frames lost in a gap)" : " not seen"));
            }
            if (orphanBytes > 0) {
                notes.add(what + " body " + orphanBytes + " B" + (truncated ? " or more" : "") + " without headers");
            }
        }
    }

    /** One direction: its frames, the HPACK state of the blocks it sends, the block being assembled. */
    private final class Direction implements H2Frames.Listener {
        final boolean inbound;
        final H2Frames frames;
        final H2Hpack hpack;
        private byte[] block = new byte[0];
        private int blockLen;
        private int blockStream = -1;
        private int blockPromised;
        private boolean blockEndStream;
        private boolean blockDamaged;
        private boolean blockTooLarge;
        private long blockNs;
        /** Why the HPACK state is not the sender's, while it is not. */
        private String why;
        /** Frames were lost (a gap over frame boundaries, lost records): a stream's headers may be among them. */
        boolean lostFrames;

        Direction(boolean inbound, boolean preface, boolean synced) {
            this.inbound = inbound;
            this.frames = new H2Frames(this, preface, synced);
            this.hpack = new H2Hpack(synced);
            if (!synced) {
                why = "the connection predates the recording";
            }
        }

        private Direction other() {
            return this == in ? out : in;
        }

        @Override
        public void frame(int type, int flags, int id, byte[] p, int length, boolean damaged, long startNs,
                long endNs) {
            switch (type) {
                case H2Frames.HEADERS, H2Frames.PUSH_PROMISE -> {
                    blockStart(type, flags, id, p, length, damaged, startNs, endNs);
                }
                case H2Frames.CONTINUATION -> {
                    if (blockStream != id) {
                        blockStream = -1;
                        stateLost("a CONTINUATION without its HEADERS");
                        return;
                    }
                    append(p, 0, length, damaged);
                    if ((flags & H2Frames.END_HEADERS) != 0) {
                        blockEnd(block, 0, blockLen, endNs);
                    }
                }
                case H2Frames.SETTINGS -> {
                    if ((flags & H2Frames.ACK) == 0 && !damaged) {
                        settings(p, length);
                    }
                }
                case H2Frames.RST_STREAM -> {
                    Stream s = stream(id, startNs, inbound, false);
                    if (s != null && length >= 4) {
                        s.note("reset by " + sender(inbound) + ": " + H2Frames.errorName(H2Frames.int32(p, 0)
                                & 0xffffffffL));
                        emit(s, endNs);
                    }
                }
                case H2Frames.GOAWAY -> {
                    if (length >= 8) {
                        int last = H2Frames.int32(p, 0) & 0x7fffffff;
                        String note = "goaway from " + sender(inbound) + ": "
                                + H2Frames.errorName(H2Frames.int32(p, 4) & 0xffffffffL) + ", last stream " + last;
                        for (Stream s : open.values()) {
                            s.note(note);
                        }
                    }
                }
                default -> { }   // PRIORITY, PING, WINDOW_UPDATE: nothing a stream's exchange shows
            }
        }

        /** The peer's settings limit what this direction's peer... sends: they size the other direction. */
        private void settings(byte[] p, int length) {
            for (int i = 0; i + 6 <= length; i += 6) {
                int key = (p[i] & 0xff) << 8 | p[i + 1] & 0xff;
                long value = H2Frames.int32(p, i + 2) & 0xffffffffL;
                if (key == 1) {
                    other().hpack.maxTableSize(value);   // SETTINGS_HEADER_TABLE_SIZE: the other sender's table
                } else if (key == 5) {
                    other().frames.maxFrame((int) Math.min(value, Integer.MAX_VALUE));   // SETTINGS_MAX_FRAME_SIZE
                }
            }
        }

        private void blockStart(int type, int flags, int id, byte[] p, int length, boolean damaged, long startNs,
                long endNs) {
            if (blockStream >= 0) {
                stateLost("a header block without its end");
            }
            int from = 0;
            int to = length;
            boolean bad = damaged;
            if ((flags & H2Frames.PADDED) != 0) {
                if (length < 1) {
                    bad = true;
                } else {
                    from = 1;
                    to = length - (p[0] & 0xff);
                }
            }
            int promised = 0;
            if (type == H2Frames.PUSH_PROMISE) {
                if (to - from >= 4) {
                    promised = H2Frames.int32(p, from) & 0x7fffffff;
                }
                from += 4;
            } else if ((flags & H2Frames.PRIORITY_FLAG) != 0) {
                from += 5;
            }
            if (to < from) {
                bad = true;
                to = from;
            }
            blockStream = id;
            blockPromised = promised;
            blockEndStream = type == H2Frames.HEADERS && (flags & H2Frames.END_STREAM) != 0;
            blockDamaged = false;
            blockTooLarge = false;
            blockLen = 0;
            blockNs = startNs;
            if ((flags & H2Frames.END_HEADERS) != 0) {
                // the whole block in one frame, the usual case: decoded where it lies
                blockDamaged = bad || to - from > BLOCK_LIMIT;
                blockTooLarge = !bad && to - from > BLOCK_LIMIT;
                blockEnd(p, from, to - from, endNs);
            } else {
                append(p, from, to - from, bad);
            }
        }

        private void append(byte[] p, int off, int len, boolean damaged) {
            blockTooLarge |= !blockDamaged && blockLen + len > BLOCK_LIMIT;
            blockDamaged |= damaged || blockLen + len > BLOCK_LIMIT;
            if (blockDamaged) {
                return;
            }
            if (blockLen + len > block.length) {
                block = java.util.Arrays.copyOf(block, Math.max(blockLen + len, 2 * block.length));
            }
            System.arraycopy(p, off, block, blockLen, len);
            blockLen += len;
        }

        /** The block in b[off, off + len) ended: its fields go to its stream. */
        private void blockEnd(byte[] b, int off, int len, long endNs) {
            int id = blockStream;
            blockStream = -1;
            HttpHeaders fields = null;
            HttpHeaders leading = null;
            if (blockDamaged) {
                stateLost(blockTooLarge ? "a header block over " + (BLOCK_LIMIT >> 10) + " KiB"
                        : "a header block cut by a gap");
            } else {
                boolean complete = hpack.complete();
                fields = hpack.decode(b, off, len);
                if (fields == null) {
                    why = complete ? "not decodable" : why != null ? why : "HPACK state lost";
                    leading = H2Hpack.leading(java.util.Arrays.copyOfRange(b, off, off + len));
                }
            }
            if (block.length > 4096) {
                block = new byte[0];
            }
            if (blockPromised != 0) {
                promise(id, blockPromised, fields, endNs);
                return;
            }
            Stream s = stream(id, blockNs, inbound, true);
            if (s == null) {
                return;
            }
            Half h = s.half(inbound);
            if (fields != null) {
                headers(s, h, fields, endNs);
            } else if (leading != null && h.message == null && (leading.get(STATUS) != null
                    || leading.get(METHOD) != null && leading.get(PATH) != null)) {
                headers(s, h, leading, endNs);   // the start line's pseudo-headers, the rest unknown
                h.partial = why;
                if (h.message == null) {
                    h.unknown = why;
                }
            } else if (h.message != null) {
                h.partial = why;   // its trailers
            } else {
                h.unknown = why;
            }
            if (blockEndStream) {
                end(s, h, endNs);
            }
        }

        private void headers(Stream s, Half h, HttpHeaders fields, long endNs) {
            if (h.message != null) {
                h.message.addTrailers(fields);
                return;
            }
            String status = fields.get(STATUS);
            String method = status == null ? fields.get(METHOD) : null;
            HttpMessage m;
            if (status != null) {
                int code = parseStatus(status);
                m = HttpMessage.response("HTTP/2", code, "", fields, bodyLimit);
                if (side == null) {
                    found(inbound ? Side.CLIENT : Side.SERVER);
                }
            } else if (method != null) {
                String path = fields.get(PATH);
                String target = path != null ? path : String.valueOf(fields.get(AUTHORITY));
                m = HttpMessage.request(method, target, "HTTP/2", fields, bodyLimit);
                if (side == null) {
                    found(inbound ? Side.SERVER : Side.CLIENT);
                }
            } else {
                h.unknown = "no :method or :status";
                return;
            }
            m.startNs(blockNs);
            m.endNs(endNs);
            if (m.isInterim()) {
                h.interim.add(m);
            } else {
                h.message = m;
                h.unknown = null;
                if (m.isRequest()) {
                    s.grpc = GrpcCall.of(m);
                }
            }
        }

        private void promise(int id, int promised, HttpHeaders fields, long endNs) {
            Stream s = stream(promised, blockNs, inbound, true);
            if (s == null) {
                return;
            }
            s.note("pushed on stream " + id);
            Half h = s.half(!inbound);   // the promised request, as if its client had sent it
            h.ended = true;
            if (fields == null) {
                h.unknown = why;
            } else {
                String method = fields.get(METHOD);
                String path = fields.get(PATH);
                HttpMessage m = HttpMessage.request(method == null ? "GET" : method, path == null ? "" : path,
                        "HTTP/2", fields, bodyLimit);
                m.startNs(blockNs);
                m.endNs(endNs);
                h.message = m;
            }
        }

        private void end(Stream s, Half h, long t) {
            if (h.message != null) {
                h.message.endNs(t);
            }
            h.ended = true;
            finishIfDone(s, t);
        }

        /** Header blocks were lost or not decoded: later ones decode only if they need none of the lost entries. */
        private void stateLost(String reason) {
            why = reason;
            hpack.reset();
        }

        @Override
        public void dataStart(int id, long t) {
            Stream s = stream(id, t, inbound, true);
            if (s != null && lostFrames && s.half(inbound).message == null) {
                s.half(inbound).truncated = true;   // DATA without its HEADERS, which went by in a gap
            }
        }

        @Override
        public void data(int id, byte[] b, int off, int len, long t) {
            Stream s = stream(id, t, inbound, false);
            if (s != null) {
                Half h = s.half(inbound);
                if (h.message != null) {
                    h.message.appendBody(b, off, len);
                    if (s.grpc != null) {
                        (h.message.isRequest() ? s.grpc.requests() : s.grpc.responses()).data(b, off, len);
                    }
                } else {
                    h.orphanBytes += len;
                }
            }
        }

        @Override
        public void dataGap(int id, long len, long t) {
            Stream s = stream(id, t, inbound, false);
            if (s != null) {
                Half h = s.half(inbound);
                if (h.message != null) {
                    h.message.bodyGap(len);
                    if (s.grpc != null) {
                        (h.message.isRequest() ? s.grpc.requests() : s.grpc.responses()).gap(len);
                    }
                } else {
                    h.orphanBytes += len;
                    h.truncated = true;
                }
            }
        }

        @Override
        public void dataEnd(int id, int flags, long t) {
            Stream s = stream(id, t, inbound, false);
            if (s != null && (flags & H2Frames.END_STREAM) != 0) {
                end(s, s.half(inbound), t);
            }
        }

        @Override
        public void desynced(long t) {
            lostFrames = true;
            if (blockStream >= 0) {
                blockStream = -1;
            }
            stateLost("HPACK state lost in a gap");
            for (Stream s : open.values()) {
                Half h = s.half(inbound);
                if (!h.ended) {
                    // its frames may have been in the gap: its body size is a lower bound, its end may be missed
                    if (h.message != null) {
                        h.message.bodyGap(0);
                        if (s.grpc != null) {
                            (h.message.isRequest() ? s.grpc.requests() : s.grpc.responses()).gap(Long.MAX_VALUE);
                        }
                    } else {
                        h.truncated = true;
                    }
                }
            }
        }

        @Override
        public void resynced(long skipped, long t) {
        }
    }

    private void found(Side s) {
        side = s;
        sink.side(s);
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
