package io.jtrace.analyzer.render;

import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;

/** perf_event_open's arguments: the perf_event_attr as {@link PerfAttr} prints it, the 64-bit flags. */
final class Perf {
    private static final int E2BIG = 7;
    private static final Flags OPEN_FLAGS = Flags.of("PERF_FLAG_???", "PERF_FLAG_FD_NO_GROUP", 1,
            "PERF_FLAG_FD_OUTPUT", 2, "PERF_FLAG_PID_CGROUP", 4, "PERF_FLAG_FD_CLOEXEC", 8);

    private Perf() {
    }

    /**
     * The attr (the recorder copies up to 128 bytes at entry), with " => " and the size the kernel
     * wrote back after E2BIG.
     */
    static final Arg ATTR = Arg.in((c, i, out) -> {
        Long newSize = null;
        if (c.ret() == -E2BIG) {
            RecordedBuffer b = c.part(i, Buffer.Part.IOV, 4, true);
            ByteBuffer size = c.struct(b, 4);
            newSize = size == null ? -1L : size.getInt(0) & 0xffffffffL;
        }
        RecordedBuffer attr = c.arg(i) == 0 ? null : c.part(i, Buffer.Part.IOV, 0, false);
        byte[] data = attr == null || attr.getError() != 0 ? null : attr.getData().toByteArray();
        PerfAttr.print(out, data, c.arg(i), c.abbrev(), c.verbose(), newSize);
    });

    /** strace's printflags64: all 64 bits of the register. */
    static final Arg FLAGS = Arg.in((c, i, out) -> OPEN_FLAGS.flags(out, c.arg(i)));
}
