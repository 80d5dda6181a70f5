package io.jtrace.recorder.capture;

import io.jtrace.recorder.trace.SyscallEvent;
import java.nio.ByteBuffer;

/**
 * sendmmsg's and recvmmsg's vectors of struct mmsghdr and what each message's msghdr points to,
 * as strace reads them: the vector is the WHOLE buffer of arg 1, and each message's name, iovec
 * elements and control data are MSG_NAME, IOV and MSG_CONTROL buffers of arg 1 carrying the
 * message's number ({@code Buffer.message}).
 */
final class MmsgCaptures {
    /** struct mmsghdr on LP64: a 56-byte msghdr, msg_len, padding. */
    static final int MMSGHDR_SIZE = 64;
    /** strace prints at most IOV_MAX messages of a vector... */
    private static final int MESSAGES_PRINTED = 1024;
    /** ...and reads one more to tell "..." from an unreadable end. */
    private static final int MESSAGES_READ = MESSAGES_PRINTED + 1;
    private static final int SOCKADDR_MAX = 128;
    /** The most iovec elements of one message copied (UIO_MAXIOV), and of all messages of a call. */
    private static final int IOV_MAX = 1024;
    private static final int IOVECS_PER_CALL = 8192;
    /** The most control data copied for all messages of a call, to keep the record within its limit. */
    private static final int CONTROL_PER_CALL = 256 * 1024;

    private MmsgCaptures() {
    }

    /** recvmmsg at entry: the vector as given, for the msg_namelen each message offered (strace's "0 => 38"). */
    static void recvmmsgAtEntry(SyscallEvent c, BufferReader r) {
        long count = Math.min(c.arg(2) & 0xffffffffL, MESSAGES_PRINTED);
        if (c.arg(1) != 0 && count > 0) {
            r.unsnapped(1, BufferReader.WHOLE, 0, c.arg(1), count * MMSGHDR_SIZE, (int) count * MMSGHDR_SIZE, false);
        }
    }

    /**
     * sendmmsg at exit, whether it failed or not (strace prints the vector then): the vector with
     * the msg_len the kernel wrote, each message's data whole (snapped).
     */
    static void sendmmsgAtExit(SyscallEvent c, BufferReader r) {
        messages(c, r, c.arg(2) & 0xffffffffL, false);
    }

    /** recvmmsg at exit (a successful call): the messages received, each message's iovecs filled up to its msg_len. */
    static void recvmmsgAtExit(SyscallEvent c, BufferReader r) {
        messages(c, r, c.returnValue(), true);
    }

    private static void messages(SyscallEvent c, BufferReader r, long count, boolean received) {
        long array = c.arg(1);
        int n = (int) Math.min(count, MESSAGES_READ);
        if (array == 0 || n <= 0) {
            return;
        }
        r.unsnapped(1, BufferReader.WHOLE, 0, array, (long) n * MMSGHDR_SIZE, n * MMSGHDR_SIZE, true);
        long snap = r.snaplen();
        int iovecs = IOVECS_PER_CALL;
        int control = CONTROL_PER_CALL;
        for (int i = 0; i < Math.min(n, MESSAGES_PRINTED); i++) {
            ByteBuffer m = r.struct(array + (long) MMSGHDR_SIZE * i, MMSGHDR_SIZE);
            if (m == null) {
                return; // the vector ends in unreadable memory
            }
            long name = m.getLong(0);
            long nameLength = m.getInt(8) & 0xffffffffL;
            long iov = m.getLong(16);
            long iovLength = m.getLong(24);
            long controlAddress = m.getLong(32);
            long controlLength = m.getLong(40);
            long msgLen = m.getInt(56) & 0xffffffffL;
            if (name != 0 && nameLength > 0) {
                long length = Math.min(nameLength, SOCKADDR_MAX);
                r.unsnapped(1, BufferReader.MSG_NAME, 0, name, length, SOCKADDR_MAX, true);
                r.message(i);
            }
            long left = received ? msgLen : Long.MAX_VALUE;
            int elements = (int) Math.min(Long.compareUnsigned(iovLength, IOV_MAX) > 0 ? IOV_MAX : iovLength, iovecs);
            for (int k = 0; k < elements; k++) {
                ByteBuffer v = r.struct(iov + 16L * k, 16);
                if (v == null) {
                    r.unreadable(1, BufferReader.IOV, k, true, iov + 16L * k, 14);
                    r.message(i);
                    break;
                }
                long base = v.getLong(0);
                long length = v.getLong(8);
                long keep = BufferReader.unsignedMin(BufferReader.unsignedMin(length, left), snap);
                r.copy(1, BufferReader.IOV, k, base, length, keep, true);
                r.message(i);
                left -= BufferReader.unsignedMin(length, left);
                snap -= keep;
            }
            iovecs -= elements;
            if (controlAddress != 0 && controlLength > 0) {
                long length = Math.min(Math.min(controlLength, ControlLimit.BYTES), control);
                r.unsnapped(1, BufferReader.MSG_CONTROL, 0, controlAddress, length, (int) length, true);
                r.message(i);
                control -= (int) length;
            }
        }
    }
}
