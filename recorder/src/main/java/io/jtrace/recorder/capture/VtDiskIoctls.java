package io.jtrace.recorder.capture;

import io.jtrace.recorder.trace.SyscallEvent;
import java.nio.ByteBuffer;

/**
 * What the old-style requests (no direction, no size in the code) of the hdio (type 0x03) and kd
 * (type 'K') families read and write through their argument, for {@link IoctlCaptures}.
 */
final class VtDiskIoctls {
    private static final int HDIO_DRIVE_CMD = 0x031f;
    private static final int SECTOR_SIZE = 512;

    private VtDiskIoctls() {
    }

    /** Bytes the kernel reads from the argument of {@code code}; 0 for none or not one of ours. */
    static int in(int code) {
        return switch (code) {
            case HDIO_DRIVE_CMD -> 4;                               // struct hd_drive_cmd_hdr
            case 0x031c, 0x0328 -> 12;                              // HDIO_DRIVE_RESET, HDIO_SCAN_HWIF: int[3]
            default -> 0;
        };
    }

    /** Bytes the kernel writes to the argument of {@code code}; 0 for none or not one of ours. */
    static int out(int code) {
        return switch (code) {
            case 0x0301 -> 16;                                      // HDIO_GETGEO: struct hd_geometry
            case 0x0302, 0x0304, 0x0308, 0x0309, 0x030a, 0x030b, 0x030c, 0x030e, 0x030f, 0x0310,
                 0x031a -> 8;                                       // HDIO_GET_*: unsigned long
            case 0x030d -> 512;                                     // HDIO_GET_IDENTITY
            case 0x0307 -> 142;                                     // HDIO_OBSOLETE_IDENTITY
            case HDIO_DRIVE_CMD -> 4;                               // status, error, nsector, sector count
            default -> 0;
        };
    }

    /** What follows the structure at exit: HDIO_DRIVE_CMD's sectors after its 4 status bytes. */
    static void atExit(SyscallEvent c, BufferReader r) {
        int code = (int) c.arg(1);
        long arg = c.arg(2);
        if (code == HDIO_DRIVE_CMD) {
            ByteBuffer hdr = r.struct(arg, 4);
            if (hdr != null && hdr.get(3) != 0) {
                long n = (hdr.get(3) & 0xffL) * SECTOR_SIZE;
                r.copy(2, BufferReader.IOV, 0, arg + 4, n, n, true);
            }
        }
    }
}
