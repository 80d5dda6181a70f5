package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** File system requests of types 'f' and 'X' (strace's fs_f_ioctl.c and fs_x_ioctl.c). */
final class FsIoctl {
    private static final Flags FS_FL = Flags.of("FS_???_FL", "FS_SECRM_FL", 0x1L, "FS_UNRM_FL", 0x2L,
            "FS_COMPR_FL", 0x4L, "FS_SYNC_FL", 0x8L, "FS_IMMUTABLE_FL", 0x10L, "FS_APPEND_FL", 0x20L,
            "FS_NODUMP_FL", 0x40L, "FS_NOATIME_FL", 0x80L, "FS_DIRTY_FL", 0x100L, "FS_COMPRBLK_FL", 0x200L,
            "FS_NOCOMP_FL", 0x400L, "FS_ENCRYPT_FL", 0x800L, "FS_INDEX_FL", 0x1000L, "FS_IMAGIC_FL", 0x2000L,
            "FS_JOURNAL_DATA_FL", 0x4000L, "FS_NOTAIL_FL", 0x8000L, "FS_DIRSYNC_FL", 0x10000L,
            "FS_TOPDIR_FL", 0x20000L, "FS_HUGE_FILE_FL", 0x40000L, "FS_EXTENT_FL", 0x80000L,
            "FS_VERITY_FL", 0x100000L, "FS_EA_INODE_FL", 0x200000L, "FS_EOFBLOCKS_FL", 0x400000L,
            "FS_NOCOW_FL", 0x800000L, "FS_DAX_FL", 0x2000000L, "FS_INLINE_DATA_FL", 0x10000000L,
            "FS_PROJINHERIT_FL", 0x20000000L, "FS_CASEFOLD_FL", 0x40000000L, "FS_RESERVED_FL", 0x80000000L);
    private static final Flags FIEMAP_FLAGS = Flags.of("FIEMAP_FLAG_???", "FIEMAP_FLAG_SYNC", 0x1L,
            "FIEMAP_FLAG_XATTR", 0x2L, "FIEMAP_FLAG_CACHE", 0x4L);
    private static final Flags XFLAGS = Flags.of("FS_XFLAG_???", "FS_XFLAG_REALTIME", 0x1L,
            "FS_XFLAG_PREALLOC", 0x2L, "FS_XFLAG_IMMUTABLE", 0x8L, "FS_XFLAG_APPEND", 0x10L, "FS_XFLAG_SYNC", 0x20L,
            "FS_XFLAG_NOATIME", 0x40L, "FS_XFLAG_NODUMP", 0x80L, "FS_XFLAG_RTINHERIT", 0x100L,
            "FS_XFLAG_PROJINHERIT", 0x200L, "FS_XFLAG_NOSYMLINKS", 0x400L, "FS_XFLAG_EXTSIZE", 0x800L,
            "FS_XFLAG_EXTSZINHERIT", 0x1000L, "FS_XFLAG_NODEFRAG", 0x2000L, "FS_XFLAG_FILESTREAM", 0x4000L,
            "FS_XFLAG_DAX", 0x8000L, "FS_XFLAG_COWEXTSIZE", 0x10000L, "FS_XFLAG_HASATTR", 0x80000000L);

    private static final int FS_IOC_FIEMAP = 0xc020660b;
    private static final Flags EXTENT_FLAGS = Flags.of("FIEMAP_EXTENT_???", "FIEMAP_EXTENT_LAST", 0x1L,
            "FIEMAP_EXTENT_UNKNOWN", 0x2L, "FIEMAP_EXTENT_DELALLOC", 0x4L, "FIEMAP_EXTENT_ENCODED", 0x8L,
            "FIEMAP_EXTENT_DATA_ENCRYPTED", 0x80L, "FIEMAP_EXTENT_NOT_ALIGNED", 0x100L,
            "FIEMAP_EXTENT_DATA_INLINE", 0x200L, "FIEMAP_EXTENT_DATA_TAIL", 0x400L, "FIEMAP_EXTENT_UNWRITTEN", 0x800L,
            "FIEMAP_EXTENT_MERGED", 0x1000L, "FIEMAP_EXTENT_SHARED", 0x2000L);
    private static final int FITRIM = 0xc0185879;
    private static final int FS_IOC_FSGETXATTR = 0x801c581f;
    private static final int FS_IOC_FSSETXATTR = 0x401c5820;
    private static final int FIFREEZE = 0xc0045877;
    private static final int FITHAW = 0xc0045878;

    private static final int FICLONE = 0x40049409;
    private static final int FICLONERANGE = 0x4020940d;
    private static final int FS_IOC_GETFSLABEL = 0x81009431;
    private static final int FS_IOC_SETFSLABEL = 0x41009432;
    private static final int FSLABEL_MAX = 256;

    private FsIoctl() {
    }

    /** Type 0x94 (strace's fs_0x94_ioctl.c): reflink clones, dedupe ranges and file system labels; btrfs' requests are {@link Btrfs}'. */
    static boolean decode94(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case FICLONE -> {
                out.append(", ").append((int) c.address());
                yield true;
            }
            case FICLONERANGE -> Print.in(c, out, 32, b -> {
                c.fd(out.append("{src_fd="), (int) b.getLong(0));
                out.append(", src_offset=").appendUnsigned(b.getLong(8))
                        .append(", src_length=").appendUnsigned(b.getLong(16))
                        .append(", dest_offset=").appendUnsigned(b.getLong(24)).append('}');
            });
            case FS_IOC_GETFSLABEL -> Print.out(c, out, FSLABEL_MAX, b -> Print.cstring(c, out, b, 0, FSLABEL_MAX));
            case FS_IOC_SETFSLABEL -> Print.in(c, out, FSLABEL_MAX, b -> Print.cstring(c, out, b, 0, FSLABEL_MAX));
            case FileDedupe.FIDEDUPERANGE -> FileDedupe.decode(c, out);
            default -> Btrfs.decode(c, code, out);
        };
    }

    static boolean decodeF(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case FS_IOC_FIEMAP -> fiemap(c, out);
            case 0x80086601, 0x80046601 -> Print.out(c, out, 4, b -> flags(out, b));   // FS_IOC_GETFLAGS, FS_IOC32_GETFLAGS
            case 0x40086602, 0x40046602 -> Print.in(c, out, 4, b -> flags(out, b));    // FS_IOC_SETFLAGS, FS_IOC32_SETFLAGS
            default -> false;
        };
    }

    static boolean decodeX(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case FITRIM -> Print.in(c, out, 24, b -> {
                out.append("{start=");
                Formats.hex(out, b.getLong(0));
                out.append(", len=").appendUnsigned(b.getLong(8)).append(", minlen=").appendUnsigned(b.getLong(16))
                        .append('}');
            });
            case FS_IOC_FSGETXATTR -> Print.out(c, out, 28, b -> fsxattr(out, b, true));
            case FS_IOC_FSSETXATTR -> Print.in(c, out, 28, b -> fsxattr(out, b, false));
            case FIFREEZE, FITHAW -> true;
            default -> false;
        };
    }

    private static void flags(LineBuffer out, ByteBuffer b) {
        out.append('[');
        FS_FL.flags(out, b.getInt(0) & 0xffffffffL);
        out.append(']');
    }

    private static void fsxattr(LineBuffer out, ByteBuffer b, boolean get) {
        out.append("{fsx_xflags=");
        XFLAGS.flags(out, b.getInt(0) & 0xffffffffL);
        out.append(", fsx_extsize=").appendUnsigned(b.getInt(4) & 0xffffffffL);
        if (get) {
            out.append(", fsx_nextents=").appendUnsigned(b.getInt(8) & 0xffffffffL);
        }
        out.append(", fsx_projid=");
        Formats.hex(out, b.getInt(12) & 0xffffffffL);
        out.append(", fsx_cowextsize=").appendUnsigned(b.getInt(16) & 0xffffffffL).append('}');
    }

    /** struct fiemap: the request at entry; after a successful call " => " the flags and mapped extent count. */
    private static boolean fiemap(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer b = c.address() == 0 ? null : c.in(32);
        if (b == null) {
            c.address(out);
            return true;
        }
        out.append("{fm_start=").appendUnsigned(b.getLong(0)).append(", fm_length=").appendUnsigned(b.getLong(8))
                .append(", fm_flags=");
        FIEMAP_FLAGS.flags(out, b.getInt(16) & 0xffffffffL);
        out.append(", fm_extent_count=").appendUnsigned(b.getInt(24) & 0xffffffffL).append('}');
        if (c.unfinished() || c.failed()) {
            return true;
        }
        out.append(" => ");
        ByteBuffer after = c.out(32);
        if (after == null) {
            c.address(out);
            return true;
        }
        out.append("{fm_flags=");
        FIEMAP_FLAGS.flags(out, after.getInt(16) & 0xffffffffL);
        long mapped = after.getInt(20) & 0xffffffffL;
        out.append(", fm_mapped_extents=").appendUnsigned(mapped);
        if (c.abbrev()) {
            out.append(", ...}");
            return true;
        }
        // the extents the kernel wrote after the structure (-v), as far as the recorder copied them
        IoctlArrays.print(c, out.append(", fm_extents="), c.pointed(true), c.address() + 32, mapped, 56, false,
                (o, e, at) -> {
                    o.append("{fe_logical=").appendUnsigned(e.getLong(at)).append(", fe_physical=")
                            .appendUnsigned(e.getLong(at + 8)).append(", fe_length=").appendUnsigned(e.getLong(at + 16))
                            .append(", fe_flags=");
                    EXTENT_FLAGS.flags(o, e.getInt(at + 40) & 0xffffffffL);
                    o.append('}');
                });
        out.append('}');
        return true;
    }
}
