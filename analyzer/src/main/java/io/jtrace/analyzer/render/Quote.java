package io.jtrace.analyzer.render;

/** strace's string_quote: C escapes, octal that widens before a digit, -x and -xx hex styles. */
public final class Quote {
    /** How non-printable bytes are written: strace's default, {@code -x} and {@code -xx}. */
    public enum Hex {
        NONE, NON_ASCII, ALL
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

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
    public static void append(StringBuilder out, byte[] data, int off, int n, Hex hex, boolean cstring) {
        boolean allHex = hex == Hex.ALL || hex == Hex.NON_ASCII && needsHex(data, off, n, cstring);
        out.append('"');
        for (int i = 0; i < n; i++) {
            int c = data[off + i] & 0xff;
            if (cstring && c == 0) {
                break;
            }
            if (allHex) {
                out.append('\\').append('x').append(DIGITS[c >> 4]).append(DIGITS[c & 0xf]);
                continue;
            }
            switch (c) {
                case '"', '\\' -> out.append('\\').append((char) c);
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (printable(c)) {
                        out.append((char) c);
                    } else {
                        int next = i + 1 < n ? data[off + i + 1] & 0xff : -1;
                        octal(out, c, next >= '0' && next <= '7');
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code \N}, {@code \NN} or {@code \NNN}: the shortest form unless a digit follows. */
    private static void octal(StringBuilder out, int c, boolean full) {
        out.append('\\');
        if (full || c >> 6 != 0) {
            out.append((char) ('0' + (c >> 6)));
        }
        if (full || c >> 3 != 0) {
            out.append((char) ('0' + ((c >> 3) & 7)));
        }
        out.append((char) ('0' + (c & 7)));
    }

    private static boolean needsHex(byte[] data, int off, int n, boolean cstring) {
        for (int i = 0; i < n; i++) {
            int c = data[off + i] & 0xff;
            if (cstring && c == 0) {
                return false;
            }
            if (c > 0x7e || c < ' ' && (c < 9 || c > 13)) {
                return true;
            }
        }
        return false;
    }

    /** Quotes a Java string's bytes (ISO-8859-1), for names and paths that are already strings. */
    public static String of(String s, Hex hex) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(b.length + 2);
        append(out, b, 0, b.length, hex, false);
        return out.toString();
    }
}
