package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/** strace's string_quote: C escapes, octal that widens before a digit, -x and -xx hex styles. */
public final class Quote {
    /** How non-printable bytes are written: strace's default, {@code -x} and {@code -xx}. */
    public enum Hex {
        NONE, NON_ASCII, ALL
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    /** Bytes printed as themselves: printable ASCII except the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = ' '; c < 0x7f; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private Quote() {
    }

    static boolean printable(int c) {
        return c >= ' ' && c < 0x7f;
    }

    /**
     * Appends {@code n} bytes of {@code data} from {@code off} in double quotes. With
     * {@link Hex#NON_ASCII} the whole string turns hex as soon as one byte is neither printable
     * nor whitespace, as strace does; {@code cstring} stops at the first NUL.
     */
    public static void append(LineBuffer out, byte[] data, int off, int n, Hex hex, boolean cstring) {
        out.append('"');
        body(out, data, off, n, hex, cstring, false);
        out.append('"');
    }

    /**
     * What {@link #append} puts between the quotes, escaped once more as the inside of a JSON
     * string (every backslash doubled, the quote escaped), in one pass.
     */
    public static void appendJson(LineBuffer out, byte[] data, int off, int n, Hex hex) {
        body(out, data, off, n, hex, false, true);
    }

    /** {@link #append} for text that is built as a String (sockaddrs). */
    public static void append(StringBuilder out, byte[] data, int off, int n, Hex hex, boolean cstring) {
        LineBuffer b = new LineBuffer(n + 2);
        append(b, data, off, n, hex, cstring);
        out.append(b);
    }

    private static void body(LineBuffer out, byte[] data, int off, int n, Hex hex, boolean cstring, boolean json) {
        if (cstring) {
            for (int i = 0; i < n; i++) {
                if (data[off + i] == 0) {
                    n = i;
                    break;
                }
            }
        }
        if (hex == Hex.ALL || hex == Hex.NON_ASCII && needsHex(data, off, n)) {
            allHex(out, data, off, n, json);
            return;
        }
        int end = off + n;
        int i = off;
        while (i < end) {
            int run = i;
            while (run < end && PLAIN[data[run] & 0xff]) {
                run++;
            }
            if (run > i) {
                out.appendAscii(data, i, run - i);
                i = run;
                if (i == end) {
                    break;
                }
            }
            int c = data[i] & 0xff;
            escape(out, json);
            switch (c) {
                case '"' -> {
                    if (json) {
                        out.append('\\');
                    }
                    out.append('"');
                }
                case '\\' -> escape(out, json);
                case '\f' -> out.append('f');
                case '\n' -> out.append('n');
                case '\r' -> out.append('r');
                case '\t' -> out.append('t');
                case 0x0b -> out.append('v');
                default -> {
                    int next = i + 1 < end ? data[i + 1] & 0xff : -1;
                    octal(out, c, next >= '0' && next <= '7');
                }
            }
            i++;
        }
    }

    /** The backslash of an escape; doubled inside a JSON string. */
    private static void escape(LineBuffer out, boolean json) {
        out.append('\\');
        if (json) {
            out.append('\\');
        }
    }

    private static void allHex(LineBuffer out, byte[] data, int off, int n, boolean json) {
        int per = json ? 5 : 4;
        byte[] b = out.reserve(n * per);
        int at = out.length();
        for (int i = 0; i < n; i++) {
            int c = data[off + i] & 0xff;
            b[at++] = '\\';
            if (json) {
                b[at++] = '\\';
            }
            b[at++] = 'x';
            b[at++] = DIGITS[c >> 4];
            b[at++] = DIGITS[c & 0xf];
        }
        out.advance(n * per);
    }

    /** {@code \N}, {@code \NN} or {@code \NNN}: the shortest form unless a digit follows. */
    private static void octal(LineBuffer out, int c, boolean full) {
        if (full || c >> 6 != 0) {
            out.append((char) ('0' + (c >> 6)));
        }
        if (full || c >> 3 != 0) {
            out.append((char) ('0' + ((c >> 3) & 7)));
        }
        out.append((char) ('0' + (c & 7)));
    }

    private static boolean needsHex(byte[] data, int off, int n) {
        for (int i = 0; i < n; i++) {
            int c = data[off + i] & 0xff;
            if (c > 0x7e || c < ' ' && (c < 9 || c > 13)) {
                return true;
            }
        }
        return false;
    }

    /** Quotes a Java string's bytes (ISO-8859-1), for names and paths that are already strings. */
    public static String of(String s, Hex hex) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        LineBuffer out = new LineBuffer(b.length + 2);
        append(out, b, 0, b.length, hex, false);
        return out.toString();
    }
}
