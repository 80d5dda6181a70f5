package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * btrfs' requests (strace's btrfs.c), type 0x94: the numbers, flags and small structures
 * (vol_args, defrag_range_args, the qgroup and quota arguments, send); tree search is
 * {@link BtrfsSearch}', the device, inode and space ones {@link BtrfsInfo}', balance, device replace,
 * features and file system information {@link BtrfsAdmin}', INO_PATHS and LOGICAL_INO {@link BtrfsInodes}'.
 */
final class Btrfs {
    private static final Flags BALANCE_CTL = IoctlXlat.table("btrfs_balance_ctl_cmds", "BTRFS_BALANCE_CTL_???");
    private static final Flags SNAP_FLAGS = IoctlXlat.table("btrfs_snap_flags_v2", "BTRFS_SUBVOL_???");
    private static final Flags DEFRAG_FLAGS = IoctlXlat.table("btrfs_defrag_flags", "BTRFS_DEFRAG_RANGE_???");
    private static final Flags COMPRESS = IoctlXlat.table("btrfs_compress_types", "BTRFS_COMPRESS_???");
    private static final Flags QUOTA_CTL = IoctlXlat.table("btrfs_qgroup_ctl_cmds", "BTRFS_QUOTA_CTL_???");
    /** struct btrfs_ioctl_vol_args: an s64 fd and a name of BTRFS_PATH_NAME_MAX + 1 bytes. */
    private static final int VOL_ARGS = 4096;
    private static final int VOL_NAME = 4088;
    private static final long SUBVOL_QGROUP_INHERIT = 4;
    private static final Flags SEND_FLAGS = IoctlXlat.table("btrfs_send_flags", "BTRFS_SEND_FLAGS_???");
    private static final Flags INHERIT_FLAGS = IoctlXlat.table("btrfs_qgroup_inherit_flags", "BTRFS_QGROUP_INHERIT_???");
    /** struct btrfs_qgroup_inherit before its qgroups. */
    private static final int QGROUP_INHERIT = 72;

