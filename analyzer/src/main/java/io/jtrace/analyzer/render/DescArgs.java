package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteOrder;

/**
 * Argument formats of fd calls that strace decodes specially: file offsets passed by pointer
 * (sendfile, splice, copy_file_range), memfd_create's name and flags, preadv2's flags.
 */
final class DescArgs {
    private DescArgs() {
    }

    /** The most of memfd_create's name strace reads: MFD_NAME_MAX_LEN + 1. */
    private static final int MFD_NAME_READ = 250;
    private static final int MFD_HUGE_SHIFT = 26;
    private static final long MFD_HUGE_MASK = 0x3fL << MFD_HUGE_SHIFT;

    /** A loff_t the call reads (splice, copy_file_range): {@code [100]}, NULL, or the address when unreadable. */
    static final Arg LOFF_IN = Arg.in((c, i, out) -> offset(out, c.atEntry(i), c.arg(i), false));

    /**
     * sendfile's offset: {@code [2]} before the call and, when it moved data, {@code [2] => [7]};
     * strace prints the first at entry, the rest at exit.
     */
    static final Arg SENDFILE_OFFSET = Arg.in((c, i, out) -> {
        if (offset(out, c.atEntry(i), c.arg(i), true) && !c.syscall.getUnfinished() && !c.failed() && c.ret() != 0) {
            out.append(" => ");
            offset(out, c.atExit(i), c.arg(i), true);
        }
    });

    /** sendfile's count: printed at exit unless the offset was not readable (strace decodes those at entry). */
    static final Arg SENDFILE_COUNT = Arg.in((c, i, out) -> {
        if (!c.syscall.getUnfinished() || readable(c.atEntry(i - 1), c.arg(i - 1)) == null) {
            Formats.unsigned(out, c.arg(i));
        }
    });

    /** Prints {@code [n]} and returns true, or NULL / the address and returns false, as strace's printnum_int64. */
    private static boolean offset(LineBuffer out, RecordedBuffer b, long address, boolean unsigned) {
        Long v = readable(b, address);
        if (v == null) {
            Formats.pointer(out, address);
            return false;
        }
        out.append('[');
        if (unsigned) {
            out.appendUnsigned(v);
        } else {
            out.append(v);
        }
        out.append(']');
        return true;
    }

    private static Long readable(RecordedBuffer b, long address) {
        if (address == 0 || b == null || b.getError() != 0 || b.getData().size() < 8) {
            return null;
        }
        return b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /**
     * memfd_create's name as strace reads it: at most -s + 1 bytes and never more than 250, up to a
     * NUL; the first -s of them and "..." when no NUL came within what it read; the address when the
     * memory ended before that.
     */
    static final Arg MFD_NAME = Arg.in((c, i, out) -> {
        long address = c.arg(i);
        RecordedBuffer b = c.atEntry(i);
        if (address == 0 || b == null || b.getError() != 0) {
            Formats.pointer(out, address);
            return;
        }
        byte[] data = b.getData().toByteArray();
        long length = b.getLength();
        int limit = c.options.stringLimit;
        int read = (int) Math.min((long) limit + 1, MFD_NAME_READ);
        // the recorder reads 250 bytes: a NUL is known when the length is shorter than that and all was kept
        boolean terminated = length == data.length && length < MFD_NAME_READ;
        if (terminated && length < read) {
            Quote.append(out, data, 0, data.length, c.options.hex, true);
        } else if (data.length < read) {
            Formats.pointer(out, address);
        } else {
            Quote.append(out, data, 0, Math.min(read, limit), c.options.hex, true);
            out.append("...");
        }
    });

    /**
     * memfd_create's flags, an unsigned int: the known flags, then the huge page size as
     * {@code 21<<MFD_HUGE_SHIFT}; one composite value to -X raw and verbose.
     */
    static final Arg MFD_FLAGS = Arg.in((c, i, out) -> {
        long all = c.arg(i) & 0xffffffffL;
        if (all == 0) {
            out.append('0');
        } else {
            ConstStyle.composite(out, all, o -> mfdFlags(o, all));
        }
    });

    private static void mfdFlags(LineBuffer out, long all) {
        long flags = all;
        long huge = flags & MFD_HUGE_MASK;
        flags &= ~MFD_HUGE_MASK;
        if (flags != 0 || huge == 0) {
            Consts.MFD.flags(out, flags);
        }
        if (huge != 0) {
            if (flags != 0) {
                out.append('|');
            }
            out.append(huge >>> MFD_HUGE_SHIFT).append("<<MFD_HUGE_SHIFT");
        }
    }

    /** preadv2's and pwritev2's flags: argument 5 (4 holds the offset's high half, unused on 64-bit). */
    static final Arg RWF_FLAGS = Arg.in((c, i, out) -> Consts.RWF.flags(out, c.arg(5) & 0xffffffffL));
}
