package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** V4L2 controls (strace's v4l2.c): control ids by name or class, queries, extended controls. */
final class V4l2Controls {
    private static final Flags IDS = IoctlXlat.table("v4l2_control_ids", "V4L2_CID_???");
    private static final Flags CLASSES = IoctlXlat.table("v4l2_control_classes", "V4L2_CTRL_CLASS_???");
    private static final long[] CLASS_VALUES = IoctlXlat.values("v4l2_control_classes");
    private static final String[] CLASS_NAMES = IoctlXlat.names("v4l2_control_classes");
    private static final Flags QUERY_FLAGS = IoctlXlat.table("v4l2_control_query_flags", "V4L2_CTRL_FLAG_NEXT_???");
    private static final long QUERY_FLAGS_MASK = mask(IoctlXlat.values("v4l2_control_query_flags"));
    private static final Flags TYPES = IoctlXlat.table("v4l2_control_types", "V4L2_CTRL_TYPE_???");
    private static final Flags FLAGS = IoctlXlat.table("v4l2_control_flags", "V4L2_CTRL_FLAG_???");
    private static final int EXT_CONTROLS = 32;
    private static final int EXT_CONTROL = 20;

    private V4l2Controls() {
    }

    private static long mask(long[] values) {
        long m = 0;
        for (long v : values) {
            m |= v;
        }
        return m;
    }

    /**
     * strace's print_v4l2_cid: the id's name, else its class and offset ({@code V4L2_CTRL_CLASS_USER+0x1f}),
     * else hex with V4L2_CID_???; with {@code nextFlags}, the V4L2_CTRL_FLAG_NEXT_* bits first.
     */
    static void cid(LineBuffer out, long cid, boolean nextFlags) {
        if (ConstStyle.current() == ConstStyle.RAW) {
            Formats.hex(out, cid);
            return;
        }
        if (nextFlags) {
            long flags = cid & QUERY_FLAGS_MASK;
            if (flags != 0) {
                QUERY_FLAGS.flags(out, flags);
                out.append('|');
                cid &= ~flags;
            }
        }
        String name = IDS.name(cid);
        if (name != null) {
            ConstStyle.value(out, cid, true, name, null);
            return;
        }
        int cls = -1;
        for (int i = 0; i < CLASS_VALUES.length; i++) {
            if (CLASS_VALUES[i] <= cid && (cls < 0 || CLASS_VALUES[i] > CLASS_VALUES[cls])) {
                cls = i;
            }
        }
        if (cls < 0 || cid - CLASS_VALUES[cls] >= 0x10000) {
            ConstStyle.value(out, cid, true, null, "V4L2_CID_???");
            return;
        }
        LineBuffer s = new LineBuffer(64);
        Formats.hex(s.append(CLASS_NAMES[cls]).append('+'), cid - CLASS_VALUES[cls]);
        ConstStyle.value(out, cid, true, s.toString(), null);
    }

    /** VIDIOC_QUERYCTRL and VIDIOC_QUERY_EXT_CTRL: the id at entry, the control's description at exit. */
    static boolean query(IoctlCall c, boolean ext, LineBuffer out) {
        int size = ext ? 232 : 68;
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(size);
        if (in == null) {
            c.address(out);
            return true;
        }
        long id = u32(in, 0);
        cid(out.append("{id="), id, true);
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer b = V4l2.exitCopy(c, size);
        if (b == null) {
            out.append('}');
            return true;
        }
        if (u32(b, 0) != id) {
            cid(out.append(" => "), u32(b, 0), false);
        }
        TYPES.hexValue(out.append(", type="), u32(b, 4));
        Print.cstring(c, out.append(", name="), b, 8, 32);
        if (c.abbrev()) {
            out.append(", ...}");
            return true;
        }
        if (ext) {
            out.append(", minimum=").append(b.getLong(40)).append(", maximum=").append(b.getLong(48));
            out.append(", step=").appendUnsigned(b.getLong(56)).append(", default_value=").append(b.getLong(64));
            FLAGS.flags(out.append(", flags="), u32(b, 72));
            out.append(", elem_size=").appendUnsigned(u32(b, 76)).append(", elems=").appendUnsigned(u32(b, 80));
            long dims = u32(b, 84);
            out.append(", nr_of_dims=").appendUnsigned(dims).append(", dims=[");
            for (int i = 0; i < Math.min(dims, 4); i++) {
                out.append(i > 0 ? ", " : "").appendUnsigned(u32(b, 88 + 4 * i));
            }
            out.append(']');
            reserved(out, b, 104, 32);
        } else {
            out.append(", minimum=").append(b.getInt(40)).append(", maximum=").append(b.getInt(44));
            out.append(", step=").append(b.getInt(48)).append(", default_value=").append(b.getInt(52));
            FLAGS.flags(out.append(", flags="), u32(b, 56));
            reserved(out, b, 60, 2);
        }
        out.append('}');
        return true;
    }

    private static void reserved(LineBuffer out, ByteBuffer b, int at, int n) {
        boolean zero = true;
        for (int i = 0; i < n; i++) {
            zero &= b.getInt(at + 4 * i) == 0;
        }
        if (zero) {
            return;
        }
        out.append(", reserved=[");
        for (int i = 0; i < n; i++) {
            Formats.hex(out.append(i > 0 ? ", " : ""), u32(b, at + 4 * i));
        }
        out.append(']');
    }

    /**
     * VIDIOC_[GS]_EXT_CTRLS, VIDIOC_TRY_EXT_CTRLS: the class and count; the setters' controls at
     * entry; at exit the controls again (also of a failed call, as strace reads them then too) and
     * a failed call's error_idx. A failed call's exit shows the memory as it was at entry: the
     * recorder copies nothing at the exit of a failed ioctl.
     */
    static boolean extControls(IoctlCall c, boolean get, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(EXT_CONTROLS);
        if (in == null) {
            c.address(out);
            return true;
        }
        CLASSES.hexValue(out.append("{ctrl_class="), u32(in, 0));
        long count = u32(in, 4);
        out.append(", count=").appendUnsigned(count);
        if (count == 0) {
            out.append('}');
            return true;
        }
        if (!get && !controls(c, out.append(", "), in, false)) {
            out.append('}');
            return true;
        }
        if (c.unfinished()) {
            return true;
        }
        boolean failed = c.failed();
        ByteBuffer b = failed ? in : c.out(EXT_CONTROLS);
        if (b == null) {
            out.append('}');
            return true;
        }
        out.append(get ? ", " : "} => {");
        controls(c, out, b, !failed);
        if (failed) {
            out.append(", error_idx=").appendUnsigned(u32(b, 8));
        }
        out.append('}');
        return true;
    }

    private static boolean controls(IoctlCall c, LineBuffer out, ByteBuffer b, boolean atExit) {
        out.append("controls=");
        int[] index = {0};
        return PrintArray.array(c, out, c.pointed(atExit), b.getLong(24), u32(b, 4), EXT_CONTROL, (o, e, at) -> {
            int i = index[0]++;
            IDS.hexValue(o.append("{id="), u32(e, at));
            long size = u32(e, at + 4);
            o.append(", size=").appendUnsigned(size);
            if (size > 0) {
                c.pointedString(o.append(", string="), atExit, 1 + i, e.getLong(at + 12), size);
            } else {
                o.append(", value=").append(e.getInt(at + 12)).append(", value64=").append(e.getLong(at + 12));
            }
            o.append('}');
        });
    }
}
