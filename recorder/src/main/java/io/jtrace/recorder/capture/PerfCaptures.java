package io.jtrace.recorder.capture;

import io.jtrace.recorder.trace.SyscallEvent;

/**
 * struct perf_event_attr as strace 6.1's perf.c reads it: up to sizeof(struct perf_event_attr)
 * (128 bytes) at entry, as many as are readable, for perf_event_open and
 * PERF_EVENT_IOC_MODIFY_ATTRIBUTES; after a perf_event_open that failed with E2BIG, the size
 * field the kernel wrote back.
 */
final class PerfCaptures {
    private static final int ATTR_MAX = 128;
    private static final int SIZE_OFFSET = 4;
    private static final int E2BIG = 7;

    private PerfCaptures() {
    }

    /** The attr at {@code address} as an IOV buffer (index 0) of argument {@code arg}. */
    static void attr(BufferReader r, int arg, long address, boolean atExit) {
        r.unsnapped(arg, BufferReader.IOV, 0, address, ATTR_MAX, ATTR_MAX, atExit);
    }

    static void openAtEntry(SyscallEvent c, BufferReader r) {
        if (c.arg(0) != 0) {
            attr(r, 0, c.arg(0), false);
        }
    }

    static void openAtExit(SyscallEvent c, BufferReader r) {
        if (c.arg(0) != 0 && c.returnValue() == -E2BIG) {
            r.unsnapped(0, BufferReader.IOV, SIZE_OFFSET, c.arg(0) + SIZE_OFFSET, 4, 4, true);
        }
    }
}
