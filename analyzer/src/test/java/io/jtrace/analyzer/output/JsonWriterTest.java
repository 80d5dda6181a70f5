package io.jtrace.analyzer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** JSON lines checked by a parser nobody here wrote (Gson, which protobuf's JSON printer brings). */
class JsonWriterTest {
    private static final String ALPHABET = "ab\"\\\n\r\t\u0001\u001f \u007f\u00e9\u4e2d\ud83d\ude00";

    @Test
    void stringsReadBackAsTheyWereAndBothPathsAgree() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 10_000; i++) {
            String s = text(random);
            LineBuffer fromString = new LineBuffer();
            JsonWriter.string(fromString, s);
            LineBuffer fromText = new LineBuffer();
            JsonWriter.string(fromText, new LineBuffer().append(s));
            String json = new String(fromString.utf8(), StandardCharsets.UTF_8);
            assertEquals(s, JsonParser.parseString(json).getAsString());
            assertEquals(json, new String(fromText.utf8(), StandardCharsets.UTF_8));
            // only the escapes JSON needs: no control character left raw, nothing else escaped
            assertTrue(json.chars().noneMatch(c -> c < 0x20), json);
        }
    }

    @Test
    void linesAreUtf8JsonWhateverTheStreamsCharset() {
        SplittableRandom random = new SplittableRandom(7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // a stream whose own charset cannot hold the text: the lines are UTF-8 all the same
        PrintStream ascii = new PrintStream(bytes, false, StandardCharsets.US_ASCII);
        List<Map<String, Object>> written = new java.util.ArrayList<>();
        try (JsonWriter w = new JsonWriter(ascii)) {
            for (int i = 0; i < 500; i++) {
                Map<String, Object> nested = new LinkedHashMap<>();
                nested.put(text(random), random.nextLong());
                nested.put("list", List.of(text(random), random.nextInt(), random.nextBoolean()));
                String name = text(random);
                long n = random.nextLong();
                double x = random.nextDouble() * 1e6;
                w.write("name", name, "n", n, "x", x, "none", null, "nested", nested);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("n", n);
                row.put("x", x);
                row.put("nested", nested);
                written.add(row);
            }
        }
        List<String> lines = new String(bytes.toByteArray(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(written.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            var o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            Map<String, Object> row = written.get(i);
            assertEquals(row.get("name"), o.get("name").getAsString());
            assertEquals(row.get("n"), o.get("n").getAsLong());
            assertEquals((double) row.get("x"), o.get("x").getAsDouble());
            assertTrue(o.get("none").isJsonNull());
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) row.get("nested");
            var on = o.get("nested").getAsJsonObject();
            assertEquals(nested.keySet(), on.keySet());
            List<?> list = (List<?>) nested.get("list");
            var ol = on.get("list").getAsJsonArray();
            assertEquals(list.get(0), ol.get(0).getAsString());
            assertEquals(list.get(1), ol.get(1).getAsInt());
            assertEquals(list.get(2), ol.get(2).getAsBoolean());
        }
    }

    private static String text(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(30); k > 0; k--) {
            int at = random.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(at);
            if (Character.isHighSurrogate(c)) {
                s.append(c).append(ALPHABET.charAt(at + 1));   // a whole pair: an emoji
            } else if (!Character.isLowSurrogate(c)) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
