package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import java.nio.ByteBuffer;

/**
 * btrfs' BTRFS_IOC_TREE_SEARCH and TREE_SEARCH_V2 (strace's print_btrfs_ioctl_search_key): the
 * search key at entry, its nr_items at exit of a successful call with "..." for the result buffer
 * (under -v its item headers are not decoded: the buffer's address).
 */
final class BtrfsSearch {
    static final Flags OBJECTIDS = IoctlXlat.table("btrfs_tree_objectids", null);
    private static final Flags KEY_TYPES = IoctlXlat.table("btrfs_key_types", null);
    private static final long FIRST_FREE_OBJECTID = 256;
    private static final long LAST_FREE_OBJECTID = -256;
    /** struct btrfs_ioctl_search_key; TREE_SEARCH_V2's buf_size follows it. */
    private static final int KEY = 104;

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
        if (c.unfinished() || c.failed()) {
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
        } else if (items == 0) {
            out.append(", buf=[]");
        } else {
            c.address(out.append(", buf="));
        }
        out.append('}');
        return true;
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
