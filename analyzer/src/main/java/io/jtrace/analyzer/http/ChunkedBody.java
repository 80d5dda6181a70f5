package io.jtrace.analyzer.http;

/** Decodes a chunked body: chunk-size lines with extensions, data, last chunk, trailer fields. */
final class ChunkedBody {
    private enum State { SIZE, DATA, DATA_END, TRAILER, DONE, FAILED }

    /** Longest chunk-size line (extensions included) or trailer section accepted. */
    static final int LINE_LIMIT = 8 * 1024;

    private final HttpMessage message;
    private final ByteBuf line = new ByteBuf();
    private State state = State.SIZE;
    private long remaining;
    private boolean sawCr;
    private int trailerBytes;
    private byte[] rejected = new byte[0];

    ChunkedBody(HttpMessage message) {
        this.message = message;
    }

    boolean done() {
        return state == State.DONE;
    }

    boolean failed() {
        return state == State.FAILED;
    }

    /** The consumed bytes that broke the framing, to be scanned again for a message start. */
    byte[] rejected() {
        return rejected;
    }

    /** Consumes what it can of b; returns the count consumed. Stops at DONE or FAILED. */
    int feed(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && state != State.DONE && state != State.FAILED) {
            switch (state) {
                case DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    message.appendBody(b, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.DATA_END;
                    }
                }
                case DATA_END -> {
                    if (b[i] == '\r' && !sawCr) {
                        sawCr = true;
                        i++;
                    } else if (b[i] == '\n') {
                        sawCr = false;
                        state = State.SIZE;
                        i++;
                    } else {
                        state = State.FAILED; // the byte is not consumed: it may start the next message
                    }
                }
                default -> i = line(b, i, end);
            }
        }
        return i - off;
    }

    /** A gap of n bytes: the count that fell inside chunk data; less than n means framing is lost. */
    long gap(long n) {
        if (state != State.DATA) {
            state = State.FAILED;
            return 0;
        }
        long fits = Math.min(n, remaining);
        remaining -= fits;
        if (fits < n) {
            state = State.FAILED;
        } else if (remaining == 0) {
            state = State.DATA_END;
        }
        return fits;
    }

    private int line(byte[] b, int i, int end) {
        int lf = i;
        while (lf < end && b[lf] != '\n') {
            lf++;
        }
        int n = (lf < end ? lf + 1 : end) - i;
        if (line.len + n > LINE_LIMIT) {
            int fits = Math.max(0, LINE_LIMIT - line.len);
            line.append(b, i, fits);
            fail();
            return i + fits;
        }
        line.append(b, i, n);
        if (lf == end) {
            return end;
        }
        int to = line.len - 1;
        if (to > 0 && line.b[to - 1] == '\r') {
            to--;
        }
        if (state == State.SIZE) {
            size(to);
        } else {
            trailer(to);
        }
        if (state != State.FAILED) {
            line.reset();
        }
        return lf + 1;
    }

    private void size(int to) {
        long size = 0;
        int i = 0;
        while (i < to && hex(line.b[i]) >= 0 && i < 15) {
            size = size * 16 + hex(line.b[i]);
            i++;
        }
        while (i < to && (line.b[i] == ' ' || line.b[i] == '\t')) {
            i++;
        }
        if (i == 0 || i < to && line.b[i] != ';') {
            fail();
            return;
        }
        remaining = size;
        state = size == 0 ? State.TRAILER : State.DATA;
    }

    private void trailer(int to) {
        if (to == 0) {
            state = State.DONE;
            return;
        }
        trailerBytes += line.len;
        if (trailerBytes > LINE_LIMIT || !HeadParser.validLine(line.b, 0, to, !message.trailers().isEmpty())) {
            fail();
            return;
        }
        HeadParser.addField(message.trailersToFill(), line.b, 0, to);
    }

    private void fail() {
        state = State.FAILED;
        rejected = java.util.Arrays.copyOf(line.b, line.len);
        line.reset();
    }

    private static int hex(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
