package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/** struct statx as strace's statx.c prints it: the fields its mask says were written, all of them under -v. */
final class Statx {
    static final int SIZE = 256;
    private static final int NLINK = 0x4;
    private static final int UID = 0x8;
    private static final int GID = 0x10;
    private static final int TYPE_MODE = 0x3;
    private static final int ATIME = 0x20;
    private static final int MTIME = 0x40;
    private static final int CTIME = 0x80;
    private static final int INO = 0x100;
    private static final int SIZE_BIT = 0x200;
    private static final int BLOCKS = 0x400;
    private static final int BTIME = 0x800;
    private static final int MNT_ID = 0x1000;
    private static final int DIOALIGN = 0x2000;
    private static final Flags ATTRS = Flags.of("STATX_ATTR_???", "STATX_ATTR_COMPRESSED", 0x4,
            "STATX_ATTR_IMMUTABLE", 0x10, "STATX_ATTR_APPEND", 0x20, "STATX_ATTR_NODUMP", 0x40,
            "STATX_ATTR_ENCRYPTED", 0x800, "STATX_ATTR_AUTOMOUNT", 0x1000, "STATX_ATTR_MOUNT_ROOT", 0x2000,
            "STATX_ATTR_VERITY", 0x100000, "STATX_ATTR_DAX", 0x200000);

    private Statx() {
    }

    static final Arg STATX_OUT = Arg.out((c, i, out) -> {
        ByteBuffer b = Umove.orAddress(c, out, c.atExit(i), c.arg(i), SIZE, true);
        if (b != null) {
            statx(c, out, b);
        }
    });

    static void statx(Call c, LineBuffer out, ByteBuffer b) {
        int mask = b.getInt(0);
        boolean abbrev = c.abbrev();
        out.append("{stx_mask=");
        Consts.STATX_MASK.flags(out, mask & 0xffffffffL);
        if (!abbrev) {
            out.append(", stx_blksize=").append(b.getInt(4) & 0xffffffffL);
        }
        out.append(", stx_attributes=");
        ATTRS.flags(out, b.getLong(8));
        if (!abbrev) {
            if ((mask & NLINK) != 0) {
                out.append(", stx_nlink=").append(b.getInt(16) & 0xffffffffL);
            }
            if ((mask & UID) != 0) {
                id(out.append(", stx_uid="), b.getInt(20));
            }
            if ((mask & GID) != 0) {
                id(out.append(", stx_gid="), b.getInt(24));
            }
        }
        if ((mask & TYPE_MODE) != 0) {
            out.append(", stx_mode=");
            FileModes.mode(out, b.getShort(28) & 0xffff);
        }
        if (!abbrev && (mask & INO) != 0) {
            out.append(", stx_ino=").appendUnsigned(b.getLong(32));
        }
        if ((mask & SIZE_BIT) != 0) {
            out.append(", stx_size=").appendUnsigned(b.getLong(40));
        }
        if (!abbrev) {
            if ((mask & BLOCKS) != 0) {
                out.append(", stx_blocks=").appendUnsigned(b.getLong(48));
            }
            out.append(", stx_attributes_mask=");
            ATTRS.flags(out, b.getLong(56));
            timestamp(c, out, b, mask, ATIME, "stx_atime", 64);
            timestamp(c, out, b, mask, BTIME, "stx_btime", 80);
            timestamp(c, out, b, mask, CTIME, "stx_ctime", 96);
            timestamp(c, out, b, mask, MTIME, "stx_mtime", 112);
            out.append(", stx_rdev_major=").append(b.getInt(128) & 0xffffffffL)
                    .append(", stx_rdev_minor=").append(b.getInt(132) & 0xffffffffL)
                    .append(", stx_dev_major=").append(b.getInt(136) & 0xffffffffL)
                    .append(", stx_dev_minor=").append(b.getInt(140) & 0xffffffffL);
            if ((mask & MNT_ID) != 0) {
                Formats.hex(out.append(", stx_mnt_id="), b.getLong(144));
            }
            if ((mask & DIOALIGN) != 0) {
                out.append(", stx_dio_mem_align=").append(b.getInt(152) & 0xffffffffL)
                        .append(", stx_dio_offset_align=").append(b.getInt(156) & 0xffffffffL);
            }
        } else {
            out.append(", ...");
        }
        out.append('}');
    }

    /** strace's PRINT_VAL_ID: unsigned, but -1 as -1. */
    private static void id(LineBuffer out, int id) {
        if (id == -1) {
            out.append(-1);
        } else {
            out.append(id & 0xffffffffL);
        }
    }

    private static void timestamp(Call c, LineBuffer out, ByteBuffer b, int mask, int bit, String name, int offset) {
        if ((mask & bit) == 0) {
            return;
        }
        long sec = b.getLong(offset);
        long nsec = b.getInt(offset + 8) & 0xffffffffL;
        out.append(", ").append(name).append("={tv_sec=").append(sec).append(", tv_nsec=").append(nsec).append('}');
        Times.comment(out, Times.date(c, sec, nsec, 999_999_999L, 9));
    }
}
