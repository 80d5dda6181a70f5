package io.jtrace.recorder.capture;

import java.nio.ByteBuffer;

/**
 * What ioctl argument structures point to and strace prints, copied as part IOV of the argument:
 * V4L2's ({@link V4l2Captures}), the buffer of a TEE session request's struct tee_ioctl_buf_data,
 * a device mapper request's struct dm_ioctl with the payload its data_size covers, and btrfs'
 * struct btrfs_qgroup_inherit and BTRFS_IOC_SEND's clone_sources ({@link BtrfsCaptures} the others btrfs').
 */
final class IoctlPointers {
    private static final int TEE_OPEN_SESSION = 0x8010a402;
    private static final int TEE_INVOKE = 0x8010a403;
    private static final int TEE_SUPPL_RECV = 0x8010a406;
    private static final int TEE_SUPPL_SEND = 0x8010a407;
    /** TEE_MAX_ARG_SIZE: strace prints no longer buffer. */
    private static final int TEE_MAX_ARG_SIZE = 1024;

    /** The device mapper requests, DM_VERSION to DM_DEV_ARM_POLL: struct dm_ioctl and its data_size payload. */
    private static final int DM_FIRST = 0xc138fd00;
    private static final int DM_LAST = 0xc138fd10;
    private static final int DM_DATA_MAX = 64 * 1024;

    /** btrfs' vol_args_v2 requests: with BTRFS_SUBVOL_QGROUP_INHERIT, qgroup_inherit points to a struct btrfs_qgroup_inherit and its qgroups. */
    private static final int BTRFS_SNAP_CREATE_V2 = 0x50009417;
    private static final int BTRFS_SUBVOL_CREATE_V2 = 0x50009418;
    private static final long BTRFS_SUBVOL_QGROUP_INHERIT = 4;
    private static final int QGROUP_INHERIT = 72;
    private static final int QGROUPS_MAX = 1024;
    /** BTRFS_IOC_SEND: its clone_sources, clone_sources_count u64 ids (at most QGROUPS_MAX). */
    private static final int BTRFS_SEND = 0x40489426;

    private IoctlPointers() {
    }

    static void at(int code, long arg, BufferReader r, boolean atExit) {
        switch (code) {
            case TEE_OPEN_SESSION, TEE_INVOKE, TEE_SUPPL_RECV, TEE_SUPPL_SEND -> {
                ByteBuffer buf = r.struct(arg, 16);
                if (buf == null) {
                    return;
                }
                long len = buf.getLong(8);
                if (Long.compareUnsigned(len, TEE_MAX_ARG_SIZE) <= 0 && len > 0) {
                    r.unsnapped(2, BufferReader.IOV, 0, buf.getLong(0), len, TEE_MAX_ARG_SIZE, atExit);
                }
            }
            case BTRFS_SNAP_CREATE_V2, BTRFS_SUBVOL_CREATE_V2 -> {
                ByteBuffer args = atExit ? null : r.struct(arg + 16, 24);
                if (args != null && (args.getLong(0) & BTRFS_SUBVOL_QGROUP_INHERIT) != 0 && args.getLong(16) != 0) {
                    long inherit = args.getLong(16);
                    ByteBuffer head = r.struct(inherit + 8, 8);
                    long n = head == null ? 0 : Math.min(head.getLong(0) & Long.MAX_VALUE, QGROUPS_MAX);
                    r.unsnapped(2, BufferReader.IOV, 0, inherit, QGROUP_INHERIT + 8 * n,
                            (int) (QGROUP_INHERIT + 8 * QGROUPS_MAX), false);
                }
            }
            case BTRFS_SEND -> {
                ByteBuffer args = atExit ? null : r.struct(arg + 8, 16);
                if (args != null && args.getLong(8) != 0 && args.getLong(0) != 0) {
                    long n = Math.min(args.getLong(0) & Long.MAX_VALUE, QGROUPS_MAX);
                    r.unsnapped(2, BufferReader.IOV, 0, args.getLong(8), 8 * n, 8 * QGROUPS_MAX, false);
                }
            }
            default -> {
                if (code >= DM_FIRST && code <= DM_LAST) {
                    ByteBuffer dm = r.struct(arg, 16);
                    long size = dm == null ? 0 : dm.getInt(12) & 0xffffffffL;
                    // as far as data_size reaches, at least the header (which may end in an unreadable page)
                    r.unsnapped(2, BufferReader.IOV, 0, arg, Math.max(size, 305), DM_DATA_MAX, atExit);
                } else {
                    V4l2Captures.at(code, arg, r, atExit);
                    BtrfsCaptures.at(code, arg, r, atExit);
                }
            }
        }
    }
}
