package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Dates;
import io.jtrace.analyzer.render.Flags;
import java.nio.ByteBuffer;
import java.time.ZoneId;

/**
 * btrfs' requests about the file system as a whole (strace's btrfs.c): BALANCE_V2 and
 * BALANCE_PROGRESS, DEV_REPLACE, the features (GET, SET, GET_SUPPORTED), FS_INFO, QGROUP_LIMIT,
 * QUOTA_RESCAN_STATUS and SET_RECEIVED_SUBVOL; a read-write one as {@code {in} => {out}}.
 */
final class BtrfsAdmin {
    static final int BALANCE_V2 = 0xc4009420;
    static final int BALANCE_PROGRESS = 0x84009422;
    static final int DEV_REPLACE = 0xca289435;
    static final int SET_RECEIVED_SUBVOL = 0xc0c89425;
    static final int SET_FEATURES = 0x40309439;
    static final int GET_FEATURES = 0x80189439;
    static final int GET_SUPPORTED_FEATURES = 0x80489439;
    static final int FS_INFO = 0x8400941f;
    static final int QGROUP_LIMIT = 0x8030942b;
    static final int QUOTA_RESCAN_STATUS = 0x8040942d;

    private static final Flags BALANCE_FLAGS = IoctlXlat.table("btrfs_balance_flags", "BTRFS_BALANCE_???");
    private static final Flags BALANCE_STATE = IoctlXlat.table("btrfs_balance_state", "BTRFS_BALANCE_STATE_???");
    private static final Flags BALANCE_ARGS = IoctlXlat.table("btrfs_balance_args", "BTRFS_BALANCE_ARGS_???");
    private static final Flags PROFILES = IoctlXlat.table("btrfs_space_info_flags", "BTRFS_BLOCK_GROUP_???");
    private static final Flags REPLACE_CMDS = IoctlXlat.table("btrfs_dev_replace_cmds", "BTRFS_IOCTL_DEV_REPLACE_CMD_???");
    private static final Flags REPLACE_RESULTS = IoctlXlat.table("btrfs_dev_replace_results",
            "BTRFS_IOCTL_DEV_REPLACE_RESULT_???");
    private static final Flags REPLACE_STATE = IoctlXlat.table("btrfs_dev_replace_state",
            "BTRFS_IOCTL_DEV_REPLACE_STATE_???");
    private static final Flags READING_MODE = IoctlXlat.table("btrfs_cont_reading_from_srcdev_mode",
            "BTRFS_IOCTL_DEV_REPLACE_CONT_READING_FROM_SRCDEV_MODE_???");
    private static final Flags COMPAT = IoctlXlat.table("btrfs_features_compat", "BTRFS_FEATURE_COMPAT_???");
    private static final Flags COMPAT_RO = IoctlXlat.table("btrfs_features_compat_ro", "BTRFS_FEATURE_COMPAT_RO_???");
    private static final Flags INCOMPAT = IoctlXlat.table("btrfs_features_incompat", "BTRFS_FEATURE_INCOMPAT_???");
    private static final Flags FS_INFO_FLAGS = IoctlXlat.table("btrfs_fs_info_flags", "BTRFS_FS_INFO_FLAG_???");
    private static final Flags CSUM_TYPES = IoctlXlat.table("btrfs_csum_types", "BTRFS_CSUM_TYPE_???");
    private static final Flags LIMIT_FLAGS = IoctlXlat.table("btrfs_qgroup_limit_flags", "BTRFS_QGROUP_LIMIT_???");

    /** struct btrfs_ioctl_balance_args and where its three struct btrfs_balance_args are. */
    private static final int BALANCE = 1024;
    private static final long BALANCE_DATA = 1;
    private static final long BALANCE_SYSTEM = 2;
    private static final long BALANCE_METADATA = 4;
    private static final int DATA = 16;
    private static final int META = 152;
    private static final int SYS = 288;
    /** struct btrfs_ioctl_dev_replace_args; its start parameters' two names of BTRFS_DEVICE_PATH_NAME_MAX + 1 bytes. */
    private static final int REPLACE = 2600;
    private static final long REPLACE_CMD_START = 0;
    private static final long REPLACE_CMD_STATUS = 1;
    private static final int DEVICE_NAME = 1025;
    private static final int RECEIVED_SUBVOL = 200;
    private static final int FEATURES = 24;
    private static final int FS_INFO_ARGS = 1024;
    private static final long FS_INFO_CSUM_INFO = 1;
    private static final long FS_INFO_GENERATION = 2;
    private static final long FS_INFO_METADATA_UUID = 4;

