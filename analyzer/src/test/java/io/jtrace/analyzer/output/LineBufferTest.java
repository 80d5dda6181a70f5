package io.jtrace.analyzer.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte line writes what a StringBuilder sent through a UTF-8 writer wrote. */
class LineBufferTest {
    private static byte[] viaWriter(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.append(s);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(LineBuffer b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void numbersAsStringBuilderWritesThem() {
        SplittableRandom random = new SplittableRandom(5);
        long[] edges = {0, 1, -1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, 0xffffffffL};
        for (int i = 0; i < 20_000; i++) {
            long v = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
            StringBuilder expected = new StringBuilder().append(v).append(' ').append(Long.toHexString(v))
                    .append(' ').append(Long.toUnsignedString(v)).append(' ').append((int) v);
            LineBuffer b = new LineBuffer(4).append(v).append(' ').appendHex(v).append(' ').appendUnsigned(v)
                    .append(' ').append((int) v);
            assertEquals(expected.toString(), b.toString(), "value " + v);
        }
    }

    @Test
    void paddingAsPrintfDoes() {
        assertEquals("  123", new LineBuffer().appendPadded(123, 5, ' ').toString());
        assertEquals("000042", new LineBuffer().appendPadded(42, 6, '0').toString());
        assertEquals("1234567", new LineBuffer().appendPadded(1234567, 6, '0').toString());
        assertEquals("00-123", new LineBuffer().appendPadded(-123, 6, '0').toString());
    }

    @Test
    void nonAsciiAndWideTextIsWrittenAsUtf8() throws IOException {
        String[] texts = {"plain", "caf\u00e9 \u00ff", "\u4e2d\u6587 and more", "emoji \ud83d\ude00 pair",
            "lone \ud83d surrogate", "\u0000\u007f\u0080"};
        for (String s : texts) {
            LineBuffer b = new LineBuffer(2);
            b.append("[").append(s).append(']').append(s.length());
            String expected = "[" + s + "]" + s.length();
            assertEquals(expected, b.toString());
            assertEquals(expected.length(), b.length());
            assertArrayEquals(viaWriter(expected), bytes(b), s);
            assertEquals(expected, b.chars().toString());
            // character by character, as the JSON escaper appends
            LineBuffer c = new LineBuffer(2);
            for (int i = 0; i < s.length(); i++) {
                c.append(s.charAt(i));
            }
            assertEquals(s, c.toString());
        }
    }

    @Test
    void cutAndReuse() throws IOException {
        LineBuffer b = new LineBuffer(4).append("abc, ");
        b.setLength(3);
        b.append(')');
        assertEquals("abc)", b.toString());
        b.clear().append("\u4e2d");
        assertFalse(b.isBytes());
        b.clear().append("x=").append(1);
        assertArrayEquals("x=1".getBytes(StandardCharsets.US_ASCII), bytes(b));
        assertEquals('=', b.chars().charAt(1));
    }
}
