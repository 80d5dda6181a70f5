package io.jtrace.analyzer.trace;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Syscall;
import java.util.Set;

/** Reading a syscall record: arguments (trimmed trailing zeros restored) and captured buffers. */
public final class Calls {
    /** Syscalls that move payload in: the bytes they return are data read from the fd. */
    public static final Set<String> READS = Set.of("read", "pread64", "readv", "preadv", "preadv2", "recvfrom",
            "recvmsg", "recvmmsg", "mq_timedreceive");
    /** Syscalls that move payload out (sendfile's bytes are not captured, only counted). */
    public static final Set<String> WRITES = Set.of("write", "pwrite64", "writev", "pwritev", "pwritev2", "vmsplice",
            "sendto", "sendmsg", "sendmmsg", "sendfile", "mq_timedsend");

    private Calls() {
    }

    /**
     * Whether a captured buffer of a read or write call is payload: iovec elements, or the data
     * buffer of argument 1 (for sendmsg/recvmsg that argument is the msghdr, not data).
     */
    public static boolean isPayload(String name, Buffer b) {
        return b.getPart() == Buffer.Part.IOV
                || b.getPart() == Buffer.Part.WHOLE && b.getArg() == 1 && !name.endsWith("msg");
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

    /** A part of message {@code message} of a sendmmsg/recvmmsg vector (Buffer.message). */
    public static Buffer buffer(Syscall s, int arg, Buffer.Part part, int message, int index, boolean atExit) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            Buffer b = s.getBuffers(i);
            if (b.getArg() == arg && b.getPart() == part && b.getMessage() == message && b.getIndex() == index
                    && b.getAtExit() == atExit) {
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
