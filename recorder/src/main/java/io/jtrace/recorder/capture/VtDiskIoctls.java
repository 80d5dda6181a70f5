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
    private static final int PIO_UNIMAP = 0x4b67;
    private static final int GIO_UNIMAP = 0x4b66;
    private static final int PIO_FONTX = 0x4b6c;
    private static final int GIO_FONTX = 0x4b6b;
    private static final int KDFONTOP = 0x4b72;
    private static final int FONT_OP_SET = 0;
    private static final int FONT_OP_GET = 1;
    private static final int FONT_OP_SET_DEFAULT = 2;

    private VtDiskIoctls() {
    }

    /** Bytes the kernel reads from the argument of {@code code}; 0 for none or not one of ours. */
    static int in(int code) {
        return switch (code) {
            case HDIO_DRIVE_CMD -> 4;                               // struct hd_drive_cmd_hdr
            case 0x031c, 0x0328 -> 12;                              // HDIO_DRIVE_RESET, HDIO_SCAN_HWIF: int[3]
            case 0x4b41 -> 256;                                     // PIO_SCRNMAP
            case 0x4b6a -> 512;                                     // PIO_UNISCRNMAP: unsigned short[256]
            case 0x4b46, 0x4b47 -> 4;                               // KDGKBENT, KDSKBENT: struct kbentry
            case 0x4b48 -> 1;                                       // KDGKBSENT: kb_func
            case 0x4b49 -> 513;                                     // KDSKBSENT: struct kbsentry
            case 0x4b4b -> 4 + 256 * 3;                             // KDSKBDIACR: struct kbdiacrs
            case 0x4bfb -> 4 + 256 * 12;                            // KDSKBDIACRUC: struct kbdiacrsuc
            case 0x4b4c, 0x4b4d, 0x4b52 -> 8;                       // KD[GS]ETKEYCODE, KDKBDREP
            case 0x4b61 -> 8192;                                    // PIO_FONT
            case 0x4b68 -> 6;                                       // PIO_UNIMAPCLR: struct unimapinit
            case 0x4b71 -> 48;                                      // PIO_CMAP
            case 0x4b66, 0x4b67, 0x4b6b, 0x4b6c -> 16;              // [GP]IO_UNIMAP, [GP]IO_FONTX
            case KDFONTOP -> 32;                                    // struct console_font_op
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
            case 0x4b31, 0x4b33, 0x4b64 -> 1;                       // KDGETLED, KDGKBTYPE, KDGKBLED
            case 0x4b3b, 0x4b44, 0x4b62 -> 4;                       // KDGETMODE, KDGKBMODE, KDGKBMETA
            case 0x4b40 -> 256;                                     // GIO_SCRNMAP
            case 0x4b69 -> 512;                                     // GIO_UNISCRNMAP
            case 0x4b46 -> 4;                                       // KDGKBENT
            case 0x4b48 -> 513;                                     // KDGKBSENT
            case 0x4b4a -> 4 + 256 * 3;                             // KDGKBDIACR
            case 0x4bfa -> 4 + 256 * 12;                            // KDGKBDIACRUC
            case 0x4b4c, 0x4b52 -> 8;                               // KDGETKEYCODE, KDKBDREP
            case 0x4b60 -> 8192;                                    // GIO_FONT
            case 0x4b70 -> 48;                                      // GIO_CMAP
            case 0x4b66, 0x4b6b -> 16;                              // GIO_UNIMAP, GIO_FONTX
            case KDFONTOP -> 32;
            default -> 0;
        };
    }

    /** What the structure points to at entry: the unicode map, glyphs or font name the kernel reads. */
    static void atEntry(SyscallEvent c, BufferReader r) {
        int code = (int) c.arg(1);
        long arg = c.arg(2);
        if (code == PIO_UNIMAP) {
            unimap(r, arg, false);
        } else if (code == PIO_FONTX) {
            fontx(r, arg, false);
        } else if (code == KDFONTOP) {
            ByteBuffer op = r.struct(arg, 32);
            if (op != null && op.getInt(0) == FONT_OP_SET) {
                fontData(r, op, false);
            } else if (op != null && op.getInt(0) == FONT_OP_SET_DEFAULT && op.getLong(24) != 0) {
                r.unsnapped(2, BufferReader.IOV, 0, op.getLong(24), 32, 32, false);
            }
        }
    }

    /** What follows or is pointed to at exit: HDIO_DRIVE_CMD's sectors, the unicode map, glyphs the kernel wrote. */
    static void atExit(SyscallEvent c, BufferReader r) {
        int code = (int) c.arg(1);
        long arg = c.arg(2);
        if (code == GIO_UNIMAP) {
            unimap(r, arg, true);
        } else if (code == GIO_FONTX) {
            fontx(r, arg, true);
        } else if (code == KDFONTOP) {
            ByteBuffer op = r.struct(arg, 32);
            if (op != null && op.getInt(0) == FONT_OP_GET) {
                fontData(r, op, true);
            }
        }
        if (code == HDIO_DRIVE_CMD) {
            ByteBuffer hdr = r.struct(arg, 4);
            if (hdr != null && hdr.get(3) != 0) {
                long n = (hdr.get(3) & 0xffL) * SECTOR_SIZE;
                r.copy(2, BufferReader.IOV, 0, arg + 4, n, n, true);
            }
        }
    }

    /** struct unimapdesc's entries: entry_ct struct unipair (at exit the count the kernel wrote, at most the one given). */
    private static void unimap(BufferReader r, long arg, boolean atExit) {
        ByteBuffer desc = r.struct(arg, 16);
        if (desc != null && desc.getLong(8) != 0) {
            long n = (desc.getShort(0) & 0xffffL) * 4;
            r.unsnapped(2, BufferReader.IOV, 0, desc.getLong(8), n, (int) n, atExit);
        }
    }

    /** struct consolefontdesc's chardata: 32 bytes a character, at most 512 characters. */
    private static void fontx(BufferReader r, long arg, boolean atExit) {
        ByteBuffer desc = r.struct(arg, 16);
        if (desc != null && desc.getLong(8) != 0) {
            long n = Math.min(desc.getShort(0) & 0xffff, 512) * 32L;
            r.unsnapped(2, BufferReader.IOV, 0, desc.getLong(8), n, (int) n, atExit);
        }
    }

    /** struct console_font_op's data: (width + 7) / 8 bytes a row, 32 rows a character, at most 32 wide and 512 characters. */
    private static void fontData(BufferReader r, ByteBuffer op, boolean atExit) {
        long data = op.getLong(24);
        if (data != 0) {
            long width = Math.min(op.getInt(8) & 0xffffffffL, 32);
            long n = (width + 7) / 8 * 32 * Math.min(op.getInt(16) & 0xffffffffL, 512);
            r.unsnapped(2, BufferReader.IOV, 0, data, n, (int) n, atExit);
        }
    }
}
