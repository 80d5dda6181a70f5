package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/**
 * FIDEDUPERANGE, alias BTRFS_IOC_FILE_EXTENT_SAME (strace's fs_0x94_ioctl.c): struct
 * file_dedupe_range and the dest_count struct file_dedupe_range_info after it (the recorder's part
 * IOV 0, at entry and at exit): their destinations at entry, {@code => } their results at exit of
 * a successful call. Abbreviated, two elements and "...".
 */
final class FileDedupe {
    static final int FIDEDUPERANGE = 0xc0189436;

    private static final int RANGE = 24;
    private static final int INFO = 32;
    /** What strace prints of more than this many elements when abbreviated. */
    private static final int ABBREV_LIMIT = 2;

    private FileDedupe() {
    }

    static boolean decode(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(RANGE);
        if (in == null) {
            c.address(out);
            return true;
        }
        long count = in.getShort(16) & 0xffffL;
        out.append("{src_offset=").appendUnsigned(in.getLong(0));
        out.append(", src_length=").appendUnsigned(in.getLong(8));
        out.append(", dest_count=").appendUnsigned(count);
        boolean whole = info(c, out.append(", info="), false, count, (o, e, at) -> {
            c.fd(o.append("{dest_fd="), (int) e.getLong(at));
            o.append(", dest_offset=").appendUnsigned(e.getLong(at + 8)).append('}');
        });
        out.append('}');
        // strace decodes the exit only when the entry printed every element it meant to
        if (!whole || c.unfinished() || c.failed()) {
            return true;
        }
        out.append(" => ");
        ByteBuffer b = c.out(RANGE);
        if (b == null) {
            c.address(out);
            return true;
        }
        info(c, out.append("{info="), true, b.getShort(16) & 0xffffL, (o, e, at) -> o
                .append("{bytes_deduped=").appendUnsigned(e.getLong(at + 16))
                .append(", status=").append(e.getInt(at + 24)).append('}'));
        out.append('}');
        return true;
    }

    /**
     * The info array (print_array with the abbreviated limit); whether strace's print_array returned
     * true: no element was left unprinted for lack of memory.
     */
    private static boolean info(IoctlCall c, LineBuffer out, boolean atExit, long count, IoctlArrays.Element element) {
        byte[] bytes = c.pointed(atExit, 0);
        long limit = c.abbrev() && count > ABBREV_LIMIT ? ABBREV_LIMIT : count;
        long address = c.address() + RANGE;
        IoctlArrays.print(c, out, bytes, address, count, INFO, false, limit, element);
        if (count == 0) {
            return false;
        }
        long shown = Math.min(limit, c.abbrev() ? c.stringLimit() : count);
        long fetched = Math.min(count, shown + 1);
        return (bytes == null ? 0 : bytes.length / INFO) >= fetched;
    }
}
