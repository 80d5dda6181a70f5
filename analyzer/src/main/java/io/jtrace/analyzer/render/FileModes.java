package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/**
 * Device numbers and file modes as strace's print_dev_t and print_symbolic_mode_t print them, in
 * the line's {@link ConstStyle}: {@code makedev(0x8, 0x1)} and {@code S_IFREG|0644} (abbrev), the
 * number alone (raw: {@code 0x801}, {@code 0100644}), or the number with those in a comment (verbose).
 */
public final class FileModes {
    private static final int S_IFMT = 0170000;
    private static final Flags MODE_TYPES = Flags.of(null, "S_IFREG", 0100000, "S_IFSOCK", 0140000, "S_IFIFO", 010000,
            "S_IFLNK", 0120000, "S_IFDIR", 040000, "S_IFBLK", 060000, "S_IFCHR", 020000);

    private FileModes() {
    }

    /** print_dev_t: glibc's major and minor of a 64-bit dev_t. */
    public static void dev(LineBuffer out, long dev) {
        ConstStyle.composite(out, dev, o -> {
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            o.append("makedev(");
            Formats.hex(o, major & 0xffffffffL).append(", ");
            Formats.hex(o, minor & 0xffffffffL).append(')');
        });
    }

    /** print_symbolic_mode_t: the file type by name, S_ISUID, S_ISGID, S_ISVTX, the permissions in octal. */
    public static void mode(LineBuffer out, int mode) {
        String type = (mode & S_IFMT) != 0 ? MODE_TYPES.name(mode & S_IFMT) : "";
        ConstStyle style = ConstStyle.current();
        if (type == null || style != ConstStyle.ABBREV) {
            octal(out, mode & 0xffffffffL);
        }
        if (type == null || style == ConstStyle.RAW) {
            return;
        }
        if (style == ConstStyle.VERBOSE) {
            out.append(" /* ");
        }
        out.append(type).append(type.isEmpty() ? "" : "|");
        if ((mode & 04000) != 0) {
            out.append("S_ISUID|");
        }
        if ((mode & 02000) != 0) {
            out.append("S_ISGID|");
        }
        if ((mode & 01000) != 0) {
            out.append("S_ISVTX|");
        }
        octal(out, mode & ~(S_IFMT | 07000) & 0xffffffffL);
        if (style == ConstStyle.VERBOSE) {
            out.append(" */");
        }
    }

    /** {@code %#03o}: 0644, 000 for zero. */
    private static void octal(LineBuffer out, long v) {
        String o = Long.toOctalString(v);
        out.append('0');
        for (int i = o.length(); i < 2; i++) {
            out.append('0');
        }
        out.append(o);
    }
}
