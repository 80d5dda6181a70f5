package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * btrfs' BTRFS_IOC_TREE_SEARCH and TREE_SEARCH_V2 (strace's print_btrfs_ioctl_search_key): the
 * search key at entry, its nr_items at exit of a successful call with "..." for the result buffer,
 * under -v the item headers in it; TREE_SEARCH_V2's wanted buf_size when it failed with EOVERFLOW.
 */
final class BtrfsSearch {
    static final Flags OBJECTIDS = IoctlXlat.table("btrfs_tree_objectids", null);
    private static final Flags KEY_TYPES = IoctlXlat.table("btrfs_key_types", null);
    private static final long FIRST_FREE_OBJECTID = 256;
    private static final long LAST_FREE_OBJECTID = -256;
    /** struct btrfs_ioctl_search_key; TREE_SEARCH_V2's buf_size follows it. */
    private static final int KEY = 104;
    /** struct btrfs_ioctl_search_args: the key and a result buffer, 4096 bytes in all. */
    private static final int ARGS = 4096;
    /** struct btrfs_ioctl_search_header: transid, objectid, offset, type, len. */
    private static final int HEADER = 32;
    private static final int EOVERFLOW = 75;
    /** What the recorder copies of TREE_SEARCH_V2's result buffer. */
    private static final int BUF_KEPT = 64 * 1024;

    private BtrfsSearch() {
    }

    static boolean decode(IoctlCall c, boolean v2, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.in(v2 ? KEY + 8 : KEY);
        if (in == null) {
            c.address(out);
            return true;
        }
        key(c, out.append("{key="), in);
        if (v2) {
            out.append(", buf_size=").appendUnsigned(in.getLong(KEY));
        }
        out.append('}');
        if (c.unfinished()) {
            return true;
        }
        if (c.failed()) {
            if (v2 && c.ret() == -EOVERFLOW) {
                // the buffer size the kernel wants, read at exit of the failed call
                byte[] after = c.verbose() ? c.exitBytes() : null;
                if (after == null || after.length < KEY + 8) {
                    c.address(out.append(" => "));
                } else {
                    ByteBuffer b = ByteBuffer.wrap(after).order(ByteOrder.LITTLE_ENDIAN);
                    out.append(" => {buf_size=").appendUnsigned(b.getLong(KEY)).append('}');
                }
            }
            return true;
        }
        ByteBuffer b = c.out(v2 ? KEY + 8 : KEY);
        if (b == null) {
            c.address(out.append(" => "));
            return true;
        }
        long items = u32(b, 64);
        out.append(" => {key={nr_items=").appendUnsigned(items).append('}');
        if (v2) {
            out.append(", buf_size=").appendUnsigned(b.getLong(KEY));
        }
        if (c.abbrev()) {
            out.append(", ...");
        } else if (v2) {
            buf(c, out.append(", buf="), c.pointed(true, 0), 0, c.address() + KEY + 8, b.getLong(KEY), items, BUF_KEPT);
        } else {
            byte[] all = c.exitBytes();
            buf(c, out.append(", buf="), all, KEY, c.address() + KEY, ARGS - KEY, items, ARGS - KEY);
        }
        out.append('}');
        return true;
    }

    /**
     * strace's decode_search_arg_buf: the headers of the {@code items} items in the result buffer of
     * {@code size} bytes at {@code address} ({@code bytes} from {@code start}), each followed by its
     * len bytes of item; "..." after -s + 1 of them or where the next would not fit; "... /* address *&#47;"
     * where the copy ended short of {@code kept} bytes (the memory did), "..." past a copy of
     * {@code kept} bytes (the recorder keeps 64 KiB of TREE_SEARCH_V2's buffer).
     */
    private static void buf(IoctlCall c, LineBuffer out, byte[] bytes, int start, long address, long size, long items,
                            long kept) {
        ByteBuffer b = bytes == null ? null : ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int have = bytes == null ? 0 : bytes.length - start;
        out.append('[');
        long off = 0;
        for (long i = 0; i < items; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (Long.compareUnsigned(off + HEADER, size) > 0 || i > c.stringLimit()) {
                out.append("...");
                break;
            }
            if (off + HEADER > have) {
                out.append("...");
                if (have < kept) {
                    Formats.hex(out.append(" /* "), address + off).append(" */"); // the tracee's memory ended
                }
                break;
            }
            int at = start + (int) off;
            out.append("{transid=").appendUnsigned(b.getLong(at));
            xvalU(OBJECTIDS, out.append(", objectid="), b.getLong(at + 8));
            out.append(", offset=").appendUnsigned(b.getLong(at + 16));
            xvalU(KEY_TYPES, out.append(", type="), u32(b, at + 24));
            long len = u32(b, at + 28);
            out.append(", len=").appendUnsigned(len).append('}');
            off += HEADER + len;
        }
        out.append(']');
    }

    private static void key(IoctlCall c, LineBuffer out, ByteBuffer k) {
        xvalU(OBJECTIDS, out.append("{tree_id="), k.getLong(0));
        if (k.getLong(8) != FIRST_FREE_OBJECTID || !c.abbrev()) {
            xvalU(OBJECTIDS, out.append(", min_objectid="), k.getLong(8));
        }
        if (k.getLong(16) != LAST_FREE_OBJECTID || !c.abbrev()) {
            xvalU(OBJECTIDS, out.append(", max_objectid="), k.getLong(16));
        }
        Btrfs.u64Max(out.append(", min_offset="), k.getLong(24));
        Btrfs.u64Max(out.append(", max_offset="), k.getLong(32));
        Btrfs.u64Max(out.append(", min_transid="), k.getLong(40));
        Btrfs.u64Max(out.append(", max_transid="), k.getLong(48));
        xvalU(KEY_TYPES, out.append(", min_type="), u32(k, 56));
        xvalU(KEY_TYPES, out.append(", max_type="), u32(k, 60));
        out.append(", nr_items=").appendUnsigned(u32(k, 64)).append('}');
    }

    /** PRINT_FIELD_XVAL_U with no default: the name, else the number in decimal, in the line's constant style. */
    static void xvalU(Flags table, LineBuffer out, long v) {
        String name = table.name(v);
        if (name != null && ConstStyle.current() == ConstStyle.ABBREV) {
            out.append(name);
            return;
        }
        out.appendUnsigned(v);
        if (name != null && ConstStyle.current() == ConstStyle.VERBOSE) {
            ConstStyle.comment(out, name);
        }
    }
}
