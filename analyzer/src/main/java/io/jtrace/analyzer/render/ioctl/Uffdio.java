package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** userfaultfd requests (strace's userfaultfd.c): the request at entry, what the kernel filled in at exit. */
final class Uffdio {
    private static final Flags FEATURES = Flags.of("UFFD_FEATURE_???", "UFFD_FEATURE_PAGEFAULT_FLAG_WP", 0x1L,
            "UFFD_FEATURE_EVENT_FORK", 0x2L, "UFFD_FEATURE_EVENT_REMAP", 0x4L, "UFFD_FEATURE_EVENT_REMOVE", 0x8L,
            "UFFD_FEATURE_MISSING_HUGETLBFS", 0x10L, "UFFD_FEATURE_MISSING_SHMEM", 0x20L,
            "UFFD_FEATURE_EVENT_UNMAP", 0x40L, "UFFD_FEATURE_SIGBUS", 0x80L, "UFFD_FEATURE_THREAD_ID", 0x100L,
            "UFFD_FEATURE_MINOR_HUGETLBFS", 0x200L, "UFFD_FEATURE_MINOR_SHMEM", 0x400L,
            "UFFD_FEATURE_EXACT_ADDRESS", 0x800L, "UFFD_FEATURE_WP_HUGETLBFS_SHMEM", 0x1000L);
    private static final Flags API_IOCTLS = Flags.of("_UFFDIO_???", "1<<_UFFDIO_REGISTER", 1L << 0x00,
            "1<<_UFFDIO_UNREGISTER", 1L << 0x01, "1<<_UFFDIO_API", 1L << 0x3f);
    private static final Flags RANGE_IOCTLS = Flags.of("UFFDIO_???", "1<<_UFFDIO_WAKE", 1L << 0x02,
            "1<<_UFFDIO_COPY", 1L << 0x03, "1<<_UFFDIO_ZEROPAGE", 1L << 0x04, "1<<_UFFDIO_WRITEPROTECT", 1L << 0x06,
            "1<<_UFFDIO_CONTINUE", 1L << 0x07);
    private static final Flags COPY_MODE = Flags.of("UFFDIO_COPY_???", "UFFDIO_COPY_MODE_DONTWAKE", 0x1L,
            "UFFDIO_COPY_MODE_WP", 0x2L);
    private static final Flags REGISTER_MODE = Flags.of("UFFDIO_REGISTER_MODE_???", "UFFDIO_REGISTER_MODE_MISSING", 0x1L,
            "UFFDIO_REGISTER_MODE_WP", 0x2L, "UFFDIO_REGISTER_MODE_MINOR", 0x4L);
    private static final Flags ZEROPAGE_MODE = Flags.of("UFFDIO_ZEROPAGE_???", "UFFDIO_ZEROPAGE_MODE_DONTWAKE", 0x1L);

    private Uffdio() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0xc018aa3f -> inOut(c, out, 24, b -> {                                     // UFFDIO_API
                Formats.hex(out.append("{api="), b.getLong(0));
                FEATURES.flags(out.append(", features="), b.getLong(8));
            }, (before, after) -> {
                if (before.getLong(8) != after.getLong(8)) {
                    FEATURES.flags(out.append(" => features="), after.getLong(8));
                }
                API_IOCTLS.flags(out.append(", ioctls="), after.getLong(16));
            });
            case 0xc028aa03 -> inOut(c, out, 40, b -> {                                     // UFFDIO_COPY
                Formats.hex(out.append("{dst="), b.getLong(0));
                Formats.hex(out.append(", src="), b.getLong(8));
                Formats.hex(out.append(", len="), b.getLong(16));
                COPY_MODE.flags(out.append(", mode="), b.getLong(24));
            }, (before, after) -> Formats.hex(out.append(", copy="), after.getLong(32)));
            case 0xc020aa00 -> inOut(c, out, 32, b -> {                                     // UFFDIO_REGISTER
                range(out.append("{range="), b);
                REGISTER_MODE.flags(out.append(", mode="), b.getLong(16));
            }, (before, after) -> RANGE_IOCTLS.flags(out.append(", ioctls="), after.getLong(24)));
            case 0xc020aa04 -> inOut(c, out, 32, b -> {                                     // UFFDIO_ZEROPAGE
                range(out.append("{range="), b);
                ZEROPAGE_MODE.flags(out.append(", mode="), b.getLong(16));
            }, (before, after) -> Formats.hex(out.append(", zeropage="), after.getLong(24)));
            case 0x8010aa01, 0x8010aa02 -> Print.in(c, out, 16, b -> range(out, b));       // UNREGISTER, WAKE
            default -> false;
        };
    }

    private static void range(LineBuffer out, ByteBuffer b) {
        Formats.hex(out.append("{start="), b.getLong(0));
        Formats.hex(out.append(", len="), b.getLong(8));
        out.append('}');
    }

    /** A structure opened at entry and closed at exit with the fields a successful call filled. */
    private static boolean inOut(IoctlCall c, LineBuffer out, int size, java.util.function.Consumer<ByteBuffer> entry,
                                 java.util.function.BiConsumer<ByteBuffer, ByteBuffer> exit) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(size);
        if (in == null) {
            c.address(out);
            return true;
        }
        entry.accept(in);
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer after = c.out(size);
        if (after != null) {
            exit.accept(in, after);
        }
        out.append('}');
        return true;
    }
}
