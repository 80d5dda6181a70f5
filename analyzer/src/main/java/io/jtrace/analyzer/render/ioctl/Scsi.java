package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/**
 * SCSI generic requests (strace's scsi.c), type 0x22. SG_IO's sg_io_hdr (v3, 'S') and sg_io_v4
 * ('Q') are {@link SgIo}'s; another interface id is printed as {@code [N]}.
 */
final class Scsi {
    private static final Flags RESET = IoctlXlat.table("sg_scsi_reset", "SG_SCSI_RESET_???");
    private static final long RESET_NO_ESCALATE = 0x100;

    private Scsi() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x2285 -> sgIo(c, out);                                                          // SG_IO
            case 0x2276 -> Print.out(c, out, 32, b -> {                                           // SG_GET_SCSI_ID
                out.append("{host_no=").append(b.getInt(0)).append(", channel=").append(b.getInt(4));
                Formats.hex(out.append(", scsi_id="), u32(b, 8));
                out.append(", lun=").append(b.getInt(12));
                Formats.hex(out.append(", scsi_type="), u32(b, 16));
                out.append(", h_cmd_per_lun=").append(b.getShort(20));
                out.append(", d_queue_depth=").append(b.getShort(22)).append('}');
            });
            case 0x2286 -> Print.out(c, out, 24, b -> {                                           // SG_GET_REQUEST_TABLE
                out.append("{req_state=").append(b.get(0)).append(", orphan=").append(b.get(1));
                out.append(", sg_io_owned=").append(b.get(2)).append(", problem=").append(b.get(3));
                out.append(", pack_id=").append(b.getInt(4));
                Formats.pointer(out.append(", usr_ptr="), b.getLong(8));
                out.append(", duration=").appendUnsigned(u32(b, 16)).append('}');
            });
            case 0x2284 -> Print.in(c, out, 4, b -> {                                             // SG_SCSI_RESET
                long v = u32(b, 0);
                out.append('[');
                if ((v & RESET_NO_ESCALATE) != 0) {
                    RESET.hexValue(out, RESET_NO_ESCALATE);
                    out.append('|');
                }
                RESET.hexValue(out, v & ~RESET_NO_ESCALATE);
                out.append(']');
            });
            case 0x2283, 0x2271, 0x227e, 0x2279, 0x227b, 0x2287, 0x2275, 0x2201 -> Print.intIn(c, out);
            case 0x2203, 0x2289, 0x2270, 0x2288, 0x227a, 0x227d, 0x227c, 0x2272, 0x227f, 0x2205, 0x2282 ->
                    Print.intOut(c, out);
            case 0x2204 -> {                                                                      // SG_SET_TRANSFORM
                Formats.hex(out.append(", "), c.address() & 0xffffffffL);
                yield true;
            }
            case 0x2202 -> true;                                                                  // SG_GET_TIMEOUT: none
            default -> false;
        };
    }

    private static boolean sgIo(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer b = c.address() == 0 ? null : c.in(4);
        long iid = b == null ? 0 : u32(b, 0);
        if (b == null) {
            c.address(out);
        } else if (iid == 'S') {
            SgIo.v3(c, out);
        } else if (iid == 'Q') {
            SgIo.v4(c, out);
        } else {
            out.append('[').appendUnsigned(iid).append(']');
        }
        return true;
    }
}
