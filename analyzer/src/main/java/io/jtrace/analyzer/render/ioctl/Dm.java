package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Device mapper requests (strace's dm.c), type 0xfd: struct dm_ioctl's header, then with -v the
 * payload after data_start (target specs, a message or string) the recorder copies with it, up
 * to data_size bytes. Decoded at entry; at exit of a successful call {@code => [{...}]} again.
 */
final class Dm {
    private static final Flags FLAGS = IoctlXlat.table("dm_flags", "DM_???");
    private static final int VERSION = 0xc138fd00;
    private static final int REMOVE_ALL = 0xc138fd01;
    private static final int LIST_DEVICES = 0xc138fd02;
    private static final int DEV_CREATE = 0xc138fd03;
    private static final int DEV_REMOVE = 0xc138fd04;
    private static final int DEV_RENAME = 0xc138fd05;
    private static final int DEV_SUSPEND = 0xc138fd06;
    private static final int DEV_STATUS = 0xc138fd07;
    private static final int DEV_WAIT = 0xc138fd08;
    private static final int TABLE_LOAD = 0xc138fd09;
    private static final int TABLE_CLEAR = 0xc138fd0a;
    private static final int TABLE_DEPS = 0xc138fd0b;
    private static final int TABLE_STATUS = 0xc138fd0c;
    private static final int LIST_VERSIONS = 0xc138fd0d;
    private static final int TARGET_MSG = 0xc138fd0e;
    private static final int DEV_SET_GEOMETRY = 0xc138fd0f;
    private static final int DEV_ARM_POLL = 0xc138fd10;
    private static final int HEADER = 305;          // offsetof(struct dm_ioctl, data)
    private static final int TARGET_SPEC = 40;
    private static final long SUSPEND_FLAG = 1 << 1;
    private static final long DATA_OUT_FLAG = 1 << 16;

    private Dm() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        if (code < VERSION || code > DEV_ARM_POLL) {
            return false;
        }
        byte[] in = c.address() == 0 ? null : c.pointed(false);
        ByteBuffer b = header(in);
        if (b == null) {
            // strace's dm_known_ioctl gives up: the generic address
            Print.hexArg(c, out);
            return true;
        }
        out.append(", [");
        if (printHeader(c, code, out, b, true)) {
            payload(c, code, out, b, true);
        }
        out.append(']');
        if (c.unfinished() || c.failed()) {
            return true;
        }
        ByteBuffer e = header(c.pointed(true));
        out.append(" => [");
        if (e != null && printHeader(c, code, out, e, false)) {
            payload(c, code, out, e, false);
        }
        out.append(']');
        return true;
    }

    private static ByteBuffer header(byte[] data) {
        if (data == null || data.length < HEADER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return u32(b, 12) < 12 ? null : b;
    }

    private static boolean printHeader(IoctlCall c, int code, LineBuffer out, ByteBuffer b, boolean entry) {
        out.append("{version=[").append(u32(b, 0)).append(", ").append(u32(b, 4)).append(", ").append(u32(b, 8))
                .append(']');
        if (u32(b, 0) != 4) {
            out.append(" /* unsupported device mapper ABI version */}");
            return false;
        }
        long dataSize = u32(b, 12);
        out.append(", data_size=").append(dataSize);
        if (dataSize < HEADER) {
            out.append(" /* data_size too small */}");
            return false;
        }
        if (code != VERSION && code != REMOVE_ALL && code != DEV_CREATE && code != DEV_REMOVE && code != DEV_SUSPEND
                && code != DEV_STATUS && code != TABLE_CLEAR && code != DEV_ARM_POLL) {
            out.append(", data_start=").append(u32(b, 16));
        }
        if (code != REMOVE_ALL && code != LIST_DEVICES && code != LIST_VERSIONS) {
            long dev = b.getLong(40);
            if (dev != 0) {
                long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
                long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
                Formats.hex(out.append(", dev=makedev("), major & 0xffffffffL).append(", ");
                Formats.hex(out, minor & 0xffffffffL).append(')');
            }
            if (b.get(48) != 0) {
                Print.cstring(c, out.append(", name="), b, 48, 128);
            }
            if (b.get(176) != 0) {
                Print.cstring(c, out.append(", uuid="), b, 176, 129);
            }
        }
        long flags = u32(b, 28);
        if (entry) {
            if (code == TABLE_LOAD) {
                out.append(", target_count=").append(u32(b, 20));
            } else if (code == DEV_RENAME || code == DEV_REMOVE || code == DEV_WAIT
                    || code == DEV_SUSPEND && (flags & SUSPEND_FLAG) == 0) {
                out.append(", event_nr=").append(u32(b, 32));
            }
        } else if (code == DEV_CREATE || code == DEV_RENAME || code == DEV_SUSPEND || code == DEV_STATUS
                || code == DEV_WAIT || code == TABLE_LOAD || code == TABLE_CLEAR || code == TABLE_DEPS
                || code == TABLE_STATUS || code == TARGET_MSG) {
            out.append(", target_count=").append(u32(b, 20)).append(", open_count=").append(u32(b, 24))
                    .append(", event_nr=").append(u32(b, 32));
        }
        FLAGS.flags(out.append(", flags="), flags);
        out.append('}');
        return true;
    }

    /** The payload strace decodes for {@code code} at entry or exit; "..." without -v. */
    private static void payload(IoctlCall c, int code, LineBuffer out, ByteBuffer b, boolean entry) {
        long start = u32(b, 16);
        long size = u32(b, 12);
        switch (code) {
            case TABLE_LOAD -> {
                if (entry) {
                    targetSpecs(c, out, b, start, size);
                }
            }
            case TARGET_MSG -> {
                if (entry && start != size) {
                    out.append(", ");
                    if (c.abbrev()) {
                        out.append("...");
                    } else if (start + 8 > start && start + 8 <= size && !at(b, start)) {
                        Formats.pointer(out, c.address() + start);
                    } else if (start + 8 > start && start + 8 <= size) {
                        out.append("{sector=").appendUnsigned(b.getLong((int) start));
                        str(c, out.append(", message="), b, start + 8, size - start - 8);
                        out.append('}');
                    } else {
                        out.append("??? /* misplaced struct dm_target_msg */");
                    }
                } else if (!entry && (u32(b, 28) & DATA_OUT_FLAG) != 0) {
                    string(c, out, b, start, size);
                }
            }
            case DEV_RENAME, DEV_SET_GEOMETRY -> {
                if (entry) {
                    string(c, out, b, start, size);
                }
            }
            case DEV_WAIT, TABLE_STATUS, TABLE_DEPS, LIST_DEVICES, LIST_VERSIONS -> {
                if (!entry && c.abbrev() && (code == DEV_WAIT || code == TABLE_STATUS ? u32(b, 20) != 0 : start != size)) {
                    out.append(", ...");
                }
            }
            default -> {
            }
        }
    }

    private static boolean at(ByteBuffer b, long offset) {
        return offset + 8 <= b.capacity();
    }

    private static void targetSpecs(IoctlCall c, LineBuffer out, ByteBuffer b, long start, long size) {
        long count = u32(b, 20);
        if (c.abbrev()) {
            if (count != 0) {
                out.append(", ...");
            }
            return;
        }
        long offset = start;
        long end = 0;
        for (long i = 0; i < count; i++) {
            out.append(", ");
            if (i > 0 && offset <= end) {
                out.append("??? /* misplaced struct dm_target_spec */");
                return;
            }
            end = offset + TARGET_SPEC;
            if (end <= offset || end > size) {
                out.append("??? /* misplaced struct dm_target_spec */");
                return;
            }
            if (i >= c.stringLimit()) {
                out.append("...");
                return;
            }
            if (end > b.capacity()) {
                Formats.pointer(out, c.address() + offset);
                return;
            }
            int o = (int) offset;
            out.append("{sector_start=").appendUnsigned(b.getLong(o)).append(", length=").appendUnsigned(b.getLong(o + 8));
            Print.cstring(c, out.append(", target_type="), b, o + 24, 16);
            str(c, out.append(", string="), b, end, size - end);
            out.append('}');
            offset += u32(b, o + 20);
        }
    }

    private static void string(IoctlCall c, LineBuffer out, ByteBuffer b, long start, long size) {
        out.append(", ");
        if (c.abbrev()) {
            out.append("...");
        } else if (start <= size) {
            str(c, out.append("{string="), b, start, size - start);
            out.append('}');
        } else {
            out.append("??? /* misplaced string */");
        }
    }

    /** printstr_ex(QUOTE_0_TERMINATED) of {@code len} bytes at {@code offset} of the copy; the address where not copied. */
    private static void str(IoctlCall c, LineBuffer out, ByteBuffer b, long offset, long len) {
        int limit = c.stringLimit();
        long size = Math.min(len, limit + 1L);
        if (offset + size > b.capacity() && !(offset <= b.capacity() && nulWithin(b, offset))) {
            Formats.pointer(out, c.address() + offset);
            return;
        }
        int o = (int) offset;
        int n = (int) Math.min(size, limit);
        int k = 0;
        while (k < n && o + k < b.capacity() && b.get(o + k) != 0) {
            k++;
        }
        byte[] bytes = new byte[k];
        b.get(o, bytes);
        Quote.append(out, bytes, 0, k, c.hex(), false);
        if (k == n && len != 0) {
            out.append("...");
        }
    }

    private static boolean nulWithin(ByteBuffer b, long offset) {
        for (int i = (int) offset; i < b.capacity(); i++) {
            if (b.get(i) == 0) {
                return true;
            }
        }
        return false;
    }
}
