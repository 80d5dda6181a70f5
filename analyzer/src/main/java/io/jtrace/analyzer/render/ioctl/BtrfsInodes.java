package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * btrfs' INO_PATHS and LOGICAL_INO (strace's btrfs.c): the request at entry, at exit of a
 * successful call the struct btrfs_data_container the kernel filled (the recorder's part IOV 0 at
 * exit): its counts, and under -v its paths or its (inode, offset, root) records.
 */
final class BtrfsInodes {
    static final int INO_PATHS = 0xc0389423;
    static final int LOGICAL_INO = 0xc0389424;

    private static final Flags LOGICAL_INO_FLAGS = IoctlXlat.table("btrfs_logical_ino_args_flags",
            "BTRFS_LOGICAL_INO_ARGS_???");
    /** struct btrfs_ioctl_ino_path_args and struct btrfs_ioctl_logical_ino_args. */
    private static final int ARGS = 56;
    /** struct btrfs_data_container before its u64 val[]. */
    private static final int CONTAINER = 16;
    /** One LOGICAL_INO record: inum, offset, root. */
    private static final int RECORD = 24;
    /** printpath reads at most PATH_MAX - 1 bytes and one more to see whether the path goes on. */
    private static final int PATH_MAX = 4096;

    private BtrfsInodes() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case INO_PATHS -> BtrfsInfo.inOut(c, out, ARGS, b -> {
                out.append("{inum=").appendUnsigned(b.getLong(0));
                out.append(", size=").appendUnsigned(b.getLong(8));
                Formats.pointer(out.append(", fspath="), b.getLong(48)).append('}');
            }, (in, b) -> {
                container(c, out.append("{fspath="), b.getLong(48), false);
                out.append('}');
            });
            case LOGICAL_INO -> BtrfsInfo.inOut(c, out, ARGS, b -> {
                out.append("{logical=").appendUnsigned(b.getLong(0));
                out.append(", size=").appendUnsigned(b.getLong(8));
                if (b.getLong(16) != 0 || b.getLong(24) != 0 || b.getLong(32) != 0) {
                    Formats.hex(out.append(", reserved=["), b.getLong(16));
                    Formats.hex(out.append(", "), b.getLong(24));
                    Formats.hex(out.append(", "), b.getLong(32)).append(']');
                }
                LOGICAL_INO_FLAGS.flags(out.append(", flags="), b.getLong(40));
                Formats.pointer(out.append(", inodes="), b.getLong(48)).append('}');
            }, (in, b) -> {
                container(c, out.append("{inodes="), b.getLong(48), true);
                out.append('}');
            });
            default -> false;
        };
    }

    /** struct btrfs_data_container at {@code address}: the address when it was not copied. */
    private static void container(IoctlCall c, LineBuffer out, long address, boolean records) {
        byte[] bytes = address == 0 ? null : c.pointed(true, 0);
        if (bytes == null || bytes.length < CONTAINER) {
            Formats.pointer(out, address);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long count = u32(b, 8);
        out.append("{bytes_left=").appendUnsigned(u32(b, 0));
        out.append(", bytes_missing=").appendUnsigned(u32(b, 4));
        out.append(", elem_cnt=").appendUnsigned(count);
        out.append(", elem_missed=").appendUnsigned(u32(b, 12));
        if (c.abbrev()) {
            out.append(", ...}");
            return;
        }
        byte[] val = Arrays.copyOfRange(bytes, CONTAINER, bytes.length);
        out.append(", val=");
        if (records) {
            IoctlArrays.print(c, out, val, address + CONTAINER, count / 3, RECORD, false, (o, e, at) -> o
                    .append("{inum=").appendUnsigned(e.getLong(at))
                    .append(", offset=").appendUnsigned(e.getLong(at + 8))
                    .append(", root=").appendUnsigned(e.getLong(at + 16)).append('}'));
        } else {
            IoctlArrays.print(c, out, val, address + CONTAINER, count, 8, false,
                    (o, e, at) -> path(c, o, b, address, e.getLong(at)));
        }
        out.append('}');
    }

    /**
     * printpath of a path the kernel wrote in the container, {@code offset} bytes after val: quoted up
     * to its NUL (at most PATH_MAX - 1 bytes, then "..."), the address when the copy ends before.
     */
    private static void path(IoctlCall c, LineBuffer out, ByteBuffer container, long address, long offset) {
        long at = CONTAINER + offset;
        int have = container.capacity();
        if (offset < 0 || at >= have) {
            Formats.pointer(out, address + CONTAINER + offset);
            return;
        }
        int start = (int) at;
        int size = Math.min(PATH_MAX, have - start);
        for (int i = start; i < start + size; i++) {
            if (container.get(i) == 0) {
                Print.cstring(c, out, container, start, size);
                return;
            }
        }
        if (size == PATH_MAX) {
            Print.cstring(c, out, container, start, size);
        } else {
            Formats.pointer(out, address + CONTAINER + offset);
        }
    }
}
