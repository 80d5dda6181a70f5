package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import java.nio.ByteBuffer;

/** The font and unicode map requests of strace's kd_mpers_ioctl.c: GIO/PIO_UNIMAP, GIO/PIO_FONTX, KDFONTOP. */
final class KdFonts {
    private static final Flags OPS = IoctlXlat.table("kd_font_ops", "KD_FONT_OP_???");
    private static final Flags FONT_FLAGS = IoctlXlat.table("kd_font_flags", "KD_FONT_FLAG_???");
    private static final int OP_SET = 0;
    private static final int OP_GET = 1;
    private static final int OP_SET_DEFAULT = 2;
    private static final int OP_COPY = 3;
    private static final int MAX_FONT_NAME = 32;
    private static final long ENOMEM = 12;

    private KdFonts() {
    }

    /** struct unimapdesc: entry_ct and its array of struct unipair. */
    static void unimap(IoctlCall c, LineBuffer out, boolean get) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(16);
        if (in == null) {
            c.address(out);
            return;
        }
        int count = in.getShort(0) & 0xffff;
        out.append("{entry_ct=").append(count);
        if (!get) {
            entries(c, out.append(", entries="), false, in.getLong(8), count);
            out.append('}');
            return;
        }
        if (c.unfinished()) {
            return;
        }
        // read at exit even when the call failed: the memory is then as it was at entry
        ByteBuffer after = c.failed() ? in : c.out(16);
        if (after == null) {
            out.append('}');
            return;
        }
        out.append(" => ").append(after.getShort(0) & 0xffff);
        if (c.failed() && -c.ret() != ENOMEM) {
            Formats.pointer(out.append(", entries="), after.getLong(8)).append('}');
            return;
        }
        entries(c, out.append(", entries="), !c.failed(), after.getLong(8), count);
        out.append('}');
    }

    private static void entries(IoctlCall c, LineBuffer out, boolean atExit, long address, int count) {
        IoctlArrays.print(c, out, c.pointed(atExit), address, count, 4, false, (o, b, at) -> {
            Formats.hex(o.append("{unicode="), b.getShort(at) & 0xffff);
            Formats.hex(o.append(", fontpos="), b.getShort(at + 2) & 0xffff).append('}');
        });
    }

    /** struct consolefontdesc, with its glyphs (PIO_FONTX at entry, GIO_FONTX after " => "). */
    static void fontx(IoctlCall c, LineBuffer out, boolean get) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(16);
        if (in == null) {
            c.address(out);
            return;
        }
        fontDesc(c, out, in, false, get);
        ByteBuffer after = get && !c.unfinished() ? c.out(16) : null;
        if (after != null) {
            fontDesc(c, out.append(" => "), after, true, false);
        }
    }

    private static void fontDesc(IoctlCall c, LineBuffer out, ByteBuffer b, boolean atExit, boolean pointer) {
        int count = b.getShort(0) & 0xffff;
        out.append("{charcount=").append(count).append(", charheight=").append(b.getShort(2) & 0xffff)
                .append(", chardata=");
        long data = b.getLong(8);
        if (pointer) {
            Formats.pointer(out, data);
        } else {
            c.pointedString(out, atExit, data, Math.min(count, 512) * 32L, true);
        }
        out.append('}');
    }

    /** struct console_font_op: the fields its op uses, the font data for KD_FONT_OP_SET and _GET. */
    static void fontOp(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(32);
        if (in == null) {
            c.address(out);
            return;
        }
        int op = in.getInt(0);
        fontOpFields(c, out, in, false);
        if (op == OP_SET || op == OP_COPY || c.unfinished()) {
            return;
        }
        ByteBuffer after = c.out(32);
        if (after != null) {
            fontOpFields(c, out.append(" => "), after, true);
        }
    }

    private static void fontOpFields(IoctlCall c, LineBuffer out, ByteBuffer b, boolean atExit) {
        int op = b.getInt(0);
        out.append('{');
        if (!atExit) {
            OPS.hexValue(out.append("op="), op & 0xffffffffL);
            if (op != OP_SET_DEFAULT && op != OP_COPY) {
                FONT_FLAGS.flags(out.append(", flags="), b.getInt(4) & 0xffffffffL);
            }
            out.append(", ");
        }
        long width = b.getInt(8) & 0xffffffffL;
        long count = b.getInt(16) & 0xffffffffL;
        if (op != OP_COPY) {
            out.append("width=").append(width).append(", ");
        }
        out.append("height=").appendUnsigned(b.getInt(12) & 0xffffffffL);
        if (op != OP_SET_DEFAULT && op != OP_COPY) {
            out.append(", charcount=").append(count);
        }
        long data = b.getLong(24);
        if (op == OP_SET || op == OP_GET && atExit) {
            long size = (Math.min(width, 32) + 7) / 8 * 32 * Math.min(count, 512);
            c.pointedString(out.append(", data="), atExit, data, size, true);
        } else if (op == OP_SET_DEFAULT) {
            if (!atExit) {
                fontName(c, out.append(", data="), data);
            }
        } else if (op != OP_COPY) {
            Formats.pointer(out.append(", data="), data);
        }
        out.append('}');
    }

    /** printstr_ex(data, 32, QUOTE_0_TERMINATED | QUOTE_EXPECT_TRAILING_0): a font name read up to its NUL. */
    private static void fontName(IoctlCall c, LineBuffer out, long address) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        byte[] b = c.pointed(false);
        int limit = c.stringLimit();
        int size = Math.min(limit + 1, MAX_FONT_NAME);
        int have = b == null ? 0 : Math.min(b.length, size);
        int nul = -1;
        for (int i = 0; i < have; i++) {
            if (b[i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0 && have < size) {
            Formats.pointer(out, address);      // memory ended before a NUL
            return;
        }
        int n = size > limit ? limit : size;
        if (n == MAX_FONT_NAME) {
            n--;                                // QUOTE_EXPECT_TRAILING_0
        }
        int shown = nul >= 0 && nul < n ? nul : n;
        Quote.append(out, b, 0, shown, c.hex(), false);
        boolean ended = nul >= 0 && nul <= n;
        if (!ended) {
            out.append("...");
        }
    }
}
