package io.jtrace.analyzer.http;

import java.util.List;

/** How a message's body is delimited, per RFC 9112 section 6.3. */
final class Framing {
    enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE, UPGRADE, MALFORMED }

    private Framing() {
    }

    // Transfer-Encoding wins over Content-Length; a request with neither has no body.
    // contentLength: the message's, as contentLength(headers) reads it
    static Kind request(HttpMessage m, long contentLength) {
        if (m.headers().contains(HttpHeaders.Name.TRANSFER_ENCODING)) {
            List<String> te = m.headers().tokens(HttpHeaders.Name.TRANSFER_ENCODING);
            if (!te.isEmpty()) {
                return te.get(te.size() - 1).equals("chunked") ? Kind.CHUNKED : Kind.MALFORMED;
            }
        }
        return hasLength(m, contentLength) ? length(contentLength) : Kind.NONE;
    }

    /** requestMethod: the method of the request a final response answers, null if unknown. */
    static Kind response(HttpMessage m, String requestMethod, long contentLength) {
        int status = m.status();
        if (status == 101 || "CONNECT".equals(requestMethod) && status / 100 == 2) {
            return Kind.UPGRADE;
        }
        if (status / 100 == 1 || status == 204 || status == 304 || "HEAD".equals(requestMethod)) {
            return Kind.NONE;
        }
        if (m.headers().contains(HttpHeaders.Name.TRANSFER_ENCODING)) {
            List<String> te = m.headers().tokens(HttpHeaders.Name.TRANSFER_ENCODING);
            // a response whose last coding is not chunked runs until the close
            return !te.isEmpty() && te.get(te.size() - 1).equals("chunked") ? Kind.CHUNKED : Kind.UNTIL_CLOSE;
        }
        return hasLength(m, contentLength) ? length(contentLength) : Kind.UNTIL_CLOSE;
    }

    // a Content-Length that reads as a number is there; -1 is an invalid one, or none
    private static boolean hasLength(HttpMessage m, long contentLength) {
        return contentLength >= 0 || m.headers().contains(HttpHeaders.Name.CONTENT_LENGTH);
    }

    private static Kind length(long n) {
        return n < 0 ? Kind.MALFORMED : n == 0 ? Kind.NONE : Kind.LENGTH;
    }

    /** Content-Length as a number; equal duplicates ("5, 5") allowed; -1 when invalid. */
    static long contentLength(HttpHeaders headers) {
        return headers.decimal(HttpHeaders.Name.CONTENT_LENGTH);
    }
}
