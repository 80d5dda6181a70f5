package io.jtrace.analyzer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void bytesAndCharactersAreEscapedAlike() {
        SplittableRandom random = new SplittableRandom(13);
        String alphabet = "ab\"\\\n\r\t\u0001\u001f \u007f\u00e9\u4e2d";
        for (int i = 0; i < 10_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            StringBuilder expected = new StringBuilder();
            JsonWriter.string(expected, s.toString());
            LineBuffer fromString = new LineBuffer();
            JsonWriter.string(fromString, s.toString());
            LineBuffer fromText = new LineBuffer();
            JsonWriter.string(fromText, new LineBuffer().append(s));
            assertEquals(expected.toString(), fromString.toString());
            assertEquals(expected.toString(), fromText.toString());
        }
    }
}
