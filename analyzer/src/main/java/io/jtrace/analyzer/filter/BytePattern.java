package io.jtrace.analyzer.filter;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.output.LineBuffer;
import java.util.regex.Pattern;

/**
 * --grep over captured bytes. A pattern without regex metacharacters is searched as bytes (ASCII
 * case folded with -i) with Horspool's skip table, which is several times faster over megabytes
 * of payload than running the regex engine through a CharSequence view; anything else goes
 * through {@link Pattern}.
 */
final class BytePattern {
    private static final String META = "\\[](){}.*+?^$|";

    private final Pattern regex;
    private final byte[] literal;
    /** Byte to the byte compared: A-Z folded to a-z with -i, else itself. */
    private final byte[] fold = new byte[256];
    /** How far the window may move when its last byte is this one. */
    private final int[] skip = new int[256];
    private final byte[] scratch;

    BytePattern(Pattern regex, String source, boolean ignoreCase) {
        this.regex = regex;
        this.literal = isLiteral(source) ? source.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null;
        this.scratch = new byte[literal == null ? 0 : Math.max(4096, 2 * literal.length)];
        for (int b = 0; b < 256; b++) {
            fold[b] = ignoreCase ? lower((byte) b) : (byte) b;
        }
        if (literal != null) {
            int m = literal.length;
            for (int i = 0; i < m; i++) {
                literal[i] = fold[literal[i] & 0xff];
            }
            java.util.Arrays.fill(skip, m);
            for (int b = 0; b < 256; b++) {
                for (int k = 0; k < m - 1; k++) {
                    if (fold[b] == literal[k]) {
                        skip[b] = m - 1 - k;
                    }
                }
            }
        }
    }

    private static boolean isLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7e || c < 0x20 || META.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    /**
     * Whether a rendered line holds a match, as the regex finds it in the line's characters: a literal is searched
     * in the line's bytes, one per character (ISO-8859-1) as the line keeps them, with ASCII case folded as the
     * regex's CASE_INSENSITIVE folds it.
     */
    boolean find(LineBuffer line) {
        return literal != null && line.isBytes() ? find(line.array(), 0, line.length())
                : regex.matcher(line.chars()).find();
    }

    boolean find(ByteString data) {
        if (literal == null) {
            return regex.matcher(new Latin1(data)).find();
        }
        int n = data.size();
        int m = literal.length;
        if (n < m) {
            return false;
        }
        // a ByteString of one array (every one the reader makes) is searched where its bytes lie, the array handed
        // over by protobuf's own way to read it without a copy
        if (whole.of(data)) {
            boolean found = find(whole.array(), whole.offset(), whole.offset() + n);
            whole.clear();
            return found;
        }
        // else in a plain array (ByteString.byteAt is a virtual call per byte), copied a piece at a time: a match is
        // often near the start
        byte[] t = scratch;
        int from = 0;
        int piece = 256;
        while (true) {
            int to = Math.min(n, from + piece + m - 1);
            data.copyTo(t, from, 0, to - from);
            if (find(t, 0, to - from)) {
                return true;
            }
            if (to == n) {
                return false;
            }
            from = to - (m - 1);
            piece = t.length - m;
        }
    }

    private final ByteStringView whole = new ByteStringView();

    /** Horspool's search of the literal in {@code t[from, to)}. */
    private boolean find(byte[] t, int from, int to) {
        byte[] lit = literal;
        byte[] f = fold;
        int m = lit.length;
        int last = m - 1;
        byte end = lit[last];
        for (int i = from; i <= to - m; i += skip[t[i + last] & 0xff]) {
            if (f[t[i + last] & 0xff] == end) {
                int k = 0;
                while (k < last && f[t[i + k] & 0xff] == lit[k]) {
                    k++;
                }
                if (k == last) {
                    return true;
                }
            }
        }
        return false;
    }
}
