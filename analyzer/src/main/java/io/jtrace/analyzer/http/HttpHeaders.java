package io.jtrace.analyzer.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Header (or trailer) fields in the order sent; lookup ignores case, duplicates are kept.
 *
 * <p>Fields parsed from a head stay where they lie in its bytes until asked for: a lookup compares names as bytes
 * and makes a String of the value it finds only, so that a message costs the few fields a view reads (Host,
 * Content-Length), not a String per name and value. The first call that needs every field as a {@link Field}
 * ({@link #fields()}, a folded line, {@link #add}) makes them all, and from then on they are the fields.
 */
public final class HttpHeaders {
    /** One field as sent: name with its original case, value with surrounding whitespace removed. */
    public record Field(String name, String value) {}

    private static final int[] NO_SPANS = new int[0];

    /** The head the spans point into (null for fields added as Strings). */
    private byte[] head;
    /** Per field parsed, until the fields are made: name from, name to, value from, value to (in head). */
    private int[] spans = NO_SPANS;
    private int parsed;
    /** A bit per name length of the parsed fields (63: 63 or more), so that a lookup of a name absent is quick. */
    private long lengths;
    /**
     * The parsed fields' Content-Length as {@link #decimal} reads it, worked out as they are added (every message's
     * framing asks for it): -1 when there is none or it is not a number; {@code contentLengthBad} once it is not.
     */
    private long contentLength = -1;
    private boolean contentLengthBad;
    private List<Field> fields;

    public HttpHeaders() {
        fields = new ArrayList<>();
    }

    /**
     * Fields to be parsed from this head's bytes (about expected of them), which the headers keep: the caller must
     * not change them.
     */
    HttpHeaders(byte[] head, int expected) {
        this.head = head;
        this.spans = new int[4 * expected];
    }

    /** A field parsed from the head: name [nameFrom, nameTo), value [valueFrom, valueTo) already stripped. */
    void add(int nameFrom, int nameTo, int valueFrom, int valueTo) {
        if (fields != null) {
            fields.add(new Field(latin1(nameFrom, nameTo), latin1(valueFrom, valueTo)));
            return;
        }
        if (4 * parsed + 4 > spans.length) {
            spans = java.util.Arrays.copyOf(spans, Math.max(16, spans.length * 2));
        }
        int s = 4 * parsed++;
        lengths |= 1L << Math.min(nameTo - nameFrom, 63);
        spans[s] = nameFrom;
        spans[s + 1] = nameTo;
        spans[s + 2] = valueFrom;
        spans[s + 3] = valueTo;
        if (nameTo - nameFrom == Name.CONTENT_LENGTH.lower.length && !contentLengthBad
                && named(nameFrom, Name.CONTENT_LENGTH.lower)) {
            contentLength = decimals(head, valueFrom, valueTo, contentLength);
            contentLengthBad = contentLength < 0;
        }
    }

    void add(String name, String value) {
        made().add(new Field(name, value));
    }

    // obs-fold: a line starting with whitespace continues the previous field's value
    void continueLast(String more) {
        List<Field> list = made();
        Field last = list.remove(list.size() - 1);
        list.add(new Field(last.name(), last.value().isEmpty() ? more : last.value() + " " + more));
    }

    /** The fields as Fields, made from the spans the first time. */
    private List<Field> made() {
        if (fields == null) {
            fields = new ArrayList<>(parsed);
            for (int i = 0; i < parsed; i++) {
                fields.add(new Field(name(i), value(i)));
            }
            spans = NO_SPANS;
        }
        return fields;
    }

    public List<Field> fields() {
        return Collections.unmodifiableList(made());
    }

    public int size() {
        return fields != null ? fields.size() : parsed;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The first value of the field, or null. */
    public String get(String name) {
        Name n = Name.of(name);
        return n == null ? first(name) : get(n);
    }

    String get(Name name) {
        if (fields != null) {
            return first(name.text);
        }
        int i = find(name, 0);
        return i < 0 ? null : value(i);
    }

    private String first(String name) {
        for (Field f : made()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        Name n = Name.of(name);
        return n == null ? every(name) : all(n);
    }

    List<String> all(Name name) {
        if (fields != null) {
            return every(name.text);
        }
        List<String> values = new ArrayList<>(1);
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            values.add(value(i));
        }
        return values;
    }

    private List<String> every(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : made()) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    boolean contains(Name name) {
        return fields != null ? first(name.text) != null : find(name, 0) >= 0;
    }

    /**
     * The field as one decimal number, Content-Length's way: each of its values a comma-separated list of numbers,
     * blanks around each allowed, all of them equal ("5, 5" is 5); -1 when there is none or any item is not a
     * number of at most 18 digits. Read from the bytes, without Strings.
     */
    long decimal(Name name) {
        if (fields == null && name == Name.CONTENT_LENGTH) {
            return contentLength;
        }
        long n = -1;
        if (fields != null) {
            for (String v : every(name.text)) {
                byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);   // a character beyond is no digit either
                if ((n = decimals(b, 0, b.length, n)) < 0) {
                    return -1;
                }
            }
            return n;
        }
        for (int i = find(name, 0); i >= 0; i = find(name, i + 1)) {
            if ((n = decimals(head, spans[4 * i + 2], spans[4 * i + 3], n)) < 0) {
                return -1;
            }
        }
        return n;
    }

    /** The comma-separated numbers in b[from, to), equal to each other and to n (unless n is -1); else -1. */
    private static long decimals(byte[] b, int from, int to, long n) {
        for (int i = from; ; i++) {
            int end = i;
            while (end < to && b[end] != ',') {
                end++;
            }
            long x = decimal(b, i, end);
            if (x < 0 || n >= 0 && x != n) {
                return -1;
            }
            n = x;
            if (end == to) {
                return n;
            }
            i = end;
        }
    }

    /** The decimal number in b[from, to), blanks around it allowed; -1 when there is none or it is too long. */
    private static long decimal(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > 18) {
            return -1;
        }
        long x = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            x = x * 10 + (c - '0');
        }
        return x;
    }

    /** The comma-separated tokens of every value of the field, trimmed and lower-cased. */
    public List<String> tokens(String name) {
        Name n = Name.of(name);
        return n == null ? tokens(every(name)) : tokens(n);
    }

    List<String> tokens(Name name) {
        return contains(name) ? tokens(all(name)) : new ArrayList<>();
    }

    private static List<String> tokens(List<String> values) {
        List<String> tokens = new ArrayList<>();
        for (String v : values) {
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
        for (Field f : made()) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        return sb.toString();
    }

    /**
     * The index of the first field of this name while it is still bytes of the head (see {@link #head()},
     * {@link #valueFrom}, {@link #valueTo}): -1 when there is none, or the fields were made.
     */
    int parsedIndex(Name name) {
        return fields != null ? -1 : find(name, 0);
    }

    /** The head the parsed fields lie in (null for fields added as Strings). */
    byte[] head() {
        return head;
    }

    /** Where parsed field i's value starts in the head, blanks around it not included. */
    int valueFrom(int i) {
        return spans[4 * i + 2];
    }

    int valueTo(int i) {
        return spans[4 * i + 3];
    }

    /** The first parsed field at or after index from with this name, or -1. */
    private int find(Name name, int from) {
        byte[] q = name.lower;
        if ((lengths & 1L << Math.min(q.length, 63)) == 0) {
            return -1;
        }
        for (int i = from; i < parsed; i++) {
            int at = spans[4 * i];
            if (spans[4 * i + 1] - at == q.length && named(at, q)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the head's bytes at {@code at} are the name {@code q} (lower case), case aside. */
    private boolean named(int at, byte[] q) {
        int k = 0;
        while (k < q.length && lower(head[at + k]) == q[k]) {
            k++;
        }
        return k == q.length;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /**
     * A field name to look up in parsed fields, as lower-case bytes: a parsed name is token characters, ASCII, so
     * comparing it so is {@link String#equalsIgnoreCase}. The names the parser asks about per message are constants.
     */
    static final class Name {
        static final Name HOST = new Name("Host");
        static final Name CONTENT_LENGTH = new Name("Content-Length");
        static final Name TRANSFER_ENCODING = new Name("Transfer-Encoding");
        static final Name UPGRADE = new Name("Upgrade");
        static final Name EXPECT = new Name("Expect");

        final String text;
        final byte[] lower;

        private Name(String text) {
            this.text = text;
            this.lower = new byte[text.length()];
            for (int k = 0; k < lower.length; k++) {
                char c = text.charAt(k);
                lower[k] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            }
        }

        /**
         * The name as bytes, or null for a name beyond ASCII, which equalsIgnoreCase may still match to a token (the
         * long s U+017F to "s", the Kelvin sign to "k"): it is looked up among the made fields instead.
         */
        static Name of(String text) {
            for (int k = 0; k < text.length(); k++) {
                if (text.charAt(k) >= 0x80) {
                    return null;
                }
            }
            return new Name(text);
        }
    }

    private String name(int i) {
        return latin1(spans[4 * i], spans[4 * i + 1]);
    }

    private String value(int i) {
        return latin1(spans[4 * i + 2], spans[4 * i + 3]);
    }

    private String latin1(int from, int to) {
        return new String(head, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
