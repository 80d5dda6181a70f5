package io.jtrace.analyzer.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line (JSON Lines), for jq and scripts, in UTF-8 whatever the locale. Each line is built as
 * bytes ({@link LineBuffer}) and written in one go: no StringBuilder, no String and no charset encoder per line.
 */
public final class JsonWriter implements RecordWriter {
    private final PrintStream out;
    private final LineBuffer line = new LineBuffer(512);

    JsonWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(Object... fields) {
        line.clear().append('{');
        for (int i = 0; i < fields.length; i += 2) {
            if (i > 0) {
                line.append(',');
            }
            string(line, (String) fields[i]);
            line.append(':');
            value(line, fields[i + 1]);
        }
        line.append('}').append('\n');
        line.printTo(out);
    }

    /** JSON text made by another printer (protobuf's), written as it is. */
    public record Raw(String json) {
    }

    /** A JSON value: null, numbers, booleans, maps, lists, {@link Raw} text, anything else as a string. */
    public static void value(LineBuffer b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            b.append(((Number) v).longValue());
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v.toString());
        } else if (v instanceof String s) {
            string(b, s);
        } else if (v instanceof Raw r) {
            b.append(r.json());
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, e.getKey().toString());
                b.append(':');
                value(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(b, l.get(i));
            }
            b.append(']');
        } else {
            string(b, v.toString());
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    public static void string(LineBuffer b, String s) {
        int start = b.length();
        b.append('"').append(s);
        if (b.isBytes() && plain(b.array(), start + 1, b.length())) {
            b.append('"');   // nothing to escape, the common case: the string went in whole
            return;
        }
        b.setLength(start + 1);
        for (int i = 0; i < s.length(); i++) {
            escape(b, s.charAt(i));
        }
        b.append('"');
    }

    /**
     * Ends a JSON string whose text was appended to {@code b} unescaped, from {@code body} (just
     * after its opening quote): most texts (numbers, names) need no escaping and stay where they
     * are; the others are copied out through {@code scratch} and escaped.
     */
    public static void closeString(LineBuffer b, int body, LineBuffer scratch) {
        if (b.isBytes()) {
            if (plain(b.array(), body, b.length())) {
                b.append('"');
                return;
            }
            scratch.clear().appendLatin1(b.array(), body, b.length() - body);
            b.setLength(body - 1);
            string(b, scratch);
        } else {
            String text = b.toString().substring(body);
            b.setLength(body - 1);
            string(b, text);
        }
    }

    private static boolean plain(byte[] t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!plain(t[i])) {
                return false;
            }
        }
        return true;
    }

    /** A JSON string of a rendered text, escaped in runs rather than character by character. */
    public static void string(LineBuffer b, LineBuffer text) {
        if (!text.isBytes()) {
            string(b, text.toString());
            return;
        }
        byte[] t = text.array();
        int n = text.length();
        b.append('"');
        int i = 0;
        while (i < n) {
            int run = i;
            while (run < n && plain(t[run])) {
                run++;
            }
            b.appendLatin1(t, i, run - i);
            if (run < n) {
                escape(b, (char) (t[run] & 0xff));
            }
            i = run + 1;
        }
        b.append('"');
    }

    private static boolean plain(byte c) {
        return (c >= 0x20 || c < 0) && c != '"' && c != '\\';
    }

    private static void escape(LineBuffer b, char c) {
        switch (c) {
            case '"' -> b.append('\\').append('"');
            case '\\' -> b.append('\\').append('\\');
            case '\n' -> b.append('\\').append('n');
            case '\r' -> b.append('\\').append('r');
            case '\t' -> b.append('\\').append('t');
            default -> {
                if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
    }

    @Override
    public void close() {
        out.flush();
    }
}
