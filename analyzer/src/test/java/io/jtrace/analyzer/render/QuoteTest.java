package io.jtrace.analyzer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** strace's string_quote: C escapes, octal widened before a digit, -x and -xx. */
class QuoteTest {
    private static String quote(byte[] b, Quote.Hex hex) {
        LineBuffer out = new LineBuffer();
        Quote.append(out, b, 0, b.length, hex, false);
        return out.toString();
    }

    private static String quote(String s) {
        return quote(s.getBytes(StandardCharsets.ISO_8859_1), Quote.Hex.NONE);
    }

    @Test
    void escapes() {
        assertEquals("\"a\\\"b\\\\c\\t\\n\\r\\v\\f\"", quote("a\"b\\c\t\n\r\u000b\f"));
    }

    @Test
    void octalIsShortestUnlessADigitFollows() {
        assertEquals("\"\\0\\1x\\377\"", quote("\0\1x\u00ff"));
        assertEquals("\"\\0001\\0017\"", quote("\0" + "1\u0001" + "7"));
        assertEquals("\"\\0\\18\"", quote("\0\u00018"));   // 8 is no octal digit: no widening
    }

    @Test
    void hexStyles() {
        assertEquals("\"abc\"", quote("abc".getBytes(StandardCharsets.US_ASCII), Quote.Hex.NON_ASCII));
        assertEquals("\"\\x61\\x00\"", quote(new byte[] {'a', 0}, Quote.Hex.NON_ASCII));
        assertEquals("\"\\x61\\x62\"", quote("ab".getBytes(StandardCharsets.US_ASCII), Quote.Hex.ALL));
    }

    @Test
    void jsonFormIsTheQuotedTextEscapedAgain() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (random.nextBoolean() ? random.nextInt(256) : "a\\\"\n7\0x".charAt(random.nextInt(7)));
            }
            for (Quote.Hex hex : Quote.Hex.values()) {
                String quoted = quote(b, hex);
                LineBuffer expected = new LineBuffer();
                io.jtrace.analyzer.output.JsonWriter.string(expected, quoted.substring(1, quoted.length() - 1));
                LineBuffer json = new LineBuffer().append('"');
                Quote.appendJson(json, b, 0, b.length, hex);
                assertEquals(expected.toString(), json.append('"').toString());
            }
        }
    }
}
