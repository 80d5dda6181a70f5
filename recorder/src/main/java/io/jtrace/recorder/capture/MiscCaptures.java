package io.jtrace.recorder.capture;

import io.jtrace.recorder.capture.CaptureTable.Capture;
import io.jtrace.recorder.trace.SyscallEvent;

/**
 * Copy rules of the smaller decoders: the extended attribute calls' values, POSIX message queues,
 * finit_module's and kexec_file_load's strings.
 */
final class MiscCaptures {
    private static final long O_CREAT = 0100;
    /** struct mq_attr: four longs and four reserved. */
    private static final int MQ_ATTR_SIZE = 64;
    private static final int TIMESPEC_SIZE = 16;
    /** strace's struct_sigevent on LP64: value, signo, notify, then a tid or function and attributes. */
    private static final int SIGEVENT_SIZE = 32;

    private MiscCaptures() {
    }

    /** finit_module's parameters: a string, what could be read of it when memory ends before its NUL. */
    static void finitModuleAtEntry(SyscallEvent c, BufferReader r) {
        r.stringOrWhatIsReadable(1, c.arg(1), false, BufferReader.PATH_MAX);
    }

    /** kexec_file_load's command line: arg 2 bytes, snapped. */
    static void kexecFileLoadAtEntry(SyscallEvent c, BufferReader r) {
        r.copy(3, c.arg(3), c.arg(2), false);
    }

    /** mq_open's name and, with O_CREAT, its struct mq_attr. */
    static void mqOpenAtEntry(SyscallEvent c, BufferReader r) {
        r.string(0, c.arg(0), false);
        if ((c.arg(1) & O_CREAT) != 0) {
            structure(r, 3, c.arg(3), MQ_ATTR_SIZE, false);
        }
    }

    /** mq_timedsend's message (arg 2 bytes, snapped) and its timeout. */
    static void mqTimedsendAtEntry(SyscallEvent c, BufferReader r) {
        r.copy(1, c.arg(1), c.arg(2), false);
        structure(r, 4, c.arg(4), TIMESPEC_SIZE, false);
    }

    /** mq_timedreceive's timeout, which the kernel reads at entry. */
    static void mqTimedreceiveAtEntry(SyscallEvent c, BufferReader r) {
        structure(r, 4, c.arg(4), TIMESPEC_SIZE, false);
    }

    /** The message received (the return value's bytes) and its priority. */
    static void mqTimedreceiveAtExit(SyscallEvent c, BufferReader r) {
        r.copy(1, c.arg(1), c.returnValue(), true);
        structure(r, 3, c.arg(3), 4, true);
    }

    static void mqNotifyAtEntry(SyscallEvent c, BufferReader r) {
        structure(r, 1, c.arg(1), SIGEVENT_SIZE, false);
    }

    /** mq_getsetattr's new attributes, read by the kernel. */
    static void mqGetsetattrAtEntry(SyscallEvent c, BufferReader r) {
        structure(r, 1, c.arg(1), MQ_ATTR_SIZE, false);
    }

    /** mq_getsetattr's old attributes, written by the kernel. */
    static void mqGetsetattrAtExit(SyscallEvent c, BufferReader r) {
        structure(r, 2, c.arg(2), MQ_ATTR_SIZE, true);
    }

    /** A structure never cut by the snap length; NULL gets no buffer. */
    private static void structure(BufferReader r, int arg, long address, int size, boolean atExit) {
        if (address != 0) {
            r.unsnapped(arg, address, size, atExit);
        }
    }

    /**
     * setxattr's strings ({@code stringArgs}: the path and the name, or the name alone) and its
     * value, as many bytes as argument 3 says (the snap length applies: strace prints -s of them).
     */
    static Capture setxattrAtEntry(int... stringArgs) {
        Capture strings = Captures.stringsAtEntry(stringArgs);
        return (c, r) -> {
            strings.capture(c, r);
            r.copy(2, c.arg(2), c.arg(3), false);
        };
    }

    /** getxattr's value: the bytes the call returned. */
    static void getxattrAtExit(SyscallEvent c, BufferReader r) {
        r.copy(2, c.arg(2), c.returnValue(), true);
    }
}