    private BtrfsAdmin() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case BALANCE_V2 -> balanceV2(c, out);
            case BALANCE_PROGRESS -> Print.out(c, out, BALANCE, b -> balance(out, b, true));
            case DEV_REPLACE -> BtrfsInfo.inOut(c, out, REPLACE, b -> {
                REPLACE_CMDS.hexValue(out.append("{cmd="), b.getLong(0));
                if (b.getLong(0) == REPLACE_CMD_START) {
                    Loop.dev(out.append(", start={srcdevid="), b.getLong(16));
                    READING_MODE.hexValue(out.append(", cont_reading_from_srcdev_mode="), b.getLong(24));
                    Print.cstring(c, out.append(", srcdev_name="), b, 32, DEVICE_NAME);
                    Print.cstring(c, out.append(", tgtdev_name="), b, 32 + DEVICE_NAME, DEVICE_NAME);
                    out.append('}');
                }
                out.append('}');
            }, (in, b) -> {
                REPLACE_RESULTS.hexValue(out.append("{result="), b.getLong(8));
                if (b.getLong(0) == REPLACE_CMD_STATUS) {
                    replaceStatus(out.append(", status="), b);
                }
                out.append('}');
            });
            case SET_RECEIVED_SUBVOL -> BtrfsInfo.inOut(c, out, RECEIVED_SUBVOL, b -> {
                BtrfsInfo.uuid(out.append("{uuid="), b, 0);
                out.append(", stransid=").appendUnsigned(b.getLong(16));
                timespec(out.append(", stime="), b, 32);
                out.append(", flags=").appendUnsigned(b.getLong(64)).append('}');
            }, (in, b) -> {
                out.append("{rtransid=").appendUnsigned(b.getLong(24));
                timespec(out.append(", rtime="), b, 48);
                out.append('}');
            });
            case SET_FEATURES -> Print.in(c, out, 2 * FEATURES, b -> {
                features(out.append('['), b, 0);
                features(out.append(", "), b, FEATURES);
                out.append(']');
            });
            case GET_FEATURES -> Print.out(c, out, FEATURES, b -> features(out, b, 0));
            case GET_SUPPORTED_FEATURES -> Print.out(c, out, 3 * FEATURES, b -> {
                features(out.append('['), b, 0);
                features(out.append(" /* supported */, "), b, FEATURES);
                features(out.append(" /* safe to set */, "), b, 2 * FEATURES);
                out.append(" /* safe to clear */]");
            });
            case FS_INFO -> Print.out(c, out, FS_INFO_ARGS, b -> fsInfo(out, b));
            case QGROUP_LIMIT -> Print.out(c, out, 48, b -> {
                out.append("{qgroupid=").appendUnsigned(b.getLong(0));
                qgroupLimit(out.append(", lim="), b, 8);
                out.append('}');
            });
            case QUOTA_RESCAN_STATUS -> Print.out(c, out, 64, b -> {
                out.append("{flags=").appendUnsigned(b.getLong(0));
                BtrfsSearch.xvalU(BtrfsSearch.OBJECTIDS, out.append(", progress="), b.getLong(8));
                out.append('}');
            });
            default -> false;
        };
    }

    /**
     * BALANCE_V2: the arguments at entry, {@code => } them with the state at exit of a successful
     * call (strace reads them again then, whether or not the entry could be read).
     */
    private static boolean balanceV2(IoctlCall c, LineBuffer out) {
        Print.in(c, out, BALANCE, b -> balance(out, b, false));
        if (c.unfinished() || c.failed() || !c.verbose()) {
            return true;
        }
        ByteBuffer b = c.address() == 0 ? null : c.out(BALANCE);
        out.append(" => ");
        if (b == null) {
            c.address(out);
        } else {
            balance(out, b, true);
        }
        return true;
    }

    /** struct btrfs_ioctl_balance_args: the flags, the state at exit, the arguments of the chunk types the flags name. */
    private static void balance(LineBuffer out, ByteBuffer b, boolean state) {
        long flags = b.getLong(0);
        BALANCE_FLAGS.flags(out.append("{flags="), flags);
        if (state) {
            BALANCE_STATE.flags(out.append(", state="), b.getLong(8));
        }
        if ((flags & BALANCE_DATA) != 0) {
            balanceArgs(out.append(", data="), b, DATA);
        }
        if ((flags & BALANCE_METADATA) != 0) {
            balanceArgs(out.append(", meta="), b, META);
        }
        if ((flags & BALANCE_SYSTEM) != 0) {
            balanceArgs(out.append(", sys="), b, SYS);
        }
        out.append('}');
    }

    /** struct btrfs_balance_args. */
    private static void balanceArgs(LineBuffer out, ByteBuffer b, int at) {
        PROFILES.flags(out.append("{profiles="), b.getLong(at));
        Btrfs.u64Max(out.append(", usage="), b.getLong(at + 8));
        Loop.dev(out.append(", devid="), b.getLong(at + 16));
        Btrfs.u64Max(out.append(", pstart="), b.getLong(at + 24));
        Btrfs.u64Max(out.append(", pend="), b.getLong(at + 32));
        Btrfs.u64Max(out.append(", vstart="), b.getLong(at + 40));
        Btrfs.u64Max(out.append(", vend="), b.getLong(at + 48));
        Btrfs.u64Max(out.append(", target="), b.getLong(at + 56));
        BALANCE_ARGS.flags(out.append(", flags="), b.getLong(at + 64));
        out.append('}');
    }

    /** The status parameters of a DEV_REPLACE status request: the progress in per mille and the times with their dates. */
    private static void replaceStatus(LineBuffer out, ByteBuffer b) {
        REPLACE_STATE.hexValue(out.append("{replace_state="), b.getLong(16));
        long progress = b.getLong(24);
        out.append(", progress_1000=").appendUnsigned(progress);
        if (Long.compareUnsigned(progress, 1000) <= 0) {
            out.append(" /* ").append(progress / 10).append('.').append(progress % 10).append("% */");
        }
        out.append(", time_started=").appendUnsigned(b.getLong(32));
        date(out, b.getLong(32), 0, 0, 0);
        out.append(", time_stopped=").appendUnsigned(b.getLong(40));
        date(out, b.getLong(40), 0, 0, 0);
        out.append(", num_write_errors=").appendUnsigned(b.getLong(48));
        out.append(", num_uncorrectable_read_errors=").appendUnsigned(b.getLong(56)).append('}');
    }

    /** struct btrfs_ioctl_timespec (u64 sec, u32 nsec) and its date in a comment. */
    private static void timespec(LineBuffer out, ByteBuffer b, int at) {
        long sec = b.getLong(at);
        long nsec = u32(b, at + 8);
        out.append("{sec=").appendUnsigned(sec).append(", nsec=").appendUnsigned(nsec).append('}');
        date(out, sec, nsec, 999_999_999L, 9);
    }

    /** strace's tprints_comment(sprinttime_ex(...)): the local date, nothing for zero or a time out of range. */
    private static void date(LineBuffer out, long sec, long part, long maxPart, int width) {
        String date = Dates.sprinttime(sec, part, maxPart, width, ZoneId.systemDefault());
        if (date != null) {
            out.append(" /* ").append(date).append(" */");
        }
    }

    /** struct btrfs_ioctl_feature_flags. */
    private static void features(LineBuffer out, ByteBuffer b, int at) {
        COMPAT.flags(out.append("{compat_flags="), b.getLong(at));
        COMPAT_RO.flags(out.append(", compat_ro_flags="), b.getLong(at + 8));
        INCOMPAT.flags(out.append(", incompat_flags="), b.getLong(at + 16));
        out.append('}');
    }

    /** struct btrfs_ioctl_fs_info_args: the checksum, generation and metadata uuid as its flags say they are there. */
    private static void fsInfo(LineBuffer out, ByteBuffer b) {
        long flags = b.getLong(48);
        out.append("{max_id=").appendUnsigned(b.getLong(0));
        out.append(", num_devices=").appendUnsigned(b.getLong(8));
        BtrfsInfo.uuid(out.append(", fsid="), b, 16);
        out.append(", nodesize=").appendUnsigned(u32(b, 32));
        out.append(", sectorsize=").appendUnsigned(u32(b, 36));
        out.append(", clone_alignment=").appendUnsigned(u32(b, 40));
        if ((flags & FS_INFO_CSUM_INFO) != 0) {
            CSUM_TYPES.hexValue(out.append(", csum_type="), b.getShort(44) & 0xffffL);
            out.append(", csum_size=").appendUnsigned(b.getShort(46) & 0xffffL);
        }
        FS_INFO_FLAGS.flags(out.append(", flags="), flags);
        if ((flags & FS_INFO_GENERATION) != 0) {
            out.append(", generation=").appendUnsigned(b.getLong(56));
        }
        if ((flags & FS_INFO_METADATA_UUID) != 0) {
            BtrfsInfo.uuid(out.append(", metadata_uuid="), b, 64);
        }
        out.append('}');
    }

    /** struct btrfs_qgroup_limit at {@code at}. */
    static void qgroupLimit(LineBuffer out, ByteBuffer b, int at) {
        LIMIT_FLAGS.flags(out.append("{flags="), b.getLong(at));
        out.append(", max_rfer=").appendUnsigned(b.getLong(at + 8));
        out.append(", max_excl=").appendUnsigned(b.getLong(at + 16));
        out.append(", rsv_rfer=").appendUnsigned(b.getLong(at + 24));
        out.append(", rsv_excl=").appendUnsigned(b.getLong(at + 32)).append('}');
    }
}
