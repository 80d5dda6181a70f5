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

    private static boolean validValue(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c >= 0 && c < ' ' && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Parses head bytes [0, len) already checked line by line; the last line is the empty one. */
    static HttpMessage parse(byte[] b, int len, boolean request, int bodyLimit) {
        int lineEnd = lineEnd(b, 0, len);
        String first = latin1(b, 0, trimCr(b, 0, lineEnd));
        HttpHeaders headers = new HttpHeaders();
        int i = lineEnd + 1;
        while (i < len) {
            int e = lineEnd(b, i, len);
            int t = trimCr(b, i, e);
            if (t == i) {
                break;
            }
            addField(headers, b, i, t);
            i = e + 1;
        }
        if (request) {
            int s1 = first.indexOf(' ');
            int s2 = first.lastIndexOf(' ');
            return HttpMessage.request(first.substring(0, s1), first.substring(s1 + 1, s2), first.substring(s2 + 1),
                    headers, bodyLimit);
        }
        String reason = first.length() > 13 ? first.substring(13) : "";
        return HttpMessage.response(first.substring(0, 8), Integer.parseInt(first.substring(9, 12)), reason,
                headers, bodyLimit);
    }

    static void addField(HttpHeaders headers, byte[] b, int from, int to) {
        if (b[from] == ' ' || b[from] == '\t') {
            headers.continueLast(latin1(b, from, to).trim());
            return;
        }
        int colon = from;
        while (b[colon] != ':') {
            colon++;
        }
        headers.add(latin1(b, from, colon), latin1(b, colon + 1, to).strip());
    }

    private static int lineEnd(byte[] b, int from, int len) {
        int i = from;
        while (i < len && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private static int trimCr(byte[] b, int from, int end) {
        return end > from && b[end - 1] == '\r' ? end - 1 : end;
    }

    static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isTokenChar(byte c) {
        return StartLine.isLetter(c) || StartLine.isDigit(c) || c > 0 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
