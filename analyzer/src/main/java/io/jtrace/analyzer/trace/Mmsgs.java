package io.jtrace.analyzer.trace;

import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The messages a sendmmsg or recvmmsg moved, from the vector of struct mmsghdr the recorder copied
 * after the call (format 1.4): how many bytes each carried (its msg_len).
 */
public final class Mmsgs {
    /** struct mmsghdr on LP64: msghdr (56 bytes), msg_len, padding. */
    private static final int SIZE = 64;
    private static final int MSG_LEN = 56;

    private Mmsgs() {
    }

    /** Whether the call is one of the two. */
    public static boolean isMmsg(String name) {
        return name.equals("sendmmsg") || name.equals("recvmmsg");
    }

    /** The msg_len of each message the call moved (its return value's count); null when not captured. */
    public static long[] lengths(RecordedSyscall s) {
        RecordedBuffer b = Calls.buffer(s, 1, Buffer.Part.WHOLE, true);
        long n = s.getRet();
        if (s.getUnfinished() || n <= 0 || b == null || b.getError() != 0 || b.getData().size() / SIZE < n) {
            return null;
        }
        ByteBuffer v = b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] lengths = new long[(int) n];
        for (int k = 0; k < n; k++) {
            lengths[k] = v.getInt(k * SIZE + MSG_LEN) & 0xffffffffL;
        }
        return lengths;
    }

    /** Bytes the call moved, all its messages together; -1 when not known (a trace before 1.4). */
    public static long bytes(RecordedSyscall s) {
        long[] lengths = lengths(s);
        if (lengths == null) {
            return s.getRet() <= 0 ? 0 : -1;
        }
        long total = 0;
        for (long n : lengths) {
            total += n;
        }
        return total;
    }
}
