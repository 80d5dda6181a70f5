package io.jtrace.analyzer.http;

import java.nio.charset.StandardCharsets;

/** Checks header lines as they arrive and turns a complete, checked head into an {@link HttpMessage}. */
final class HeadParser {
    private HeadParser() {
    }

    /** A header or trailer line without its line ending: "name: value", or a folded continuation. */
    static boolean validLine(byte[] b, int from, int to, boolean mayFold) {
        if (from == to) {
            return false;
        }
        if (b[from] == ' ' || b[from] == '\t') {
            return mayFold && validValue(b, from, to);
        }
        int i = from;
        while (i < to && isTokenChar(b[i])) {
            i++;
        }
        // no whitespace allowed between name and colon (RFC 9112 5.1)
        return i > from && i < to && b[i] == ':' && validValue(b, i + 1, to);
    }

    /**
     * The colon that ends the field name at from (token characters, one at least, and no blank before the colon), when
     * it lies before end; else -1.
     */
    static int nameEnd(byte[] b, int from, int end) {
        int i = from;
        while (i < end && isTokenChar(b[i])) {
            i++;
        }
        return i == from || i == end || b[i] != ':' ? -1 : i;
    }

    /**
     * Where the field value at from ends (before its CRLF or LF), when it holds no control character but tabs and its
     * line ending lies before end; else -1. With {@link #nameEnd} it accepts what validLine does of an unfolded line,
     * finding its end in the same pass.
     */
    static int valueEnd(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c >= 0 && c < ' ' && c != '\t' || c == 0x7f) {
                return c == '\n' || c == '\r' && i + 1 < end && b[i + 1] == '\n' ? i : -1;
            }
        }
        return -1;
    }

    private static boolean validValue(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c >= 0 && c < ' ' && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns a head checked line by line into a message: bytes [off, off + len), the start line ending at firstEnd
     * (without its line ending), and count field lines, each three ints in lines: its start, the colon after its name
     * (-1 for a folded line) and its end (without line ending); these indexes count from {@code off}.
     */
    static HttpMessage parse(byte[] b, int off, int len, int firstEnd, int[] lines, int count, boolean request,
            int bodyLimit) {
        byte[] head = java.util.Arrays.copyOfRange(b, off, off + len);
        HttpHeaders headers = new HttpHeaders(head, count);
        for (int k = 0; k < 3 * count; k += 3) {
            int i = lines[k];
            int colon = lines[k + 1];
            int t = lines[k + 2];
            if (colon < 0) {
                headers.continueLast(latin1(head, i, t).trim());
            } else {
                int from = colon + 1;
                int to = t;
                // the value without the blanks around it (the line was checked: no other control character)
                while (from < to && isBlank(head[from])) {
                    from++;
                }
                while (to > from && isBlank(head[to - 1])) {
                    to--;
                }
                headers.add(i, colon, from, to);
            }
        }
        if (request) {
            int s1 = indexOf(head, 0, firstEnd, (byte) ' ');
            int s2 = lastIndexOf(head, 0, firstEnd, (byte) ' ');
            return HttpMessage.request(method(head, s1), head, s1 + 1, s2, version(head, s2 + 1, firstEnd), headers,
                    bodyLimit);
        }
        // "HTTP/1.x NNN reason": checked by StartLine
        int status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
        String reason = firstEnd > 13 ? reason(status, head, 13, firstEnd) : "";
        return HttpMessage.response(version(head, 0, 8), status, reason, headers, bodyLimit);
    }

    static void addField(HttpHeaders headers, byte[] b, int from, int to) {
        if (b[from] == ' ' || b[from] == '\t') {
            headers.continueLast(latin1(b, from, to).trim());
            return;
        }
        int colon = colon(b, from);
        headers.add(latin1(b, from, colon), latin1(b, colon + 1, to).strip());
    }

    static int colon(byte[] b, int from) {
        int colon = from;
        while (b[colon] != ':') {
            colon++;
        }
        return colon;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    /** The usual methods, shared rather than made per request. */
    private static final String[] METHODS = {"GET", "POST", "PUT", "HEAD", "DELETE", "PATCH", "OPTIONS"};

    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

    static {
        for (int k = 0; k < METHODS.length; k++) {
            METHOD_BYTES[k] = METHODS[k].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static String method(byte[] b, int to) {
        for (int k = 0; k < METHODS.length; k++) {
            if (sameBytes(METHOD_BYTES[k], b, 0, to)) {
                return METHODS[k];
            }
        }
        return latin1(b, 0, to);
    }

    private static boolean sameBytes(byte[] s, byte[] b, int from, int to) {
        if (s.length != to - from) {
            return false;
        }
        for (int k = 0; k < s.length; k++) {
            if (b[from + k] != s[k]) {
                return false;
            }
        }
        return true;
    }

    /** The usual reason phrases by status (RFC 9110), shared rather than made per response. */
    private static final String[] REASONS = new String[600];
    private static final byte[][] REASON_BYTES = new byte[600][];

    static {
        Object[] usual = {100, "Continue", 101, "Switching Protocols", 200, "OK", 201, "Created", 202, "Accepted",
            204, "No Content", 206, "Partial Content", 301, "Moved Permanently", 302, "Found", 303, "See Other",
            304, "Not Modified", 307, "Temporary Redirect", 308, "Permanent Redirect", 400, "Bad Request",
            401, "Unauthorized", 403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 409, "Conflict",
            429, "Too Many Requests", 500, "Internal Server Error", 502, "Bad Gateway", 503, "Service Unavailable",
            504, "Gateway Timeout"};
        for (int k = 0; k < usual.length; k += 2) {
            REASONS[(Integer) usual[k]] = (String) usual[k + 1];
            REASON_BYTES[(Integer) usual[k]] = ((String) usual[k + 1]).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** The reason phrase in b[from, to) of a response with this status (100-599, as StartLine checked). */
    private static String reason(int status, byte[] b, int from, int to) {
        byte[] usual = REASON_BYTES[status];
        return usual != null && sameBytes(usual, b, from, to) ? REASONS[status] : latin1(b, from, to);
    }

    private static final String HTTP_11 = "HTTP/1.1";
    private static final String HTTP_10 = "HTTP/1.0";

    /** The version as a String: the usual two shared, not made per message. */
    private static String version(byte[] b, int from, int to) {
        if (to - from == 8 && b[from + 5] == '1' && b[from + 6] == '.' && b[from] == 'H' && b[from + 1] == 'T'
                && b[from + 2] == 'T' && b[from + 3] == 'P' && b[from + 4] == '/') {
            if (b[from + 7] == '1') {
                return HTTP_11;
            }
            if (b[from + 7] == '0') {
                return HTTP_10;
            }
        }
        return latin1(b, from, to);
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int from, int to, byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** RFC 9110's tchar: letters, digits and !#$%&'*+-.^_`|~. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN[c] = StartLine.isLetter((byte) c) || StartLine.isDigit((byte) c)
                    || c > 0 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    private static boolean isTokenChar(byte c) {
        return c >= 0 && TOKEN[c];
    }
}
