package io.jtrace.recorder.capture;

import java.nio.ByteBuffer;

/**
 * What btrfs' (and the file systems' type 0x94) request structures point to or hold after the
 * size their request encodes, and strace prints, copied as part IOV 0 of the argument:
 * FIDEDUPERANGE's struct file_dedupe_range_info array (at entry and at exit), at exit the struct
 * btrfs_data_container INO_PATHS and LOGICAL_INO fill, SPACE_INFO's spaces and TREE_SEARCH_V2's
 * result buffer (its first 64 KiB); and TREE_SEARCH_V2's argument when it failed with EOVERFLOW.
 */
final class BtrfsCaptures {
    private static final int FIDEDUPERANGE = 0xc0189436;
    /** struct file_dedupe_range; its info array of dest_count (a u16) 32-byte elements follows it. */
    private static final int DEDUPE_RANGE = 24;
    private static final int DEDUPE_INFO = 32;
    private static final int DEDUPE_INFO_MAX = 0xffff * DEDUPE_INFO;

    private static final int INO_PATHS = 0xc0389423;
    private static final int LOGICAL_INO = 0xc0389424;
    /**
     * The container's size the caller gives (the kernel fills at most 4 KiB of INO_PATHS' and 64 KiB
     * of LOGICAL_INO's), at least its header and elem_cnt values.
     */
    private static final int CONTAINER = 16;
    private static final int CONTAINER_MAX = 64 * 1024;

    /** SPACE_INFO: its total_spaces struct btrfs_ioctl_space_info after the two counts (there are a few dozen kinds). */
    private static final int SPACE_INFO = 0xc0109414;
    private static final int SPACE_ARGS = 16;
    private static final int SPACE = 24;
    private static final long SPACES_MAX = 4096;
    /** TREE_SEARCH_V2: buf_size bytes of result buffer after the key and buf_size; strace -v prints the item headers. */
    private static final int TREE_SEARCH_V2 = 0xc0709411;
    private static final int SEARCH_KEY = 104;
    private static final int SEARCH_BUF_MAX = 64 * 1024;
    private static final int EOVERFLOW = 75;

    private BtrfsCaptures() {
    }

    static void at(int code, long arg, BufferReader r, boolean atExit) {
        switch (code) {
            case FIDEDUPERANGE -> {
                ByteBuffer range = r.struct(arg, DEDUPE_RANGE);
                long n = range == null ? 0 : range.getShort(16) & 0xffffL;
                if (n > 0) {
                    r.unsnapped(2, BufferReader.IOV, 0, arg + DEDUPE_RANGE, n * DEDUPE_INFO, DEDUPE_INFO_MAX, atExit);
                }
            }
            case INO_PATHS, LOGICAL_INO -> {
                ByteBuffer args = atExit ? r.struct(arg, 56) : null;
                if (args == null || args.getLong(48) == 0) {
                    return;
                }
                long container = args.getLong(48);
                long size = args.getLong(8);
                ByteBuffer head = r.struct(container, CONTAINER);
                long values = head == null ? 0 : CONTAINER + 8 * (head.getInt(8) & 0xffffffffL);
                long length = Math.max(Math.min(size & Long.MAX_VALUE, CONTAINER_MAX), Math.min(values, CONTAINER_MAX));
                r.unsnapped(2, BufferReader.IOV, 0, container, Math.max(length, CONTAINER), CONTAINER_MAX, true);
            }
            case SPACE_INFO -> {
                ByteBuffer args = atExit ? r.struct(arg, SPACE_ARGS) : null;
                long n = args == null ? 0 : Math.min(args.getLong(8) & Long.MAX_VALUE, SPACES_MAX);
                if (n > 0) {
                    r.unsnapped(2, BufferReader.IOV, 0, arg + SPACE_ARGS, n * SPACE, (int) (SPACES_MAX * SPACE), true);
                }
            }
            case TREE_SEARCH_V2 -> {
                ByteBuffer size = atExit ? r.struct(arg + SEARCH_KEY, 8) : null;
                long n = size == null ? 0 : Math.min(size.getLong(0) & Long.MAX_VALUE, SEARCH_BUF_MAX);
                if (n > 0) {
                    r.unsnapped(2, BufferReader.IOV, 0, arg + SEARCH_KEY + 8, n, SEARCH_BUF_MAX, true);
                }
            }
            default -> {
            }
        }
    }

    /** A failed call's argument strace reads at exit: TREE_SEARCH_V2's, whose buf_size says how large a buffer EOVERFLOW wants. */
    static void atFailedExit(int code, long arg, long ret, BufferReader r) {
        if (code == TREE_SEARCH_V2 && ret == -EOVERFLOW) {
            r.unsnapped(2, arg, SEARCH_KEY + 8, true);
        }
    }
}
