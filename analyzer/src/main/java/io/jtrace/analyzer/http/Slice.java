package io.jtrace.analyzer.http;

/** Bytes still to parse, with the time of the call that moved them. */
final class Slice {
    byte[] b;
    int off;
    int len;
    long t;

    Slice(byte[] b, int off, int len, long t) {
        this.b = b;
        this.off = off;
        this.len = len;
        this.t = t;
    }

    /** This slice now holds other bytes (one slice serves each call of a parser). */
    Slice set(byte[] b, int off, int len, long t) {
        this.b = b;
        this.off = off;
        this.len = len;
        this.t = t;
        return this;
    }

    void skip(int n) {
        off += n;
        len -= n;
    }
}
