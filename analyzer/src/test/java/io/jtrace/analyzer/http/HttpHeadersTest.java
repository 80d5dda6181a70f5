package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {
    /** Fields parsed from head bytes, as HeadParser adds them: name and value spans, the value without blanks. */
    private static HttpHeaders parsed(List<String[]> fields) {
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        for (String[] f : fields) {
            int name = text.length();
            text.append(f[0]);
            int colon = text.length();
            text.append(": ");
            int value = text.length();
            text.append(f[1].strip());
            spans.add(new int[] {name, colon, value, text.length()});
            text.append("\r\n");
        }
        HttpHeaders h = new HttpHeaders(text.toString().getBytes(StandardCharsets.ISO_8859_1), fields.size());
        for (int[] s : spans) {
            h.add(s[0], s[1], s[2], s[3]);
        }
        return h;
    }

    private static long contentLength(String... namesAndValues) {
        List<String[]> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new String[] {namesAndValues[i], namesAndValues[i + 1]});
        }
        return Framing.contentLength(parsed(fields));
    }

    @Test
    void contentLengthAsFramingReadsIt() {
        assertEquals(-1, contentLength("Host", "a"));
        assertEquals(5, contentLength("Content-Length", "5"));
        assertEquals(5, contentLength("content-LENGTH", "5, 5", "Host", "a", "Content-Length", "5"));
        assertEquals(-1, contentLength("Content-Length", "5", "Content-Length", "6"));
        assertEquals(-1, contentLength("Content-Length", "x", "Content-Length", "5"));
        assertEquals(-1, contentLength("Content-Length", "5", "Content-Length", "x"));
        assertEquals(-1, contentLength("Content-Length", ""));
        assertEquals(-1, contentLength("Content-Length", "1234567890123456789"));
        assertEquals(7, contentLength("Content-Lengths", "9", "Content-Length", "007"));
    }

    /**
     * The Content-Length worked out as parsed fields are added is the one read from the fields made of them (the
     * way every field added as a String is read), over random sets of fields.
     */
    @Test
    void contentLengthOfParsedFieldsIsThatOfTheFieldsMadeOfThem() {
        String[] names = {"Content-Length", "content-length", "CONTENT-LENGTH", "Content-Lengt", "Content-Lengths",
            "Host", "X"};
        String[] values = {"5", "5, 5", " 7 ", "x", "", "5,6", "007", "0", "5 ,5", "99999999999999999999", "1,", "6"};
        Random random = new Random(15);
        for (int run = 0; run < 20_000; run++) {
            List<String[]> fields = new ArrayList<>();
            for (int n = random.nextInt(5); n > 0; n--) {
                fields.add(new String[] {names[random.nextInt(names.length)], values[random.nextInt(values.length)]});
            }
            HttpHeaders h = parsed(fields);
            long fromSpans = Framing.contentLength(h);
            h.fields();   // the fields are made: from now on they are read as Strings
            assertEquals(Framing.contentLength(h), fromSpans, () -> fields.stream().map(f -> f[0] + ": " + f[1])
                    .toList().toString());
        }
    }
}
