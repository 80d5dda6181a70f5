package io.jtrace.analyzer.http;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Streaming HTTP/1.x parser for one direction of one connection, fed the bytes the syscalls moved, in order.
 * Never throws on malformed input; memory is bounded by the head limit and the body limit.
 */
public final class HttpStreamParser {
    public enum Direction { REQUESTS, RESPONSES }

    /**
     * Tells a response parser which request a final response answers. It is asked once per final (non-1xx)
     * response, when its head is complete (start time set), and only looks: normally it returns the method of the
     * oldest unanswered request, and the connection layer removes that request when the response's messageStart
     * arrives, so pipelined responses pair with requests first in, first out. It returns null when unknown, e.g.
     * for a response that started before the oldest pending request was sent (the capture began mid-exchange).
     * A 101 answers the oldest request too, but is not asked: its framing needs no method.
     */
    @FunctionalInterface
    public interface PendingRequests {
        String methodAnsweredBy(HttpMessage response);
    }

    /** Largest head (start line and fields) accepted; beyond it the bytes are not HTTP. */
    public static final int HEAD_LIMIT = HeadReader.LIMIT;

    /** The shortest message there is ("X / HTTP/1.1", "HTTP/1.1 200", each with two bare LFs): bounds a gap's count. */
    static final int SHORTEST_MESSAGE = 14;

    private enum State { IDLE, RESYNC, HEAD, BODY_LENGTH, BODY_CHUNKED, BODY_CLOSE, DONE }

    private final boolean requests;
    private final HttpListener listener;
    private final int bodyLimit;
    private PendingRequests pending = response -> null;
    private final ArrayDeque<Slice> queue = new ArrayDeque<>();
    /** The bytes of the call being parsed; never queued, so one serves every call. */
    private final Slice call = new Slice(null, 0, 0, 0);
    private State state = State.IDLE;
    private boolean synced;         // a message has been parsed on this stream
    private boolean assumeHttp;     // the caller knows the connection carries HTTP
    private long unsyncedSeen;      // bytes seen and skipped before the first message
    private long skipped;           // bytes skipped since the last message
    private boolean tunnelExpected; // after CONNECT or Upgrade, what is not HTTP is the tunnel, not junk
    private boolean upgraded;       // the message just ended switched protocols: the rest of the call is handed on

    // a run of skipped bytes with gaps in it, since the last message: messages may have started there unseen
    private boolean lossRun;
    private long lossMin;
    private long lossMax;
    private long lossGap;           // bytes not captured in the run; -1 when unknown (lost records)
    private long lossNs;

    private final HeadReader head;
    private HttpMessage msg;
    private long remaining;
    private ChunkedBody chunk;

    // the first bytes of the stream, held until they tell a TLS record header from anything else
    private final byte[] probe = new byte[3];
    private int probeLen;
    private long probeTime;
    private boolean probed;

    public HttpStreamParser(Direction dir, HttpListener listener, int bodyLimit) {
        this.requests = dir == Direction.REQUESTS;
        this.head = new HeadReader(requests);
        this.listener = Objects.requireNonNull(listener);
        this.bodyLimit = Math.max(0, bodyLimit);
    }

    /** For a response parser: where to learn the method of the request each final response answers. */
    public void pendingRequests(PendingRequests p) {
        this.pending = Objects.requireNonNull(p);
    }

    /**
     * The connection is known to carry HTTP (e.g. the other direction parsed as HTTP): never label this stream
     * binary, keep looking for a message start however long the capture began inside a body.
     */
    public void assumeHttp() {
        assumeHttp = true;
    }

    /** Whether at least one message was parsed. */
    public boolean sawHttp() {
        return synced;
    }

    /** Whether the parser ignores all further input (TLS, binary, upgraded, ended). */
    public boolean stopped() {
        return state == State.DONE;
    }

    /** Bytes moved by one call at timeNs. */
    public void data(byte[] b, int off, int len, long timeNs) {
        data(b, off, len, timeNs, null);
    }

