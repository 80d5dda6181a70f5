package io.jtrace.analyzer.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Text built as bytes and written without a separate encoding pass: the buffer the text and JSON
 * views render every record into. Characters up to U+00FF take one byte each, as in
 * StringBuilder's compact form, so {@link #length()} counts characters; a wider character (a
 * name from the header in a JSON line) moves the text into a StringBuilder for the rest of the
 * line. Output is UTF-8, as the views always wrote it.
 */
public final class LineBuffer {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    /** Tens and ones digit of 0..99. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes;
    private int length;
    /** A byte of 0x80 or more is stored: it needs encoding on the way out. */
    private boolean latin1;
    private StringBuilder wide;
    private static final int CACHE = 1024;
    private final String[] cached = new String[CACHE];
    private final byte[][] cachedBytes = new byte[CACHE][];
    private final Chars view = new Chars();

    public LineBuffer() {
        this(64);
    }

    public LineBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public int length() {
        return wide != null ? wide.length() : length;
    }

    /** Cuts the text back to {@code n} characters. */
    public void setLength(int n) {
        if (wide != null) {
            wide.setLength(n);
        } else {
            length = n;
        }
    }

    /** Empties the buffer for the next line. */
    public LineBuffer clear() {
        length = 0;
        latin1 = false;
        wide = null;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    public LineBuffer append(char c) {
        if (c < 0x80 && wide == null) {
            if (length == bytes.length) {
                ensure(1);
            }
            bytes[length++] = (byte) c;
            return this;
        }
        return appendSlow(c);
    }

    private LineBuffer appendSlow(char c) {
        if (wide == null && c <= 0xff) {
            ensure(1);
            bytes[length++] = (byte) c;
            latin1 = true;
        } else {
            widen().append(c);
        }
        return this;
    }

    private StringBuilder widen() {
        if (wide == null) {
            wide = new StringBuilder(length + 64).append(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        }
        return wide;
    }

    public LineBuffer append(String s) {
        if (wide != null) {
            wide.append(s);
            return this;
        }
        // Most strings a line is built from are the same objects again and again (literals,
        // names from tables): their bytes are kept by identity, keyed by the String's cached hash,
        // and copied in one go; reading a String a character at a time costs several calls each
        // in C1-compiled code.
        int h = s.hashCode();
        int slot = (h ^ h >>> 10) & (CACHE - 1);
        if (cached[slot] == s) {
            byte[] b = cachedBytes[slot];
            ensure(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
            return this;
        }
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = at + i;
                return appendRest(s, i);
            }
            b[at + i] = (byte) c;
        }
        length = at + n;
        if (n <= 64) {
            cached[slot] = s;
            cachedBytes[slot] = java.util.Arrays.copyOfRange(b, at, at + n);
        }
        return this;
    }

    private LineBuffer appendRest(CharSequence s, int from) {
        for (int i = from; i < s.length(); i++) {
            append(s.charAt(i));
        }
        return this;
    }

    public LineBuffer append(CharSequence s) {
        return s instanceof String str ? append(str) : append(s, 0, s.length());
    }

    public LineBuffer append(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            append(s.charAt(i));
        }
        return this;
    }

    public LineBuffer append(LineBuffer other) {
        if (wide == null && other.wide == null) {
            ensure(other.length);
            System.arraycopy(other.bytes, 0, bytes, length, other.length);
            length += other.length;
            latin1 |= other.latin1;
            return this;
        }
        return append(other.toString());
    }

    public LineBuffer append(Object o) {
        return append(String.valueOf(o));
    }

    public LineBuffer append(boolean b) {
        return append(b ? "true" : "false");
    }

    public LineBuffer append(int v) {
        return append((long) v);
    }

    /** Decimal, as StringBuilder.append(long) writes it. */
    public LineBuffer append(long v) {
        if (wide != null || v == Long.MIN_VALUE) {
            return append(Long.toString(v));
        }
        if (v < 0) {
            append('-');
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            return appendDigits((int) v, digits((int) v));   // int division is several times cheaper
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        ensure(digits);
        int end = length + digits;
        int i = end;
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            bytes[--i] = ONES[r];
            bytes[--i] = TENS[r];
            v = q;
        }
        length = i - digits((int) v);
        appendDigits((int) v, digits((int) v));
        length = end;
        return this;
    }

    private static int digits(int v) {
        return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5
                : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
    }

