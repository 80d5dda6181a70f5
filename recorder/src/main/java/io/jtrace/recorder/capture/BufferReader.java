package io.jtrace.recorder.capture;

import com.google.protobuf.ByteString;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Buffer;
import io.jtrace.recorder.ptrace.TraceeBytes;
import io.jtrace.recorder.ptrace.TraceeMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies tracee memory into {@link Buffer} records, applying the snap length. Tracer thread only:
 * it holds the memory reader and a scratch array for small structures.
 */
public final class BufferReader {
    /** -s 0 means unlimited, up to what one record of the format may hold. */
    static final int UNLIMITED = TraceWriter.MAX_RECORD_BYTES - (1 << 20);

    private final TraceeMemory memory;
    private final int snaplen;
    private final byte[] scratch = new byte[64];
    private int tid;

    public BufferReader(TraceeMemory memory, long snaplen) {
        this.memory = memory;
        this.snaplen = snaplen <= 0 || snaplen > UNLIMITED ? UNLIMITED : (int) snaplen;
    }

    /** The thread whose memory the next copies read. */
    public void use(int tid) {
        this.tid = tid;
    }

    public int snaplen() {
        return snaplen;
    }

    /** A buffer of {@code length} bytes of which at most {@code keep} are copied. */
    Buffer.Builder copy(int arg, long address, long length, long keep, boolean atExit) {
        Buffer.Builder b = Buffer.newBuilder().setArg(arg).setAtExit(atExit).setAddress(address).setLength(length);
        if (address == 0 || length <= 0 || keep <= 0) {
            return b;
        }
        TraceeBytes bytes = memory.read(tid, address, length, (int) Math.min(keep, snaplen));
        if (bytes.failed()) {
            return b.setError(bytes.errno());
        }
        return b.setData(ByteString.copyFrom(bytes.data()));
    }

    Buffer.Builder copy(int arg, long address, long length, boolean atExit) {
        return copy(arg, address, length, length, atExit);
    }

    /** Reads a small structure (iovec array entry, msghdr, socklen_t) for the capture logic itself. */
    ByteBuffer struct(long address, int size) {
        if (address == 0) {
            return null;
        }
        int n = memory.readInto(tid, address, scratch, 0, size);
        if (n < size) {
            return null;
        }
        return ByteBuffer.wrap(scratch, 0, size).order(ByteOrder.nativeOrder());
    }
}
