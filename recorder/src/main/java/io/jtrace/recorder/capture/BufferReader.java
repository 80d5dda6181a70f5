package io.jtrace.recorder.capture;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Buffer;
import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.TraceeBytes;
import io.jtrace.recorder.ptrace.TraceeMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies tracee memory into {@link Buffer} records, applying the snap length (paths excepted: they
 * are kept whole, as strace prints them). Tracer thread only:
 * it holds the memory reader and a scratch array for small structures.
 */
public final class BufferReader {
    /** -s 0 means unlimited, up to what one record of the format may hold (--help and README say so). */
    public static final int MAX_SNAPLEN = TraceWriter.MAX_RECORD_BYTES - (1 << 20);
    /** PATH_MAX: the longest path the kernel accepts, terminating NUL included. */
    static final int PATH_MAX = 4096;
    /** First read of a string: most paths are shorter, and a read past a page end only comes back short. */
    private static final int STRING_FIRST_READ = 256;

    private final TraceeMemory memory;
    private final int snaplen;
    private final byte[] scratch = new byte[64];
    private final byte[] string = new byte[PATH_MAX];
    private int tid;

    public BufferReader(TraceeMemory memory, long snaplen) {
        this.memory = memory;
        this.snaplen = snaplen <= 0 || snaplen > MAX_SNAPLEN ? MAX_SNAPLEN : (int) snaplen;
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
        return b.setData(wrap(bytes.data()));
    }

    /**
     * A NUL-terminated string (a path) whole, as strace prints it: the snap length does not apply.
     * {@code length} and {@code data} are the bytes before the NUL; with no NUL in the first
     * {@link #PATH_MAX} bytes, those {@code PATH_MAX} bytes. Memory that ends before a NUL is an
     * error (EFAULT), as the kernel itself would fail the call. Null pointer: null, no buffer.
     */
    Buffer.Builder string(int arg, long address, boolean atExit) {
        return string(arg, address, atExit, PATH_MAX);
    }

    /** A NUL-terminated string as {@link #string(int, long, boolean)} reads it, but of at most {@code max} bytes. */
    Buffer.Builder string(int arg, long address, boolean atExit, int max) {
        if (address == 0) {
            return null;
        }
        Buffer.Builder b = Buffer.newBuilder().setArg(arg).setAtExit(atExit).setAddress(address);
        int have = 0;
        int want = Math.min(STRING_FIRST_READ, max);
        while (true) {
            int n = memory.readInto(tid, address + have, string, have, want - have);
            if (n < 0 && have == 0) {
                return b.setError(-n);
            }
            int end = have;
            int got = have + Math.max(n, 0);
            while (end < got && string[end] != 0) {
                end++;
            }
            if (end < got || got == max) {
                return b.setLength(end).setData(ByteString.copyFrom(string, 0, end));
            }
            if (got < want) {
                return b.setError(Errno.EFAULT); // readable memory ended before the NUL
            }
            have = got;
            want = max;
        }
    }

    /** The first {@code length} bytes at {@code address}, however long the snap length (a readlink result). */
    Buffer.Builder unsnapped(int arg, long address, long length, boolean atExit) {
        Buffer.Builder b = Buffer.newBuilder().setArg(arg).setAtExit(atExit).setAddress(address).setLength(length);
        if (address == 0 || length <= 0) {
            return b;
        }
        TraceeBytes bytes = memory.read(tid, address, length, (int) Math.min(length, MAX_SNAPLEN));
        return bytes.failed() ? b.setError(bytes.errno()) : b.setData(wrap(bytes.data()));
    }

    /**
     * The copy's own array, wrapped rather than copied again: it is fresh for each read and never
     * written afterwards, and with -s 0 a second copy would double the tracer's memory per record.
     */
    private static ByteString wrap(byte[] data) {
        return UnsafeByteOperations.unsafeWrap(data);
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