    /**
     * Bytes moved by one call at timeNs; {@code parsed}: the head they start with, parsed ahead (see
     * {@link HeadScan}), or null. This parser takes it when they are its own and it is at a message start there,
     * where it would parse the same head from the same bytes; else it parses them.
     */
    void data(byte[] b, int off, int len, long timeNs, ParsedHead parsed) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0 || state == State.DONE) {
            return;
        }
        int used = probe(b, off, len, timeNs);
        if (used < len && state != State.DONE) {
            Slice s = call.set(b, off + used, len - used, timeNs);
            if (parsed != null && used == 0 && parsed.fits(requests, bodyLimit, len) && atMessageStart(b[off])) {
                s.skip(parsed.length());
                headComplete(parsed.take(), parsed.contentLength(), timeNs, timeNs);
            }
            run(s);
        }
    }

    /**
     * Whether a head starting with this byte would be read from it, nothing before it pending: at a message boundary
     * (a head read whole starts with no blank line), or where a search for a start line would stop at once.
     */
    private boolean atMessageStart(byte first) {
        return queue.isEmpty() && (state == State.IDLE || state == State.RESYNC && StartLine.mayStart(first, requests));
    }

    /** Bytes known to exist but not captured (snap length cut, loss, sendfile). */
    public void gap(long length, long timeNs) {
        if (length <= 0 || state == State.DONE) {
            return;
        }
        flushProbe();
        switch (state) {
            case IDLE, RESYNC -> {
                // at a message boundary the gap holds the start of a message (or only blank lines: see loss)
                boolean boundary = state == State.IDLE && synced && skipped == 0;
                skipped += length;
                state = State.RESYNC;
                loss(boundary ? 1 : 0, length, timeNs);
            }
            case HEAD -> {
                // a head with a hole cannot be trusted: drop it, and count its message as unseen
                boolean boundary = synced && skipped == 0;
                skipped += head.length() + length;
                if (!synced) {
                    unsyncedSeen += head.length();
                }
                head.clear();
                state = State.RESYNC;
                loss(boundary ? 1 : 0, length, timeNs);
            }
            case BODY_LENGTH -> {
                long in = Math.min(length, remaining);
                msg.bodyGap(in);
                remaining -= in;
                if (remaining == 0) {
                    finish(timeNs);
                    if (length > in) {
                        // the Content-Length says where the next message starts: inside the gap, its head unseen
                        skipped += length - in;
                        state = State.RESYNC;
                        loss(1, length, timeNs);
                    }
                }
            }
            case BODY_CHUNKED -> {
                long in = chunk.gap(length);
                if (in > 0) {
                    msg.bodyGap(in);
                }
                if (chunk.failed()) {
                    // the chunk lines fell in the gap: where the body ends, and so its size, is unknown
                    msg.flag(HttpMessage.Flag.TRUNCATED);
                    msg.flag(HttpMessage.Flag.SIZE_AT_LEAST);
                    finish(timeNs);
                    skipped += length - in;
                    state = State.RESYNC;
                    loss(0, length, timeNs);
                }
            }
            case BODY_CLOSE -> msg.bodyGap(length);
            default -> { }
        }
    }

    /**
     * Bytes of unknown count are missing (records lost by the recorder): a message in progress ends, flagged
     * truncated and incomplete, and the parser looks for the next message start. A body read until close goes on
     * (its end is the close), flagged truncated.
     */
    public void lost(long timeNs) {
        if (state == State.DONE) {
            return;
        }
        flushProbe();
        if (state == State.BODY_CLOSE) {
            msg.bodyGap(0);   // nothing follows a body read until close: the pairing is not at stake
            return;
        }
        boolean boundary = state == State.HEAD && synced && skipped == 0;
        switch (state) {
            case HEAD -> {
                skipped += head.length();
                if (!synced) {
                    unsyncedSeen += head.length();
                }
                head.clear();
                state = State.RESYNC;
            }
            case BODY_LENGTH, BODY_CHUNKED -> {
                msg.bodyGap(0);
                msg.flag(HttpMessage.Flag.INCOMPLETE);
                finish(timeNs);
                state = State.RESYNC;
            }
            case IDLE -> state = State.RESYNC;
            default -> { }
        }
        loss(boundary ? 1 : 0, -1, timeNs);
    }

    /**
     * A gap of gapBytes (its whole length; -1: unknown) extends the run of skipped bytes; certain: whether a
     * message surely started in it. Reports the run's bounds: at least the messages known to have started, at
     * most as many as the run's bytes can hold.
     */
    private void loss(int certain, long gapBytes, long t) {
        boolean fresh = !lossRun;
        if (fresh) {
            lossRun = true;
            lossMin = 0;
            lossMax = 0;
            lossGap = 0;
        }
        lossGap = gapBytes < 0 || lossGap < 0 ? -1 : lossGap + gapBytes;
        lossNs = t;
        long max = lossGap < 0 ? Long.MAX_VALUE : skipped / SHORTEST_MESSAGE;
        lossMin = Math.min(Math.max(lossMin, certain), max);
        lossMax = max;
        listener.unseen(lossMin, lossMax, lossGap, fresh, lossNs);
    }

    /** The run of skipped bytes ends (a message starts, or the stream ends): its bound with the bytes seen since. */
    private void endLoss() {
        if (!lossRun) {
            return;
        }
        lossRun = false;
        if (lossGap >= 0 && skipped / SHORTEST_MESSAGE > lossMax) {
            lossMax = skipped / SHORTEST_MESSAGE;
            listener.unseen(lossMin, lossMax, lossGap, false, lossNs);
        }
    }

    /** The connection closed: a body read until close ends here; anything else unfinished is reported. */
    public void end(long timeNs) {
        close(timeNs, true);
    }

    /** Stop parsing this stream (e.g. requests after the peer's 101): like end, but a body is not complete. */
    public void stop(long timeNs) {
        close(timeNs, false);
    }

    private void close(long t, boolean byClose) {
        if (state == State.DONE) {
            return;
        }
        flushProbe();
        switch (state) {
            case BODY_CLOSE -> {
                msg.flag(byClose ? HttpMessage.Flag.ENDED_BY_CLOSE : HttpMessage.Flag.INCOMPLETE);
                finish(t);
            }
            case BODY_LENGTH, BODY_CHUNKED -> {
                msg.flag(HttpMessage.Flag.INCOMPLETE);
                finish(t);
            }
            default -> { }
        }
        boolean partialHead = state == State.HEAD;
        long left = skipped + (partialHead ? head.length() : 0);
        endLoss();
        halt();
        if (!synced && !assumeHttp && unsyncedSeen > 0 && !partialHead) {
            listener.protocol("binary", t);
        } else if (left > 0) {
            listener.discarded(left, t);
        }
    }

    // TLS: content type 0x14-0x17 (0x16 handshake; 0x17 when the capture starts mid-connection), version 3.0-3.4
    private int probe(byte[] b, int off, int len, long t) {
        int i = 0;
        while (!probed && i < len) {
            byte c = b[off + i];
            if (probeLen == 0) {
                if (c < 0x14 || c > 0x17) {
                    probed = true;
                    return 0;
                }
                probeTime = t;
            }
            probe[probeLen++] = c;
            i++;
            if (probeLen == 2 && c != 3 || probeLen == 3) {
                probed = true;
                if (probeLen == 3 && c >= 0 && c <= 4) {
                    halt();
                    listener.protocol("tls", probeTime);
                    return len;
                }
                run(new Slice(probe, 0, probeLen, probeTime));
            }
        }
        return i;
    }

    private void flushProbe() {
        if (!probed) {
            probed = true;
            if (probeLen > 0) {
                run(new Slice(probe, 0, probeLen, probeTime));
            }
        }
    }

    private void run(Slice s) {
        while (state != State.DONE) {
            Slice q = queue.isEmpty() ? s : queue.peekFirst();   // bytes put back (addFirst) go before the rest of s
            if (q.len > 0) {
                step(q);
            } else if (q == s) {
                return;
            } else {
                queue.pollFirst();
            }
        }
        if (upgraded) {
            upgraded = false;
            for (Slice q : queue) {
                if (q.len > 0) {
                    listener.afterUpgrade(q.b, q.off, q.len, q.t);
                }
            }
            if (s.len > 0) {
                listener.afterUpgrade(s.b, s.off, s.len, s.t);
            }
        }
        queue.clear();
    }

    private void step(Slice s) {
        switch (state) {
            case IDLE -> {
                byte c = s.b[s.off];
                if (c == '\r' || c == '\n') {
                    s.skip(1); // empty lines between messages are allowed
                } else {
                    state = State.HEAD;
                }
            }
            case RESYNC -> resync(s);
            case HEAD -> head(s);
            case BODY_LENGTH -> {
                int n = (int) Math.min(remaining, s.len);
                msg.appendBody(s.b, s.off, n);
                s.skip(n);
                remaining -= n;
                if (remaining == 0) {
                    finish(s.t);
                }
            }
            case BODY_CHUNKED -> chunked(s);
            case BODY_CLOSE -> {
                msg.appendBody(s.b, s.off, s.len);
                s.skip(s.len);
            }
            default -> s.skip(s.len);
        }
    }

    private void resync(Slice s) {
        int i = s.off;
        int end = s.off + s.len;
        while (i < end && !StartLine.mayStart(s.b[i], requests)) {
            i++;
        }
        int n = i - s.off;
        s.skip(n);
        count(n, s.t);
        if (state == State.RESYNC && s.len > 0) {
            state = State.HEAD;
        }
    }

    private void count(int n, long t) {
        skipped += n;
        if (!synced) {
            unsyncedSeen += n;
            if (unsyncedSeen >= HEAD_LIMIT && !assumeHttp) {
                halt();
                listener.protocol("binary", t);
            }
        }
    }

    private void head(Slice s) {
        head.read(s);
        if (head.result() == HeadReader.Result.COMPLETE) {
            headComplete(s.t);
        } else if (head.result() == HeadReader.Result.REJECTED) {
            if (tunnelExpected) {
                halt();
                return;
            }
            // not a message: skip what cannot start one, scan the rest again
            int resumeAt = head.resumeAt();
            long t = head.startNs();
            head.requeue(resumeAt, queue);
            head.clear();
            state = State.RESYNC;
            count(resumeAt, t);
        }
    }

    private void headComplete(long t) {
        long start = head.startNs();
        HttpMessage m = head.message(bodyLimit);
        head.clear();
        headComplete(m, Framing.contentLength(m.headers()), start, t);
    }

    /** A head is complete: m, its Content-Length as {@link Framing#contentLength} reads it, its first byte's time. */
    private void headComplete(HttpMessage m, long contentLength, long start, long t) {
        m.startNs(start);
        endLoss();
        if (skipped > 0) {
            listener.resynced(skipped, start);
            skipped = 0;
        }
        synced = true;
        tunnelExpected = false;
        msg = m;
        frame(m, contentLength, t);
    }

    private void frame(HttpMessage m, long length, long t) {
        Framing.Kind kind;
        if (requests) {
            kind = Framing.request(m, length);
        } else {
            // interim responses leave the request waiting for its final response: pending is not asked
            String method = m.status() / 100 == 1 ? null : pending.methodAnsweredBy(m);
            m.requestMethod(method);
            kind = Framing.response(m, method, length);
        }
        switch (kind) {
            case NONE -> noBody(m, t);
            case LENGTH -> {
                listener.messageStart(m, m.startNs());
                remaining = length;
                state = State.BODY_LENGTH;
            }
            case CHUNKED -> {
                m.chunked(true);
                listener.messageStart(m, m.startNs());
                chunk = new ChunkedBody(m);
                state = State.BODY_CHUNKED;
            }
            case UNTIL_CLOSE -> {
                listener.messageStart(m, m.startNs());
                state = State.BODY_CLOSE;
            }
            case UPGRADE -> {
                m.flag(HttpMessage.Flag.UPGRADED);
                noBody(m, t);
            }
            case MALFORMED -> {
                // framing unknown: report the head, then look for the next message
                m.flag(HttpMessage.Flag.MALFORMED);
                noBody(m, t);
            }
        }
    }

    private void noBody(HttpMessage m, long t) {
        listener.messageStart(m, m.startNs());
        finish(t);
    }

    private void chunked(Slice s) {
        s.skip(chunk.feed(s.b, s.off, s.len));
        if (chunk.done()) {
            finish(s.t);
        } else if (chunk.failed()) {
            byte[] rejected = chunk.rejected();
            msg.flag(HttpMessage.Flag.MALFORMED);
            finish(s.t);
            if (rejected.length > 0) {
                queue.addFirst(new Slice(rejected, 0, rejected.length, s.t));
            }
        }
    }

    private void finish(long t) {
        HttpMessage m = msg;
        msg = null;
        chunk = null;
        m.endNs(t);
        // after a malformed body the next bytes may still be body: search for a message start
        upgraded = m.has(HttpMessage.Flag.UPGRADED);
        state = upgraded ? State.DONE
                : m.has(HttpMessage.Flag.MALFORMED) ? State.RESYNC : State.IDLE;
        if (m.isRequest() && ("CONNECT".equals(m.method()) || m.headers().contains(HttpHeaders.Name.UPGRADE))) {
            tunnelExpected = true;
        }
        listener.messageEnd(m, t);
    }

    private void halt() {
        state = State.DONE;
        queue.clear();
        head.clear();
    }
}
