package io.jtrace.analyzer.filter;

import com.google.protobuf.ByteString;

/** Captured bytes seen as characters one to one (ISO-8859-1), so a regex runs over them uncopied. */
final class Latin1 implements CharSequence {
    private final ByteString bytes;
    private final int from;
    private final int to;

    Latin1(ByteString bytes) {
        this(bytes, 0, bytes.size());
    }

    private Latin1(ByteString bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes.byteAt(from + index) & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new Latin1(bytes, from + start, from + end);
    }

    @Override
    public String toString() {
        return bytes.substring(from, to).toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
