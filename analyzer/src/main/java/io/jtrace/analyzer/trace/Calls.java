package io.jtrace.analyzer.trace;

import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import java.util.Set;

/** Reading a syscall record: arguments (trimmed trailing zeros restored) and captured buffers. */
public final class Calls {
    /** Syscalls that move payload in: the bytes they return are data read from the fd. */
    public static final Set<String> READS = Set.of("read", "pread64", "readv", "preadv", "preadv2", "recvfrom",
            "recvmsg", "recvmmsg", "mq_timedreceive");
    /** Syscalls that move payload out (sendfile's bytes are not captured, only counted). */
    public static final Set<String> WRITES = Set.of("write", "pwrite64", "writev", "pwritev", "pwritev2", "vmsplice",
            "sendto", "sendmsg", "sendmmsg", "sendfile", "mq_timedsend");

    /** Which way a call moves payload on its fd: {@link #READS} in, {@link #WRITES} out, or neither. */
    public enum Flow { IN, OUT, NONE }

    private record NamedFlow(String name, Flow flow) {}

    /**
     * Flows by the identity of the name: records' names are the syscall table's Strings, so a view asking per record
     * finds its answer without a set's hashing and equals. Entries are immutable, so threads may share it.
     */
    private static final NamedFlow[] FLOWS = new NamedFlow[512];

    private Calls() {
    }

    /** The flow of the call named so. */
    public static Flow flow(String name) {
        int slot = name.hashCode() & (FLOWS.length - 1);
        NamedFlow known = FLOWS[slot];
        if (known != null && known.name() == name) {
            return known.flow();
        }
        Flow f = READS.contains(name) ? Flow.IN : WRITES.contains(name) ? Flow.OUT : Flow.NONE;
        FLOWS[slot] = new NamedFlow(name, f);
        return f;
    }

    /**
     * Whether a captured buffer of a read or write call is payload: iovec elements, or the data
     * buffer of argument 1 (for sendmsg/recvmsg that argument is the msghdr, not data).
     */
    public static boolean isPayload(String name, RecordedBuffer b) {
        return isPayload(isMsgCall(name), b);
    }

    /** Whether the call's name ends in "msg" (sendmsg, recvmmsg, ...): a msghdr, not data, is its argument 1. */
    static boolean isMsgCall(String name) {
        // not endsWith: C1 (the analyzer's compiler) makes a loop of it, and this is asked of every read and write
        int n = name.length();
        return n >= 3 && name.charAt(n - 1) == 'g' && name.charAt(n - 2) == 's' && name.charAt(n - 3) == 'm';
    }

    /** {@link #isPayload(String, RecordedBuffer)} for a call whose name ends in "msg" or not. */
    static boolean isPayload(boolean msgCall, RecordedBuffer b) {
        Buffer.Part part = b.getPart();
        return part == Buffer.Part.IOV || part == Buffer.Part.WHOLE && b.getArg() == 1 && !msgCall;
    }

    /** Argument register {@code i}; the recorder omits trailing zero arguments. */
    public static long arg(RecordedSyscall s, int i) {
        return i < s.getArgsCount() ? s.getArgs(i) : 0;
    }

    /** The captured buffer for an argument, or null when none was captured. */
    public static RecordedBuffer buffer(RecordedSyscall s, int arg, Buffer.Part part, boolean atExit) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            RecordedBuffer b = s.getBuffers(i);
            if (b.getArg() == arg && b.getPart() == part && b.getAtExit() == atExit) {
                return b;
            }
        }
        return null;
    }

    /** A part of message {@code message} of a sendmmsg/recvmmsg vector (RecordedBuffer.message). */
    public static RecordedBuffer buffer(RecordedSyscall s, int arg, Buffer.Part part, int message, int index, boolean atExit) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            RecordedBuffer b = s.getBuffers(i);
            if (b.getArg() == arg && b.getPart() == part && b.getMessage() == message && b.getIndex() == index
                    && b.getAtExit() == atExit) {
                return b;
            }
        }
        return null;
    }

    /** Element {@code index} of a captured iovec array or msghdr part. */
    public static RecordedBuffer buffer(RecordedSyscall s, int arg, Buffer.Part part, int index, boolean atExit) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            RecordedBuffer b = s.getBuffers(i);
            if (b.getArg() == arg && b.getPart() == part && b.getIndex() == index && b.getAtExit() == atExit) {
                return b;
            }
        }
        return null;
    }
}
