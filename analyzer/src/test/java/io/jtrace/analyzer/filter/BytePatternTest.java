package io.jtrace.analyzer.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.output.LineBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The literal byte search finds what the regex engine finds. */
class BytePatternTest {
    private static boolean regex(String p, boolean ignoreCase, byte[] data) {
        Pattern pattern = Pattern.compile(Pattern.quote(p), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        return pattern.matcher(new String(data, StandardCharsets.ISO_8859_1)).find();
    }

    @Test
    void sameMatchesAsTheRegexEngine() {
        SplittableRandom random = new SplittableRandom(17);
        String[] literals = {"POST", "post", "a", "aab", "ab ab", "HTTP/1.1", "xxxxxxxxxxxxxxxxxxxxxy", "=\"%"};
        String alphabet = "abABxy POSTpost/=\"";
        for (int i = 0; i < 20_000; i++) {
            String literal = literals[random.nextInt(literals.length)];
            boolean ignoreCase = random.nextBoolean();
            // lengths around the pieces the search copies (256, then the scratch array)
            int n = random.nextInt(4) == 0 ? 200 + random.nextInt(9000) : random.nextInt(40);
            byte[] data = new byte[n];
            for (int k = 0; k < n; k++) {
                data[k] = random.nextInt(50) == 0 ? (byte) random.nextInt(256)
                        : (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            if (n > literal.length() && random.nextInt(3) == 0) {
                int at = random.nextInt(n - literal.length() + 1);
                System.arraycopy(literal.getBytes(StandardCharsets.ISO_8859_1), 0, data, at, literal.length());
            }
            BytePattern p = new BytePattern(Filters.pattern(literal, ignoreCase), literal, ignoreCase);
            boolean expected = regex(literal, ignoreCase, data);
            String what = literal + (ignoreCase ? " -i" : "") + " in " + n + " bytes, case " + i;
            assertEquals(expected, p.find(ByteString.copyFrom(data)), what);
            // the array it lies in, handed over without a copy, from an offset; and a ByteString of two pieces
            int cut = n == 0 ? 0 : random.nextInt(n);
            byte[] around = new byte[n + 8];
            System.arraycopy(literal.getBytes(StandardCharsets.ISO_8859_1), 0, around, 0, Math.min(4, literal.length()));
            System.arraycopy(data, 0, around, 4, n);
            assertEquals(expected, p.find(ByteString.copyFrom(around).substring(4, 4 + n)), what + ", at an offset");
            assertEquals(expected, p.find(ByteString.copyFrom(data, 0, cut).concat(ByteString.copyFrom(data, cut, n - cut))),
                    what + ", two pieces cut at " + cut);
            // a rendered line holding the same characters (ISO-8859-1, one byte each)
            LineBuffer line = new LineBuffer(16);
            line.append(new String(data, StandardCharsets.ISO_8859_1));
            assertEquals(expected, p.find(line), what + ", as a line");
        }
    }

    @Test
    void aMatchRunningPastEitherEndOfTheBytesIsNone() {
        for (String literal : new String[] {"POST", "aab", "HTTP/1.1", "xy"}) {
            byte[] b = ("<" + literal + ">").getBytes(StandardCharsets.ISO_8859_1);
            int m = literal.length();
            BytePattern p = new BytePattern(Filters.pattern(literal, false), literal, false);
            // ByteString.substring shares the array: the search runs within it, the literal's bytes on both sides
            ByteString all = ByteString.copyFrom(b);
            assertEquals(true, p.find(all.substring(1, 1 + m)), literal);
            assertEquals(false, p.find(all.substring(1, m)), literal + " without its last byte");
            assertEquals(false, p.find(all.substring(2, 1 + m)), literal + " without its first byte");
        }
    }

    @Test
    void aLineWithCharactersBeyondLatin1IsSearchedByTheRegex() {
        BytePattern p = new BytePattern(Filters.pattern("caf", true), "caf", true);
        LineBuffer line = new LineBuffer(16);
        line.append("open(\"/tmp/CAF\u00e9\u2603\")");
        assertEquals(false, line.isBytes());
        assertEquals(true, p.find(line));
        BytePattern q = new BytePattern(Filters.pattern("caf", false), "caf", false);
        assertEquals(false, q.find(line));
    }
}
