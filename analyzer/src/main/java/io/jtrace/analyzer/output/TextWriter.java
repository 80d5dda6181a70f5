package io.jtrace.analyzer.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Fields as aligned "name: value" lines; lists and maps indented below their name. */
public final class TextWriter implements RecordWriter {
    private final PrintStream out;
    private boolean first = true;

    TextWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(Object... fields) {
        if (!first) {
            out.println();
        }
        first = false;
        int width = 0;
        for (int i = 0; i < fields.length; i += 2) {
            width = Math.max(width, ((String) fields[i]).length());
        }
        for (int i = 0; i < fields.length; i += 2) {
            field("", (String) fields[i], fields[i + 1], width);
        }
    }

    private void field(String indent, String name, Object value, int width) {
        String label = indent + name + ":" + " ".repeat(Math.max(1, width - name.length() + 1));
        if (value instanceof Map<?, ?> m) {
            out.println(indent + name + ":");
            int w = m.keySet().stream().mapToInt(k -> k.toString().length()).max().orElse(0);
            m.forEach((k, v) -> field(indent + "  ", k.toString(), v, w));
        } else if (value instanceof List<?> l) {
            out.println(indent + name + ":" + (l.isEmpty() ? " (none)" : ""));
            for (Object item : l) {
                if (item instanceof Map<?, ?> m) {
                    int w = m.keySet().stream().mapToInt(k -> k.toString().length()).max().orElse(0);
                    boolean firstKey = true;
                    for (var e : m.entrySet()) {
                        field(indent + (firstKey ? "- " : "  "), e.getKey().toString(), e.getValue(), w);
                        firstKey = false;
                    }
                } else {
                    out.println(indent + "- " + text(item));
                }
            }
        } else {
            out.println(label + text(value));
        }
    }

    private static String text(Object v) {
        return v == null ? "-" : v.toString();
    }

    @Override
    public void close() {
        out.flush();
    }
}
