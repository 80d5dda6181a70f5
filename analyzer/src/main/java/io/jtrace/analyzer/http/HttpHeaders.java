package io.jtrace.analyzer.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Header (or trailer) fields in the order sent; lookup ignores case, duplicates are kept. */
public final class HttpHeaders {
    /** One field as sent: name with its original case, value with surrounding whitespace removed. */
    public record Field(String name, String value) {}

    private final List<Field> fields = new ArrayList<>();

    void add(String name, String value) {
        fields.add(new Field(name, value));
    }

    // obs-fold: a line starting with whitespace continues the previous field's value
    void continueLast(String more) {
        Field last = fields.remove(fields.size() - 1);
        fields.add(new Field(last.name(), last.value().isEmpty() ? more : last.value() + " " + more));
    }

    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The first value of the field, or null. */
    public String get(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /** The comma-separated tokens of every value of the field, trimmed and lower-cased. */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (String v : all(name)) {
            for (String t : v.split(",")) {
                String s = t.trim();
                if (!s.isEmpty()) {
                    tokens.add(s.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return tokens;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        return sb.toString();
    }
}
