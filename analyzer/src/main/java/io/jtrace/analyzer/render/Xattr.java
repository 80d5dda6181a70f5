package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;

/** The extended attribute calls as strace 6.1's xattr.c prints them: names, values, lists, XATTR_ flags. */
final class Xattr {
    /** Values longer than this strace prints as their address. */
    private static final long XATTR_SIZE_MAX = 65536;

    static final Flags XATTR_FLAGS = Flags.of("XATTR_???", "XATTR_CREATE", 1, "XATTR_REPLACE", 2);

    private Xattr() {
    }

    /** An attribute's name: strace's printstr of a NUL-terminated string, cut at -s. */
    static final Arg NAME = Arg.in((c, i, out) -> {
        RecordedBuffer b = c.atEntry(i);
        if (c.arg(i) == 0) {
            out.append("NULL");
        } else if (b == null || b.getError() != 0) {
            Formats.pointer(out, c.arg(i));
        } else {
            byte[] bytes = b.getData().toByteArray();
            int n = Math.min(bytes.length, c.options.stringLimit);
            Quote.append(out, bytes, 0, n, c.options.hex, true);
            if (b.getLength() > n) {
                out.append("...");
            }
        }
    });

    /** setxattr's value, read at entry: as many bytes as the next argument says. */
    static final Arg VALUE_IN = Arg.in((c, i, out) -> {
        value(c, out, c.atEntry(i), c.arg(i), c.arg(i + 1));
    });

    /** getxattr's value: as many bytes as the call returned, the address when it failed. */
    static final Arg VALUE_OUT = Arg.out((c, i, out) -> {
        value(c, out, c.atExit(i), c.arg(i), c.ret());
    });

    /** listxattr's list: the names the call returned, the address for a size 0 or a failure. */
    static final Arg LIST = Arg.out((c, i, out) -> {
        if (c.arg(i + 1) == 0 || c.failed()) {
            Formats.pointer(out, c.arg(i));
        } else {
            printstr(c, out, c.atExit(i), c.arg(i), c.ret(), false);
        }
    });

    /** print_xattr_val: the address beyond XATTR_SIZE_MAX, else the bytes without a trailing NUL. */
    private static void value(Call c, LineBuffer out, RecordedBuffer b, long address, long size) {
        if (Long.compareUnsigned(size, XATTR_SIZE_MAX) > 0) {
            Formats.pointer(out, address);
        } else {
            printstr(c, out, b, address, size, true);
        }
    }

    /**
     * strace's printstr_ex of {@code length} bytes: at most -s of them, "..." when there are more,
     * the address when they could not be read; {@code omitTrailingNul}: QUOTE_OMIT_TRAILING_0, the
     * last byte shown left out when it is a NUL.
     */
    private static void printstr(Call c, LineBuffer out, RecordedBuffer b, long address, long length,
                                 boolean omitTrailingNul) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int limit = c.options.stringLimit;
        long size = Long.compareUnsigned(length, limit + 1L) < 0 ? length : limit + 1L;
        if (b == null || b.getError() != 0 || b.getData().size() < size && !c.state.wholeCapture(b)) {
            Formats.pointer(out, address);
            return;
        }
        int n = (int) Math.min(Math.min(size, limit), b.getData().size());
        byte[] bytes = new byte[n];
        b.getData().copyTo(bytes, 0, 0, n);
        boolean cut = Long.compareUnsigned(length, limit) > 0;
        if (omitTrailingNul && n > 0 && bytes[n - 1] == 0 && c.options.hex == Quote.Hex.NONE) {
            // string_quote ends the string at a NUL in the last place shown, as at a terminator,
            // without "..." after it; in hex (which -x chooses for any NUL) it prints every byte
            n--;
            cut = false;
        }
        Quote.append(out, bytes, 0, n, c.options.hex, false);
        if (cut) {
            out.append("...");
        }
    }
}
