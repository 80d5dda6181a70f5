package io.jtrace.analyzer.http;

import java.util.Arrays;

/** A growable byte array for the few bytes a parser must hold (a head, a chunk-size line). */
final class ByteBuf {
    byte[] b = new byte[256];
    int len;

    void append(byte[] src, int off, int n) {
        if (len + n > b.length) {
            b = Arrays.copyOf(b, Math.max(len + n, b.length * 2));
        }
        System.arraycopy(src, off, b, len, n);
        len += n;
    }

    byte last() {
        return b[len - 1];
    }

    void reset() {
        len = 0;
        if (b.length > 4096) {
            b = new byte[256]; // a one-off large head should not pin memory for the connection's life
        }
    }
}
