package io.jtrace.analyzer.http;

/** Decides whether bytes begin a plausible request line or status line, as soon as they allow. */
final class StartLine {
    static final int NO = -1;
    static final int MORE = 0;
    /** Longest start line accepted; longer is not HTTP as far as we are concerned. */
    static final int MAX = 16 * 1024;
    private static final byte[] VERSION = {'H', 'T', 'T', 'P', '/', '1', '.'};

    private StartLine() {
    }

    /** NO, MORE (a consistent prefix so far), or the index just after the line's LF. */
    static int check(byte[] b, int from, int to, boolean request) {
        if (to - from > MAX + 2) {
            to = from + MAX + 2;
        }
        int r = request ? requestLine(b, from, to) : statusLine(b, from, to);
        return r == MORE && to - from > MAX ? NO : r;
    }

    static boolean mayStart(byte c, boolean request) {
        return request ? c >= 'A' && c <= 'Z' : c == 'H';
    }

    private static int requestLine(byte[] b, int from, int to) {
        int i = from;
        while (i < to && isMethodChar(b[i])) {
            i++;
        }
        if (i - from > 24) {
            return NO;
        }
        if (i == to) {
            return MORE;
        }
        if (i == from || b[i] != ' ') {
            return NO;
        }
        int t = ++i;
        if (i == to) {
            return MORE;
        }
        // origin form, asterisk form, absolute form (scheme://) or authority form (CONNECT host:port)
        byte first = b[t];
        if (first != '/' && first != '*' && !isLetter(first) && !isDigit(first)) {
            return NO;
        }
        while (i < to && isTargetChar(b[i])) {
            i++;
        }
        if (i == to) {
            return MORE;
        }
        if (b[i] != ' ') {
            return NO;
        }
        i = version(b, i + 1, to);
        return i <= 0 ? i : eol(b, i, to);
    }

    private static int statusLine(byte[] b, int from, int to) {
        int i = version(b, from, to);
        if (i <= 0) {
            return i;
        }
        if (i == to) {
            return MORE;
        }
        if (b[i++] != ' ') {
            return NO;
        }
        for (int k = 0; k < 3; k++, i++) {
            if (i == to) {
                return MORE;
            }
            if (!isDigit(b[i]) || k == 0 && (b[i] < '1' || b[i] > '5')) {
                return NO;
            }
        }
        if (i == to) {
            return MORE;
        }
        if (b[i] == ' ') {
            i++;
            while (i < to && isReasonChar(b[i])) {
                i++;
            }
        }
        return eol(b, i, to);
    }

    // "HTTP/1.x": index after it, MORE or NO
    private static int version(byte[] b, int i, int to) {
        for (byte v : VERSION) {
            if (i == to) {
                return MORE;
            }
            if (b[i++] != v) {
                return NO;
            }
        }
        if (i == to) {
            return MORE;
        }
        return isDigit(b[i]) ? i + 1 : NO;
    }

    // CRLF or a bare LF
    private static int eol(byte[] b, int i, int to) {
        if (i == to) {
            return MORE;
        }
        if (b[i] == '\n') {
            return i + 1;
        }
        if (b[i] != '\r') {
            return NO;
        }
        if (i + 1 == to) {
            return MORE;
        }
        return b[i + 1] == '\n' ? i + 2 : NO;
    }

    private static boolean isMethodChar(byte c) {
        return c >= 'A' && c <= 'Z' || c == '-' || c == '_';
    }

    private static boolean isTargetChar(byte c) {
        return c > ' ' && c != 0x7f || c < 0; // visible ASCII, or raw UTF-8 some clients send
    }

    private static boolean isReasonChar(byte c) {
        return c == '\t' || c >= ' ' && c != 0x7f || c < 0;
    }

    static boolean isLetter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
