package io.jtrace.analyzer.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** One HTTP/1.x request or response as parsed from a byte stream: head, body size, kept body bytes. */
public final class HttpMessage {
    public enum Flag {
        /** A gap (snap length cut, loss, sendfile) fell inside the body: counted, not seen. */
        TRUNCATED,
        /** The body had no length and ended with the connection. */
        ENDED_BY_CLOSE,
        /** The stream ended (or parsing stopped) before the body was complete. */
        INCOMPLETE,
        /** The body framing was invalid (bad Content-Length, Transfer-Encoding or chunk); parsing resynchronised. */
        MALFORMED,
        /** 101 Switching Protocols, or a 2xx answering CONNECT: the stream stops being HTTP after this message. */
        UPGRADED,
        /** The body's framing (chunk lines) fell in a gap: its length counts what is known, a lower bound. */
        SIZE_AT_LEAST("body size is a lower bound");

        private final String note;

        Flag() {
            this.note = name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }

        Flag(String note) {
            this.note = note;
        }

        /** How the flag reads in an exchange's notes, after "request " or "response ". */
        public String note() {
            return note;
        }
    }

    private final boolean request;
    private final String method;
    private String target;
    /** A request target not yet made a String lies in this head, at [targetFrom, targetTo); else null. */
    private byte[] targetHead;
    private int targetFrom;
    private int targetTo;
    private final String version;
    private final int status;
    private final String reason;
    private final HttpHeaders headers;
    /** No trailer fields: shared, never added to. */
    private static final HttpHeaders NO_TRAILERS = new HttpHeaders();
    private HttpHeaders trailers = NO_TRAILERS;
    private static final Flag[] FLAGS = Flag.values();
    /** The flags set, a bit per {@link Flag#ordinal()}. */
    private int flags;
    private final int bodyLimit;
    private String requestMethod;
    private boolean chunked;
    private long bodyLength;
    /** No body bytes kept: shared until the first is. */
    private static final byte[] NO_BODY = new byte[0];
    private byte[] body = NO_BODY;
    private int kept;
    private boolean keeping = true;
    private long startNs;
    private long endNs;

    private HttpMessage(boolean request, String method, String target, String version, int status,
            String reason, HttpHeaders headers, int bodyLimit) {
        this.request = request;
        this.method = method;
        this.target = target;
        this.version = version;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.bodyLimit = Math.max(0, bodyLimit);
    }

    static HttpMessage request(String method, String target, String version, HttpHeaders headers, int bodyLimit) {
        return new HttpMessage(true, method, target, version, -1, null, headers, bodyLimit);
    }

    /** A request whose target is head[from, to), made a String only when asked for. */
    static HttpMessage request(String method, byte[] head, int from, int to, String version, HttpHeaders headers,
            int bodyLimit) {
        HttpMessage m = new HttpMessage(true, method, null, version, -1, null, headers, bodyLimit);
        m.targetHead = head;
        m.targetFrom = from;
        m.targetTo = to;
        return m;
    }

    static HttpMessage response(String version, int status, String reason, HttpHeaders headers, int bodyLimit) {
        return new HttpMessage(false, null, null, version, status, reason, headers, bodyLimit);
    }

    public boolean isRequest() {
        return request;
    }

    /** Request method; null for a response. */
    public String method() {
        return method;
    }

    /** Request target as sent (path and query, or absolute/authority form); null for a response. */
    public String target() {
        if (target == null && targetHead != null) {
            target = new String(targetHead, targetFrom, targetTo - targetFrom, StandardCharsets.ISO_8859_1);
        }
        return target;
    }

    /** The head the request target lies in, as sent, or null (see {@link #target()}). */
    byte[] targetHead() {
        return targetHead;
    }

    int targetFrom() {
        return targetFrom;
    }

    int targetTo() {
        return targetTo;
    }

    /** "HTTP/1.1" or "HTTP/1.0". */
    public String version() {
        return version;
    }

    /** Status code; -1 for a request. */
    public int status() {
        return status;
    }

    /** Reason phrase ("" when absent); null for a request. */
    public String reason() {
        return reason;
    }

    /** For a final response: the method of the request it answers as the caller reported it (null if unknown). */
    public String requestMethod() {
        return requestMethod;
    }

    /** A 1xx response other than 101: reported, but the request still awaits its final response. */
    public boolean isInterim() {
        return !request && status >= 100 && status < 200 && status != 101;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Trailer fields of a chunked body. */
    public HttpHeaders trailers() {
        return trailers;
    }

    /** A block of trailer fields (HTTP/2's): they become the trailers, or are added to those already there. */
    void addTrailers(HttpHeaders fields) {
        if (trailers == NO_TRAILERS) {
            if (!fields.isEmpty()) {
                trailers = fields;
            }
            return;
        }
        for (HttpHeaders.Field f : fields.fields()) {
            trailers.add(f.name(), f.value());
        }
    }

    /** The trailers, to add a field to: made at the first, as few messages have any. */
    HttpHeaders trailersToFill() {
        if (trailers == NO_TRAILERS) {
            trailers = new HttpHeaders();
        }
        return trailers;
    }

    public boolean chunked() {
        return chunked;
    }

    /** Body bytes (dechunked), including those in gaps and beyond the body limit. */
    public long bodyLength() {
        return bodyLength;
    }

    /** The kept body bytes: a prefix of the dechunked body, at most the body limit, ending at the first gap. */
    public byte[] body() {
        return Arrays.copyOf(body, kept);
    }

    public int bodyKept() {
        return kept;
    }

    public Set<Flag> flags() {
        EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
        for (Flag f : FLAGS) {
            if (has(f)) {
                set.add(f);
            }
        }
        return set;
    }

    /** Whether any flag is set. */
    public boolean flagged() {
        return flags != 0;
    }

    public boolean has(Flag flag) {
        return (flags & 1 << flag.ordinal()) != 0;
    }

    public long startNs() {
        return startNs;
    }

    /** Time of the message's last byte (or of the close that ended it); 0 until it ends. */
    public long endNs() {
        return endNs;
    }

    /** The start line as sent, without line ending. */
    public String startLine() {
        return request ? method + " " + target() + " " + version
                : version + " " + status + (reason.isEmpty() ? "" : " " + reason);
    }

    @Override
    public String toString() {
        return startLine() + " body=" + bodyLength + (flagged() ? " " + flags() : "");
    }

    void requestMethod(String m) {
        requestMethod = m;
    }

    void chunked(boolean c) {
        chunked = c;
    }

    void flag(Flag f) {
        flags |= 1 << f.ordinal();
    }

    void startNs(long t) {
        startNs = t;
    }

    void endNs(long t) {
        endNs = t;
    }

    void appendBody(byte[] b, int off, int len) {
        bodyLength += len;
        int n = keeping ? Math.min(len, bodyLimit - kept) : 0;
        if (n > 0) {
            if (kept + n > body.length) {
                body = Arrays.copyOf(body, Math.min(bodyLimit, Math.max(kept + n, body.length * 2)));
            }
            System.arraycopy(b, off, body, kept, n);
            kept += n;
        }
    }

    // kept bytes stay a true prefix of the body: nothing is kept after a hole
    void bodyGap(long len) {
        bodyLength += len;
        keeping = false;
        flag(Flag.TRUNCATED);
    }
}
