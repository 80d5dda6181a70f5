package io.jtrace.recorder.capture;

import io.jtrace.recorder.capture.CaptureTable.Capture;
import io.jtrace.recorder.trace.SyscallEvent;

/** Copy rules of the smaller decoders: the extended attribute calls' values. */
final class MiscCaptures {
    private MiscCaptures() {
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
