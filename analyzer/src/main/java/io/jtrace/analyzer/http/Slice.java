package io.jtrace.analyzer.http;

/** Bytes still to parse, with the time of the call that moved them. */
final class Slice {
    final byte[] b;
    int off;
    int len;
    final long t;

    Slice(byte[] b, int off, int len, long t) {
        this.b = b;
        this.off = off;
        this.len = len;
        this.t = t;
    }

    void skip(int n) {
        off += n;
        len -= n;
    }
}
