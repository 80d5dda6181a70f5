package io.jtrace.analyzer.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
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
            assertEquals(regex(literal, ignoreCase, data), p.find(ByteString.copyFrom(data)),
                    literal + (ignoreCase ? " -i" : "") + " in " + n + " bytes, case " + i);
        }
    }
}