    /** The {@code digits} decimal digits of {@code v}, two per division. */
    private LineBuffer appendDigits(int v, int digits) {
        ensure(digits);
        int end = length + digits;
        int i = end;
        while (v >= 100) {
            int q = v / 100;
            int r = v - q * 100;
            bytes[--i] = ONES[r];
            bytes[--i] = TENS[r];
            v = q;
        }
        bytes[--i] = ONES[v];
        if (v >= 10) {
            bytes[--i] = TENS[v];
        }
        length = end;
        return this;
    }

    /** A number right-aligned in {@code width} with {@code pad} before it (printf's %5u, %06u). */
    public LineBuffer appendPadded(long v, int width, char pad) {
        int digits = v >= 0 && v <= Integer.MAX_VALUE ? digits((int) v) : Long.toString(v).length();
        for (int i = digits; i < width; i++) {
            append(pad);
        }
        return append(v);
    }

    /** {@code n} spaces. */
    public LineBuffer appendSpaces(int n) {
        for (int i = 0; i < n; i++) {
            append(' ');
        }
        return this;
    }

    /** The 64 bits as an unsigned decimal, as Long.toUnsignedString writes them. */
    public LineBuffer appendUnsigned(long v) {
        return v >= 0 ? append(v) : append(Long.toUnsignedString(v));
    }

    /** Lower-case hex digits without prefix, as Long.toHexString writes them. */
    public LineBuffer appendHex(long v) {
        if (wide != null) {
            wide.append(Long.toHexString(v));
            return this;
        }
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) >> 2);
        ensure(digits);
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = DIGITS[(int) (v & 0xf)];
            v >>>= 4;
        }
        length = end;
        return this;
    }

    /** Bytes that are characters one to one (ISO-8859-1), copied in bulk. */
    public LineBuffer appendLatin1(byte[] b, int off, int n) {
        if (wide != null) {
            wide.append(new String(b, off, n, StandardCharsets.ISO_8859_1));
            return this;
        }
        ensure(n);
        System.arraycopy(b, off, bytes, length, n);
        length += n;
        for (int i = off; i < off + n && !latin1; i++) {
            latin1 = b[i] < 0;
        }
        return this;
    }

    /** Bytes known to be ASCII (below 0x80), copied in bulk. */
    public LineBuffer appendAscii(byte[] b, int off, int n) {
        if (wide != null) {
            return appendLatin1(b, off, n);
        }
        ensure(n);
        System.arraycopy(b, off, bytes, length, n);
        length += n;
        return this;
    }

    /** Room for {@code n} more bytes; write them with {@link #array()} from {@link #length()}, then {@link #advance}. */
    public byte[] reserve(int n) {
        if (wide != null) {
            throw new IllegalStateException("wide text has no byte array");
        }
        ensure(n);
        return bytes;
    }

    /** Counts {@code n} ASCII bytes written into {@link #reserve}'s array. */
    public void advance(int n) {
        length += n;
    }

    /** The stored bytes, valid up to {@link #length()} while {@link #isBytes()}. */
    public byte[] array() {
        return bytes;
    }

    /** Whether the text is stored as bytes, one per character (no character above U+00FF). */
    public boolean isBytes() {
        return wide == null;
    }

    /** The text as UTF-8. */
    public void writeTo(OutputStream out) throws IOException {
        if (wide == null && !latin1) {
            out.write(bytes, 0, length);
        } else {
            out.write(utf8());
        }
    }

    /** The text as UTF-8 to a PrintStream, which keeps a write error for checkError() instead of throwing it. */
    public void printTo(PrintStream out) {
        if (wide == null && !latin1) {
            out.write(bytes, 0, length);
        } else {
            byte[] b = utf8();
            out.write(b, 0, b.length);
        }
    }

    /** The text as UTF-8 bytes, a copy. */
    public byte[] utf8() {
        return wide == null && !latin1 ? java.util.Arrays.copyOf(bytes, length)
                : toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The text as characters, for a regex: a view over the bytes, not a copy, unless wide. */
    public CharSequence chars() {
        return wide != null ? wide : view;
    }

    @Override
    public String toString() {
        return wide != null ? wide.toString() : new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The stored bytes as ISO-8859-1 characters. */
    private final class Chars implements CharSequence {
        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return LineBuffer.this.toString().substring(start, end);
        }

        @Override
        public String toString() {
            return LineBuffer.this.toString();
        }
    }
}
