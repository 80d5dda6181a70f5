package io.jtrace.analyzer.trace;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;

/** Reading a syscall record: arguments (trimmed trailing zeros restored) and captured buffers. */
public final class Calls {
    private Calls() {
    }

    /** Argument register {@code i}; the recorder omits trailing zero arguments. */
    public static long arg(Syscall s, int i) {
        return i < s.getArgsCount() ? s.getArgs(i) : 0;
    }

    /** The captured buffer for an argument, or null when none was captured. */
    public static Buffer buffer(Syscall s, int arg, Buffer.Part part, boolean atExit) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            Buffer b = s.getBuffers(i);
            if (b.getArg() == arg && b.getPart() == part && b.getAtExit() == atExit) {
                return b;
            }
        }
        return null;
    }

    /** Element {@code index} of a captured iovec array or msghdr part. */
    public static Buffer buffer(Syscall s, int arg, Buffer.Part part, int index, boolean atExit) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            Buffer b = s.getBuffers(i);
            if (b.getArg() == arg && b.getPart() == part && b.getIndex() == index && b.getAtExit() == atExit) {
                return b;
            }
        }
        return null;
    }
}
