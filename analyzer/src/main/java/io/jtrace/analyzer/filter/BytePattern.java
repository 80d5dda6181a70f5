package io.jtrace.analyzer.filter;

import com.google.protobuf.ByteString;
import java.util.regex.Pattern;

/**
 * --grep over captured bytes. A pattern without regex metacharacters is searched as bytes (ASCII
 * case folded with -i), which is several times faster over megabytes of payload than running the
 * regex engine through a CharSequence view; anything else goes through {@link Pattern}.
 */
final class BytePattern {
    private static final String META = "\\[](){}.*+?^$|";

    private final Pattern regex;
    private final byte[] literal;
    private final boolean ignoreCase;

    BytePattern(Pattern regex, String source, boolean ignoreCase) {
        this.regex = regex;
        this.ignoreCase = ignoreCase;
        this.literal = isLiteral(source) ? source.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null;
        if (literal != null && ignoreCase) {
            for (int i = 0; i < literal.length; i++) {
                literal[i] = lower(literal[i]);
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

    boolean find(ByteString data) {
        if (literal == null) {
            return regex.matcher(new Latin1(data)).find();
        }
        int n = data.size() - literal.length;
        byte first = literal[0];
        for (int i = 0; i <= n; i++) {
            byte b = data.byteAt(i);
            if ((ignoreCase ? lower(b) : b) != first) {
                continue;
            }
            int k = 1;
            while (k < literal.length) {
                byte c = data.byteAt(i + k);
                if ((ignoreCase ? lower(c) : c) != literal[k]) {
                    break;
                }
                k++;
            }
            if (k == literal.length) {
                return true;
            }
        }
        return false;
    }
}
