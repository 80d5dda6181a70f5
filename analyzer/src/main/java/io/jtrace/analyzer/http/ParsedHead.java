package io.jtrace.analyzer.http;

/**
 * A message head parsed ahead, where its record was decoded (see {@link HeadScan}): the head that the first bytes a
 * call moved start with, whole within them. A parser that reaches those bytes at a message start takes it instead of
 * parsing them again; it is taken once at most.
 */
final class ParsedHead {
    private HttpMessage message;
    /** Bytes of the head, its blank line included. */
    private final int length;
    /** Bytes it was parsed from: the call's first piece, the whole of what its parser gets at once. */
    private final int window;
    /** Body bytes the message keeps, as its parser's. */
    private final int bodyLimit;
    /** The head's Content-Length, as {@link Framing#contentLength} reads it. */
    private final long contentLength;

    ParsedHead(HttpMessage message, int length, int window, int bodyLimit, long contentLength) {
        this.message = message;
        this.length = length;
        this.window = window;
        this.bodyLimit = bodyLimit;
        this.contentLength = contentLength;
    }

    /** Whether it is what a parser of this direction and body limit would parse from {@code len} bytes. */
    boolean fits(boolean request, int bodyLimit, int len) {
        return message != null && message.isRequest() == request && bodyLimit == this.bodyLimit && len == window;
    }

    /** The message, the first time; null after. */
    HttpMessage take() {
        HttpMessage m = message;
        message = null;
        return m;
    }

    int length() {
        return length;
    }

    long contentLength() {
        return contentLength;
    }
}
