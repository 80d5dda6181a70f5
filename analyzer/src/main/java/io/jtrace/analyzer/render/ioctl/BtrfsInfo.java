package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * btrfs' read-write requests about devices, inodes and space (strace's btrfs.c): INO_LOOKUP,
 * SPACE_INFO (its spaces under -v), SCRUB, SCRUB_PROGRESS, DEV_INFO and GET_DEV_STATS, their argument
 * at entry and {@code => {...}} at exit of a successful call.
 */
final class BtrfsInfo {
    private static final Flags SCRUB_FLAGS = IoctlXlat.table("btrfs_scrub_flags", "BTRFS_SCRUB_???");
    private static final String[] PROGRESS = {"data_extents_scrubbed", "tree_extents_scrubbed",
        "data_bytes_scrubbed", "tree_bytes_scrubbed", "read_errors", "csum_errors", "verify_errors", "no_csum",
        "csum_discards", "super_errors", "malloc_errors", "uncorrectable_errors", "corrected_errors",
        "last_physical", "unverified_errors"};
    private static final Flags DEV_STATS_FLAGS = IoctlXlat.table("btrfs_dev_stats_flags", "BTRFS_DEV_STATS_???");
    private static final Flags DEV_STAT_NAMES = IoctlXlat.table("btrfs_dev_stats_values", null);
    /** struct btrfs_ioctl_get_dev_stats: devid, nr_items, flags, BTRFS_DEV_STAT_VALUES_MAX values, padding. */
    private static final int DEV_STATS = 1032;
    private static final int DEV_STAT_VALUES = 5;
    private static final int ARGS = 4096;
    private static final Flags SPACE_FLAGS = IoctlXlat.table("btrfs_space_info_flags", "BTRFS_SPACE_INFO_???");
    /** struct btrfs_ioctl_space_info: flags, total_bytes, used_bytes. */
    private static final int SPACE = 24;
    private static final int SCRUB_ARGS = 1024;
    private static final int DEV_PATH = 3072;

    private BtrfsInfo() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0xd0009412 -> inOut(c, out, ARGS, b -> {                         // BTRFS_IOC_INO_LOOKUP
                BtrfsSearch.xvalU(BtrfsSearch.OBJECTIDS, out.append("{treeid="), b.getLong(0));
                BtrfsSearch.xvalU(BtrfsSearch.OBJECTIDS, out.append(", objectid="), b.getLong(8));
                out.append('}');
            }, (in, b) -> {
                out.append('{');
                if (in.getLong(0) == 0) {
                    BtrfsSearch.xvalU(BtrfsSearch.OBJECTIDS, out.append("treeid="), b.getLong(0));
                    out.append(", ");
                }
                Print.cstring(c, out.append("name="), b, 16, ARGS - 16);
                out.append('}');
            });
            case 0xc0109414 -> inOut(c, out, 16, b ->                             // BTRFS_IOC_SPACE_INFO
                    out.append("{space_slots=").appendUnsigned(b.getLong(0)).append('}'), (in, b) -> {
                long total = b.getLong(8);
                out.append("{total_spaces=").appendUnsigned(total);
                if (b.getLong(0) != 0 || total == 0) {
                    if (c.abbrev()) {
                        out.append(", ...");
                    } else {
                        // the spaces the kernel wrote after the counts (the recorder's part IOV 0 at exit)
                        IoctlArrays.print(c, out.append(", spaces="), c.pointed(true, 0), c.address() + 16, total, SPACE,
                                false, (o, e, at) -> {
                                    SPACE_FLAGS.flags(o.append("{flags="), e.getLong(at));
                                    o.append(", total_bytes=").appendUnsigned(e.getLong(at + 8));
                                    o.append(", used_bytes=").appendUnsigned(e.getLong(at + 16)).append('}');
                                });
                    }
                }
                out.append('}');
            });
            case 0xc400941b, 0xc400941d -> inOut(c, out, SCRUB_ARGS, b -> {      // BTRFS_IOC_SCRUB, SCRUB_PROGRESS
                Loop.dev(out.append("{devid="), b.getLong(0));
                if (code == 0xc400941b) {
                    out.append(", start=").appendUnsigned(b.getLong(8));
                    Btrfs.u64Max(out.append(", end="), b.getLong(16));
                    SCRUB_FLAGS.flags(out.append(", flags="), b.getLong(24));
                }
                out.append('}');
            }, (in, b) -> {
                out.append("{progress={");
                for (int i = 0; i < PROGRESS.length; i++) {
                    out.append(i == 0 ? "" : ", ").append(PROGRESS[i]).append('=').appendUnsigned(b.getLong(32 + 8 * i));
                }
                out.append("}}");
            });
            case 0xd000941e -> inOut(c, out, ARGS, b -> {                         // BTRFS_IOC_DEV_INFO
                Loop.dev(out.append("{devid="), b.getLong(0));
                if (!zero(b, 8, 16)) {
                    uuid(out.append(", uuid="), b, 8);
                }
                out.append('}');
            }, (in, b) -> {
                out.append('{');
                if (!zero(b, 8, 16)) {
                    uuid(out.append("uuid="), b, 8);
                    out.append(", ");
                }
                out.append("bytes_used=").appendUnsigned(b.getLong(24));
                out.append(", total_bytes=").appendUnsigned(b.getLong(32));
                Print.cstring(c, out.append(", path="), b, DEV_PATH, ARGS - DEV_PATH);
                out.append('}');
            });
            case 0xc4089434 -> inOut(c, out, DEV_STATS, b -> {                     // BTRFS_IOC_GET_DEV_STATS
                Loop.dev(out.append("{devid="), b.getLong(0));
                out.append(", nr_items=").appendUnsigned(b.getLong(8));
                DEV_STATS_FLAGS.flags(out.append(", flags="), b.getLong(16));
                out.append('}');
            }, (in, b) -> {
                long n = b.getLong(8);
                out.append("{nr_items=").appendUnsigned(n);
                DEV_STATS_FLAGS.flags(out.append(", flags="), b.getLong(16));
                out.append(", [");
                for (int i = 0; Long.compareUnsigned(i, n) < 0; i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    if (i >= DEV_STAT_VALUES) {
                        out.append("...");
                        break;
                    }
                    BtrfsSearch.xvalU(DEV_STAT_NAMES, out.append('['), i);
                    out.append("]=").appendUnsigned(b.getLong(24 + 8 * i));
                }
                out.append("]}");
            });
            default -> false;
        };
    }

    /** The argument at entry; {@code => } its result at exit of a successful call whose entry was read. */
    static boolean inOut(IoctlCall c, LineBuffer out, int size, Consumer<ByteBuffer> entry,
                                 BiConsumer<ByteBuffer, ByteBuffer> exit) {
        Print.in(c, out, size, entry);
        ByteBuffer in = c.address() == 0 ? null : c.in(size);
        if (in == null || c.unfinished() || c.failed()) {
            return true;
        }
        ByteBuffer b = c.out(size);
        if (b == null) {
            c.address(out.append(" => "));
        } else {
            out.append(" => ");
            exit.accept(in, b);
        }
        return true;
    }

    private static boolean zero(ByteBuffer b, int at, int n) {
        for (int i = 0; i < n; i++) {
            if (b.get(at + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** PRINT_FIELD_UUID: 01234567-89ab-cdef-fedc-ba9876543210. */
    static void uuid(LineBuffer out, ByteBuffer b, int at) {
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out.append('-');
            }
            int v = b.get(at + i) & 0xff;
            out.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
    }
}