    private Btrfs() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            // no argument: TRANS_START, TRANS_END, SYNC, SCRUB_CANCEL, QUOTA_RESCAN_WAIT; DEFRAG and
            // BALANCE encode a vol_args they do not read
            case 0x9406, 0x9407, 0x9408, 0x941c, 0x942e, 0x50009402, 0x5000940c -> true;
            case 0x40049421 -> {                                                  // BTRFS_IOC_BALANCE_CTL
                BALANCE_CTL.hexValue(out.append(", "), c.address() & 0xffffffffL);
                yield true;
            }
            case 0x80089418 -> Print.out(c, out, 8, b -> u64(out, b));            // BTRFS_IOC_START_SYNC
            case 0x40089413, 0x40089416 -> Print.in(c, out, 8, b -> u64(out, b)); // DEFAULT_SUBVOL, WAIT_SYNC
            case 0x80089419 -> Print.out(c, out, 8, b -> SNAP_FLAGS.flags(out, b.getLong(0))); // SUBVOL_GETFLAGS
            case 0x4008941a -> Print.in(c, out, 8, b -> SNAP_FLAGS.flags(out, b.getLong(0)));  // SUBVOL_SETFLAGS
            case 0x40309410 -> Print.in(c, out, 48, b -> {                        // BTRFS_IOC_DEFRAG_RANGE
                out.append("{start=").appendUnsigned(b.getLong(0)).append(", len=");
                u64Max(out, b.getLong(8));
                DEFRAG_FLAGS.flags(out.append(", flags="), b.getLong(16));
                out.append(", extent_thresh=").appendUnsigned(u32(b, 24));
                COMPRESS.hexValue(out.append(", compress_type="), u32(b, 28));
                out.append('}');
            });
            case 0x40189429 -> Print.in(c, out, 24, b -> out                      // BTRFS_IOC_QGROUP_ASSIGN
                    .append("{assign=").appendUnsigned(b.getLong(0))
                    .append(", src=").appendUnsigned(b.getLong(8))
                    .append(", dst=").appendUnsigned(b.getLong(16)).append('}'));
            case 0x4010942a -> Print.in(c, out, 16, b -> out                      // BTRFS_IOC_QGROUP_CREATE
                    .append("{create=").appendUnsigned(b.getLong(0))
                    .append(", qgroupid=").appendUnsigned(b.getLong(8)).append('}'));
            case 0xc0109428 -> Print.in(c, out, 16, b -> {                        // BTRFS_IOC_QUOTA_CTL
                QUOTA_CTL.hexValue(out.append("{cmd="), b.getLong(0));
                out.append('}');
            });
            case 0x4040942c -> Print.in(c, out, 64, b ->                          // BTRFS_IOC_QUOTA_RESCAN
                    out.append("{flags=").appendUnsigned(b.getLong(0)).append('}'));
            case 0x50009401, 0x50009403, 0x50009404, 0x50009405, 0x5000940a, 0x5000940b, 0x5000940e,
                 0x5000940f, 0x90009427 -> Print.in(c, out, VOL_ARGS, b -> {     // vol_args: SNAP_CREATE ... DEVICES_READY
                c.fd(out.append("{fd="), (int) b.getLong(0));
                Print.cstring(c, out.append(", name="), b, 8, VOL_NAME);
                out.append('}');
            });
            case 0x50009417, 0x50009418 -> volArgsV2(c, out);                    // SNAP_CREATE_V2, SUBVOL_CREATE_V2
            case 0xd0009411 -> BtrfsSearch.decode(c, false, out);                // BTRFS_IOC_TREE_SEARCH
            case 0xc0709411 -> BtrfsSearch.decode(c, true, out);                 // BTRFS_IOC_TREE_SEARCH_V2
            case 0xd0009412, 0xc0109414, 0xc400941b, 0xc400941d, 0xd000941e, 0xc4089434 ->
                    BtrfsInfo.decode(c, code, out);
            case 0x40489426 -> Print.in(c, out, 72, b -> send(c, out, b));      // BTRFS_IOC_SEND
            case BtrfsAdmin.BALANCE_V2, BtrfsAdmin.BALANCE_PROGRESS, BtrfsAdmin.DEV_REPLACE,
                 BtrfsAdmin.SET_RECEIVED_SUBVOL, BtrfsAdmin.SET_FEATURES, BtrfsAdmin.GET_FEATURES,
                 BtrfsAdmin.GET_SUPPORTED_FEATURES, BtrfsAdmin.FS_INFO, BtrfsAdmin.QGROUP_LIMIT,
                 BtrfsAdmin.QUOTA_RESCAN_STATUS -> BtrfsAdmin.decode(c, code, out);
            case BtrfsInodes.INO_PATHS, BtrfsInodes.LOGICAL_INO -> BtrfsInodes.decode(c, code, out);
            default -> false;
        };
    }

    /** struct btrfs_ioctl_vol_args_v2 at entry, its transid at exit of a successful call (when the entry was read). */
    private static boolean volArgsV2(IoctlCall c, LineBuffer out) {
        Print.in(c, out, VOL_ARGS, b -> volArgsV2(c, out, b));
        if (c.unfinished() || c.failed() || c.address() == 0 || c.in(VOL_ARGS) == null) {
            return true;
        }
        ByteBuffer b = c.out(16);
        if (b == null) {
            c.address(out.append(" => "));
        } else {
            out.append(" => {transid=").appendUnsigned(b.getLong(8)).append('}');
        }
        return true;
    }

    private static void volArgsV2(IoctlCall c, LineBuffer out, ByteBuffer b) {
        c.fd(out.append("{fd="), (int) b.getLong(0));
        long flags = b.getLong(16);
        SNAP_FLAGS.flags(out.append(", flags="), flags);
        if ((flags & SUBVOL_QGROUP_INHERIT) != 0) {
            out.append(", size=").appendUnsigned(b.getLong(24));
            qgroupInherit(c, out.append(", qgroup_inherit="), b.getLong(32));
        }
        Print.cstring(c, out.append(", name="), b, 56, VOL_ARGS - 56);
        out.append('}');
    }

    /** struct btrfs_qgroup_inherit, its qgroups under -v (the recorder's part IOV 0). */
    private static void qgroupInherit(IoctlCall c, LineBuffer out, long address) {
        byte[] bytes = address == 0 ? null : c.pointed(false, 0);
        if (bytes == null || bytes.length < QGROUP_INHERIT) {
            Formats.pointer(out, address);
            return;
        }
        ByteBuffer q = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        INHERIT_FLAGS.flags(out.append("{flags="), q.getLong(0));
        long n = q.getLong(8);
        out.append(", num_qgroups=").appendUnsigned(n);
        out.append(", num_ref_copies=").appendUnsigned(q.getLong(16));
        out.append(", num_excl_copies=").appendUnsigned(q.getLong(24));
        BtrfsAdmin.qgroupLimit(out.append(", lim="), q, 32);
        if (c.abbrev()) {
            out.append(", ...}");
            return;
        }
        out.append(", qgroups=");
        if (n == 0) {
            out.append("[]}");
            return;
        }
        for (long k = 0; Long.compareUnsigned(k, n) < 0; k++) {
            int at = QGROUP_INHERIT + (int) (8 * k);
            if (k >= (bytes.length - QGROUP_INHERIT) / 8) {
                if (k == 0) {
                    Formats.pointer(out, address + QGROUP_INHERIT);
                } else {
                    Formats.hex(out.append(", ... /* "), address + at).append(" */]");
                }
                out.append('}');
                return;
            }
            out.append(k == 0 ? "[" : ", ").appendUnsigned(q.getLong(at));
        }
        out.append("]}");
    }

    /** struct btrfs_ioctl_send_args; its clone_sources (the recorder's part IOV 0) under -v. */
    private static void send(IoctlCall c, LineBuffer out, ByteBuffer b) {
        c.fd(out.append("{send_fd="), (int) b.getLong(0));
        long n = b.getLong(8);
        long sources = b.getLong(16);
        out.append(", clone_sources_count=").appendUnsigned(n).append(", clone_sources=");
        if (c.abbrev() || sources == 0) {
            Formats.pointer(out, sources);
        } else if (n == 0) {
            out.append("[]");
        } else {
            byte[] ids = c.pointed(false, 0);
            int have = ids == null ? 0 : ids.length / 8;
            if (have == 0) {
                Formats.pointer(out, sources);
            } else {
                ByteBuffer q = ByteBuffer.wrap(ids).order(ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; Long.compareUnsigned(k, n) < 0; k++) {
                    if (k == have) {
                        Formats.hex(out.append(", ... /* "), sources + 8L * k).append(" */");
                        break;
                    }
                    BtrfsSearch.xvalU(BtrfsSearch.OBJECTIDS, out.append(k == 0 ? "[" : ", "), q.getLong(8 * k));
                }
                out.append(']');
            }
        }
        BtrfsSearch.xvalU(BtrfsSearch.OBJECTIDS, out.append(", parent_root="), b.getLong(24));
        SEND_FLAGS.flags(out.append(", flags="), b.getLong(32));
        out.append('}');
    }

    /** printnum_int64 "%" PRIu64: {@code [N]}. */
    private static void u64(LineBuffer out, ByteBuffer b) {
        out.append('[').appendUnsigned(b.getLong(0)).append(']');
    }

    /** PRINT_FIELD_U64: UINT64_MAX by name, in the line's constant style. */
    static void u64Max(LineBuffer out, long v) {
        if (v == -1L && ConstStyle.current() == ConstStyle.ABBREV) {
            out.append("UINT64_MAX");
            return;
        }
        out.appendUnsigned(v);
        if (v == -1L && ConstStyle.current() == ConstStyle.VERBOSE) {
            ConstStyle.comment(out, "UINT64_MAX");
        }
    }
}
