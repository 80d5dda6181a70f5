package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** ATA disk requests (strace's hdio.c and the hdio decoders it generates from maint/gen/defs/hdio.def). */
final class Hdio {
    private static final Flags DRIVE_CMDS = IoctlXlat.table("hdio_drive_cmds", "ATA_CMD_???");
    private static final Flags BUSSTATES = IoctlXlat.table("hdio_busstates", "BUSSTATE_???");
    private static final Flags NICE = IoctlXlat.table("hdio_ide_nice", "IDE_NICE_???");
    private static final int HDIO_GETGEO = 0x0301;
    private static final int HDIO_OBSOLETE_IDENTITY = 0x0307;
    private static final int HDIO_GET_NICE = 0x030c;
    private static final int HDIO_GET_IDENTITY = 0x030d;
    private static final int HDIO_GET_BUSSTATE = 0x031a;
    private static final int HDIO_DRIVE_RESET = 0x031c;
    private static final int HDIO_DRIVE_CMD = 0x031f;
    private static final int HDIO_SCAN_HWIF = 0x0328;
    private static final int HDIO_SET_NICE = 0x0329;
    private static final int HDIO_SET_BUSSTATE = 0x032d;
    private static final int SECTOR_SIZE = 512;

    private Hdio() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case HDIO_GETGEO -> Print.out(c, out, 16, b -> out.append("{heads=").append(b.get(0) & 0xff)
                    .append(", sectors=").append(b.get(1) & 0xff).append(", cylinders=").append(b.getShort(2) & 0xffff)
                    .append(", start=").appendUnsigned(b.getLong(8)).append('}'));
            case HDIO_DRIVE_CMD -> driveCmd(c, out);
            case HDIO_DRIVE_RESET, HDIO_SCAN_HWIF -> {
                IoctlArrays.print(c, out.append(", "), c.address() == 0 ? null : c.entryBytes(), c.address(), 3, 4,
                        false, IoctlArrays::xint);
                yield true;
            }
            // HDIO_GET_UNMASKINTR, MULTCOUNT, KEEPSETTINGS, 32BIT, NOWERR, DMA, WCACHE, ACOUSTIC, ADDRESS
            case 0x0302, 0x0304, 0x0308, 0x0309, 0x030a, 0x030b, 0x030e, 0x030f, 0x0310 ->
                    Print.out(c, out, 8, b -> out.append('[').appendUnsigned(b.getLong(0)).append(']'));
            case HDIO_GET_NICE -> Print.out(c, out, 8, b -> {
                NICE.flags(out.append('['), b.getLong(0));
                out.append(']');
            });
            case HDIO_GET_BUSSTATE -> Print.out(c, out, 8, b -> {
                BUSSTATES.hexValue(out.append('['), b.getLong(0));
                out.append(']');
            });
            case HDIO_GET_IDENTITY, HDIO_OBSOLETE_IDENTITY -> {
                if (!c.unfinished()) {
                    c.argString(out.append(", "), true, code == HDIO_GET_IDENTITY ? 512 : 142, false);
                }
                yield true;
            }
            // HDIO_SET_MULTCOUNT, UNMASKINTR, KEEPSETTINGS, 32BIT, NOWERR, DMA, PIO_MODE, UNREGISTER_HWIF, WCACHE,
            // ACOUSTIC, ADDRESS
            case 0x0321, 0x0322, 0x0323, 0x0324, 0x0325, 0x0326, 0x0327, 0x032a, 0x032b, 0x032c, 0x032f ->
                    Print.unsignedArg(c, out);
            case HDIO_SET_NICE -> {
                NICE.flags(out.append(", "), c.address());
                yield true;
            }
            case HDIO_SET_BUSSTATE -> {
                BUSSTATES.hexValue(out.append(", "), c.address());
                yield true;
            }
            default -> false;
        };
    }

    /** struct hd_drive_cmd_hdr at entry; at exit its status bytes and the sectors read after them. */
    private static boolean driveCmd(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(4);
        if (in == null) {
            c.address(out);
            return true;
        }
        DRIVE_CMDS.hexValue(out.append("{command="), in.get(0) & 0xff);
        out.append(", sector_number=").append(in.get(1) & 0xff).append(", feature=").append(in.get(2) & 0xff)
                .append(", sector_count=").append(in.get(3) & 0xff).append('}');
        ByteBuffer b = c.unfinished() ? null : c.out(4);
        if (b == null) {
            return true;
        }
        out.append(" => {status=");
        Formats.hex(out, b.get(0) & 0xff);
        out.append(", error=").append(b.get(1) & 0xff).append(", nsector=").append(b.get(2) & 0xff);
        int sectors = b.get(3) & 0xff;
        if (sectors != 0) {
            c.pointedString(out.append(", buf="), true, c.address() + 4, (long) sectors * SECTOR_SIZE, true);
        }
        out.append('}');
        return true;
    }
}
