package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.util.function.Consumer;

/**
 * strace's --const-print-style (-X): named constants as names (abbrev, the default), as numbers
 * (raw), or as numbers with the names in a comment (verbose). The style of the line being
 * rendered is held per thread, as strace's xlat_verbosity is global, so that every printer of a
 * constant ({@link Flags} and the few below) honours it without being handed it.
 */
public enum ConstStyle {
    ABBREV, RAW, VERBOSE;

    private static final ThreadLocal<ConstStyle> CURRENT = ThreadLocal.withInitial(() -> ABBREV);
    /**
     * Whether any thread has used a style other than ABBREV: until then every thread's is ABBREV and
     * the lines of the default style need no thread-local lookup (two per line otherwise).
     */
    private static volatile boolean varied;

    /** The style of the line being rendered. */
    public static ConstStyle current() {
        return varied ? CURRENT.get() : ABBREV;
    }

    /** Makes {@code style} the current one and returns the one it replaces (to restore). */
    public static ConstStyle use(ConstStyle style) {
        if (style == ABBREV && !varied) {
            return ABBREV;
        }
        varied = true;
        ConstStyle before = CURRENT.get();
        CURRENT.set(style);
        return before;
    }

    /**
     * strace's printxval_ex: a value by its {@code name} (null: not in the table), its number in
     * hex or decimal; an unknown value with the comment {@code unknown} ("SO_???") when not null.
     */
    public static void value(LineBuffer out, long value, boolean hex, String name, String unknown) {
        ConstStyle style = current();
        if (name != null && style == ABBREV) {
            out.append(name);
            return;
        }
        number(out, value, hex);
        if (style != RAW) {
            comment(out, name != null ? name : unknown);
        }
    }

    /** {@link #value} as a string, for printers that build strings (sockaddrs). */
    public static String text(long value, boolean hex, String name, String unknown) {
        if (name != null && current() == ABBREV) {
            return name;
        }
        LineBuffer out = new LineBuffer(32);
        value(out, value, hex, name, unknown);
        return out.toString();
    }

    /** strace's print_xlat_d, as AT_FDCWD prints: the name, the decimal number, or both. */
    public static void named(LineBuffer out, long value, String name) {
        value(out, value, false, name, null);
    }

    /**
     * A value strace prints in parts (open's, mmap's flags): its number in hex unless abbrev, then
     * {@code parts} (printed in the abbrev style) alone in abbrev, in a comment in verbose,
     * not at all in raw.
     */
    public static void composite(LineBuffer out, long value, Consumer<LineBuffer> parts) {
        ConstStyle style = current();
        if (style != ABBREV) {
            Formats.hex(out, value);
        }
        if (style == RAW) {
            return;
        }
        if (style == VERBOSE) {
            out.append(" /* ");
        }
        abbrev(out, parts);
        if (style == VERBOSE) {
            out.append(" */");
        }
    }

    /** {@code parts} printed in the abbrev style whatever the line's (strace's XLAT_STYLE_ABBREV). */
    public static void abbrev(LineBuffer out, Consumer<LineBuffer> parts) {
        ConstStyle before = use(ABBREV);
        try {
            parts.accept(out);
        } finally {
            use(before);
        }
    }

    public static void comment(LineBuffer out, String text) {
        if (text != null) {
            out.append(" /* ").append(text).append(" */");
        }
    }

    private static void number(LineBuffer out, long value, boolean hex) {
        if (hex) {
            Formats.hex(out, value);
        } else {
            out.append(value);
        }
    }
}
