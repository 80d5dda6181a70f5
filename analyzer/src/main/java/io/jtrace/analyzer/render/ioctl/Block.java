package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import java.nio.ByteBuffer;

/** Block device requests (strace's block.c). */
final class Block {
    private static final Flags BLKPG_OPS = Flags.of("BLKPG_???", "BLKPG_ADD_PARTITION", 1L,
            "BLKPG_DEL_PARTITION", 2L, "BLKPG_RESIZE_PARTITION", 3L);
    private static final int BLKTRACESETUP = 0xc0481273;

    private Block() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x1262, 0x1264 -> Print.unsignedArg(c, out);                                   // BLKRASET, BLKFRASET
            case 0x1267, 0x127e -> Print.out(c, out, 2, b -> out.append('[').append(b.getShort(0) & 0xffff).append(']'));
            case 0x125e, 0x80081270, 0x1268, 0x127a -> Print.intOut(c, out);                    // BLKROGET, BLKBSZGET ...
            case 0x125d, 0x40081271 -> Print.intIn(c, out);                                     // BLKROSET, BLKBSZSET
            case 0x127b, 0x1278, 0x1279, 0x127c, 0x80041284, 0x80041285 -> Print.uintOut(c, out);
            case 0x1263, 0x1265 -> Print.out(c, out, 8, b -> out.append('[').append(b.getLong(0)).append(']'));
            case 0x1260, 0x80081272, 0x80081280 ->                                              // BLKGETSIZE, BLKGETSIZE64 ...
                    Print.out(c, out, 8, b -> out.append('[').appendUnsigned(b.getLong(0)).append(']'));
            case 0x1277, 0x127d, 0x127f -> Print.in(c, out, 16, b ->                            // BLKDISCARD ...
                    out.append('[').appendUnsigned(b.getLong(0)).append(", ").appendUnsigned(b.getLong(8)).append(']'));
            case 0x1269 -> Print.in(c, out, 24, b -> blkpg(c, out, b));                        // BLKPG
            case BLKTRACESETUP -> traceSetup(c, out);
            case 0x125f, 0x1261, 0x1274, 0x1275, 0x1276 -> true;                                // no argument
            default -> false;
        };
    }

    private static void blkpg(IoctlCall c, LineBuffer out, ByteBuffer b) {
        out.append("{op=");
        BLKPG_OPS.hexValue(out, b.getInt(0) & 0xffffffffL);
        out.append(", flags=").append(b.getInt(4)).append(", datalen=").append(b.getInt(8)).append(", data=");
        long data = b.getLong(16);
        byte[] p = c.pointed(false);
        if (data == 0 || p == null || p.length < 152) {
            io.jtrace.analyzer.render.Formats.pointer(out, data);
        } else {
            ByteBuffer q = ByteBuffer.wrap(p).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            out.append("{start=").append(q.getLong(0)).append(", length=").append(q.getLong(8))
                    .append(", pno=").append(q.getInt(16)).append(", devname=");
            Print.cstring(c, out, q, 20, 64);
            out.append(", volname=");
            Print.cstring(c, out, q, 84, 64);
            out.append('}');
        }
        out.append('}');
    }

    /** struct blk_user_trace_setup: the request's fields at entry, the name the kernel chose at exit. */
    private static boolean traceSetup(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer b = c.address() == 0 ? null : c.in(72);
        if (b == null) {
            c.address(out);
            return true;
        }
        out.append("{act_mask=").append(b.getShort(32) & 0xffff)
                .append(", buf_size=").appendUnsigned(b.getInt(36) & 0xffffffffL)
                .append(", buf_nr=").appendUnsigned(b.getInt(40) & 0xffffffffL)
                .append(", start_lba=").appendUnsigned(b.getLong(48))
                .append(", end_lba=").appendUnsigned(b.getLong(56));
        c.tgid(out.append(", pid="), b.getInt(64));
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer after = c.out(72);
        if (after != null) {
            Print.cstring(c, out.append(", name="), after, 0, 32);
        }
        out.append('}');
        return true;
    }
}
