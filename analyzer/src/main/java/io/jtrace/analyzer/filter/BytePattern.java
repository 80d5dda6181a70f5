package io.jtrace.analyzer.filter;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.output.LineBuffer;
import java.util.regex.Pattern;

/**
 * --grep over captured bytes. A pattern without regex metacharacters is searched as bytes (ASCII
 * case folded with -i), one byte in every pattern length looked at, which is several times faster
 * over megabytes of payload than running the regex engine through a CharSequence view; anything
 * else goes through {@link Pattern}.
 */
final class BytePattern {
    private static final String META = "\\[](){}.*+?^$|";

    private final Pattern regex;
    private final byte[] literal;
    /** Byte to the byte compared: A-Z folded to a-z with -i, else itself. */
    private final byte[] fold = new byte[256];
    /** Whether a byte, folded, is one of the literal's. */
    private final boolean[] member = new boolean[256];
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
            for (byte b : literal) {
                member[b & 0xff] = true;
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

    /**
     * The literal in {@code t[from, to)}: one byte in every m (the literal's length) is looked at, so that every place
     * the literal could be holds exactly one of them, and only where that byte is one of the literal's is the literal
     * compared, at each place that puts one of its bytes there. The steps do not depend on the bytes read, as
     * Horspool's skips do: the loads overlap, which made this twice as fast as Horspool over the benchmark trace's
     * payload in C1-compiled code (BENCHMARKS.md, "Issue 15, ninth session").
     */
    private boolean find(byte[] t, int from, int to) {
        byte[] lit = literal;
        byte[] f = fold;
        boolean[] in = member;
        int m = lit.length;
        for (int i = from + m - 1; i < to; i += m) {
            byte c = f[t[i] & 0xff];
            if (in[c & 0xff]) {
                for (int k = 0; k < m; k++) {
                    int start = i - k;
                    if (lit[k] == c && start >= from && start + m <= to && at(t, start)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether the literal lies at {@code t[start]}, folded. */
    private boolean at(byte[] t, int start) {
        byte[] lit = literal;
        byte[] f = fold;
        for (int j = 0; j < lit.length; j++) {
            if (f[t[start + j] & 0xff] != lit[j]) {
                return false;
            }
        }
        return true;
    }
}
