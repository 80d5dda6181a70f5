package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table of named constants printed as strace prints them: a bit set as {@code A|B|0x40}, a value
 * as its name or a number with a comment naming the unknown prefix ({@code 0x63 /* SO_??? *}{@code /});
 * raw or verbose as the line's {@link ConstStyle} asks.
 */
public final class Flags {
    private final String unknown;
    private final long[] values;
    private final String[] names;

    private Flags(String unknown, Map<String, Long> entries) {
        this.unknown = unknown;
        this.values = new long[entries.size()];
        this.names = new String[entries.size()];
        int i = 0;
        for (var e : entries.entrySet()) {
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
    }

    /** Pairs of name and value; {@code unknown} names a value not in the table ("SO_???"). */
    public static Flags of(String unknown, Object... pairs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return new Flags(unknown, m);
    }

    /** The name of an exact value, or null. */
    public String name(long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return names[i];
            }
        }
        return null;
    }

    /**
     * A value: its name, else the number in decimal with strace's "/* X_??? *&#47;" comment (strace's
     * printxval_d); in the {@link ConstStyle} of the line.
     */
    public void value(LineBuffer out, long value) {
        ConstStyle.value(out, value, false, name(value), unknown);
    }

    /** Like {@link #value} with a hex number, as strace's printxval prints most enums. */
    public void hexValue(LineBuffer out, long value) {
        ConstStyle.value(out, value, true, name(value), unknown);
    }

    /**
     * Bits: names of the set flags joined by '|', leftover bits in hex; "0" for none. Bits none of
     * which has a name carry the unknown comment, as strace's printflags prints them
     * ({@code 0x80000000 /* MSG_??? *}{@code /}).
     */
    public void bits(LineBuffer out, long value) {
        flags(out, value, unknown);
    }

    /** Names of the set flags joined by '|', leftover bits in hex, "0" for none: no comment. */
    private void names(LineBuffer out, long value) {
        int start = out.length();
        long rest = value;
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (v != 0 && (rest & v) == v) {
                sep(out, start).append(names[i]);
                rest &= ~v;
            }
        }
        if (rest != 0) {
            Formats.hex(sep(out, start), rest);
        } else if (out.length() == start) {
            out.append('0');
        }
    }

    /**
     * Bits as strace's printflags prints them: like {@link #bits}, but a value in which no flag is
     * known gets the table's comment ({@code 0x100 /* SPLICE_F_??? *}{@code /}).
     */
    public void flags(LineBuffer out, long value) {
        flags(out, value, unknown);
    }

    /** {@link #flags(LineBuffer, long)} with the comment {@code unknown} (a table several decoders share). */
    public void flags(LineBuffer out, long value, String unknown) {
        switch (ConstStyle.current()) {
            case RAW -> Formats.hex(out, value);
            case VERBOSE -> {
                // strace's printflags_ex: the number, then the names in a comment
                Formats.hex(out, value);
                if (value == 0) {
                    ConstStyle.comment(out, name(0));
                } else if (namesAny(value)) {
                    names(out.append(" /* "), value);
                    out.append(" */");
                } else {
                    ConstStyle.comment(out, unknown);
                }
            }
            default -> {
                names(out, value);
                if (value != 0 && unknown != null && !namesAny(value)) {
                    out.append(" /* ").append(unknown).append(" */");
                }
            }
        }
    }

    private boolean namesAny(long value) {
        for (long v : values) {
            if (v != 0 && (value & v) == v) {
                return true;
            }
        }
        return false;
    }

    private static LineBuffer sep(LineBuffer out, int start) {
        if (out.length() > start) {
            out.append('|');
        }
        return out;
    }
}
