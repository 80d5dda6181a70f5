package io.jtrace.recorder.capture;

import io.jtrace.format.TraceWriter;
import io.jtrace.recorder.output.RawSyscall;
import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.TraceeMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies tracee memory into the buffers of a {@link RawSyscall}, straight into its off-heap memory,
 * applying the snap length (paths excepted: they are kept whole, as strace prints them). Tracer
 * thread only: it holds the memory reader and scratch space for small structures and strings.
 */
public final class BufferReader {
    /** -s 0 means unlimited, up to what one record of the format may hold (--help and README say so). */
    public static final int MAX_SNAPLEN = TraceWriter.MAX_RECORD_BYTES - (1 << 20);
    /** PATH_MAX: the longest path the kernel accepts, terminating NUL included. */
    static final int PATH_MAX = 4096;
    /** First read of a string: most paths are shorter, and a read past a page end only comes back short. */
    private static final int STRING_FIRST_READ = 256;
    static final int WHOLE = 0;
    static final int IOV = 1;
    static final int MSG_NAME = 2;
    static final int MSG_CONTROL = 3;

    private final TraceeMemory memory;
    private final int snaplen;
    private final byte[] scratch = new byte[64];
    private final ByteBuffer struct = ByteBuffer.wrap(scratch).order(ByteOrder.nativeOrder());
    private final byte[] string = new byte[PATH_MAX];
    private int tid;
    private RawSyscall record;

    public BufferReader(TraceeMemory memory, long snaplen) {
        this.memory = memory;
        this.snaplen = snaplen <= 0 || snaplen > MAX_SNAPLEN ? MAX_SNAPLEN : (int) snaplen;
    }

    /** The thread whose memory the next copies read, and the record they go to. */
    public void use(int tid, RawSyscall record) {
        this.tid = tid;
        this.record = record;
    }

    public int snaplen() {
        return snaplen;
    }

    /**
     * A buffer of {@code length} bytes of which at most {@code keep} are copied; both are unsigned
     * (a size_t of -1, as strace's tests pass, is a huge buffer whose first bytes may be readable).
     */
    void copy(int arg, int part, int index, long address, long length, long keep, boolean atExit) {
        record.buffer(arg, part, index, atExit, address, length);
        if (address == 0 || length == 0 || keep == 0) {
            return;
        }
        read(address, (int) unsignedMin(unsignedMin(length, keep), snaplen));
    }

    static long unsignedMin(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? a : b;
    }

    void copy(int arg, long address, long length, boolean atExit) {
        copy(arg, WHOLE, 0, address, length, length, atExit);
    }

    private void read(long address, int want) {
        int n = memory.readNative(tid, address, record.reserve(want), want);
        if (n < 0) {
            record.fail(-n);
        } else {
            record.fill(n);
        }
    }

    /**
     * A NUL-terminated string (a path) whole, as strace prints it: the snap length does not apply.
     * The buffer's length and data are the bytes before the NUL; with no NUL in the first
     * {@link #PATH_MAX} bytes, those {@code PATH_MAX} bytes. Memory that ends before a NUL is an
     * error (EFAULT), as the kernel itself would fail the call. Null pointer: no buffer.
     */
    void string(int arg, long address, boolean atExit) {
        string(arg, address, atExit, PATH_MAX);
    }

    /** A NUL-terminated string as {@link #string(int, long, boolean)} reads it, but of at most {@code max} bytes. */
    void string(int arg, long address, boolean atExit, int max) {
        string(arg, address, atExit, max, false);
    }

    /**
     * A NUL-terminated string of at most {@code max} bytes, as {@link #string(int, long, boolean, int)}
     * reads it, except that memory which ends before a NUL keeps the bytes read, with {@code length}
     * {@code max}: how much of it a reader may print depends on its -s (strace's memfd_create name).
     */
    void stringOrWhatIsReadable(int arg, long address, boolean atExit, int max) {
        string(arg, address, atExit, max, true);
    }

    /** A NUL-terminated string as {@link #string(int, long, boolean, int)} reads it, as one part of an argument. */
    void string(int arg, int part, int index, long address, boolean atExit, int max) {
        string(arg, part, index, address, atExit, max, false);
    }

    private void string(int arg, long address, boolean atExit, int max, boolean keepShort) {
        string(arg, WHOLE, 0, address, atExit, max, keepShort);
    }

    private void string(int arg, int part, int index, long address, boolean atExit, int max, boolean keepShort) {
        if (address == 0) {
            return;
        }
        record.buffer(arg, part, index, atExit, address, 0);
        int have = 0;
        int want = Math.min(STRING_FIRST_READ, max);
        while (true) {
            int n = memory.readInto(tid, address + have, string, have, want - have);
            if (n < 0 && have == 0) {
                record.fail(-n);
                return;
            }
            int end = have;
            int got = have + Math.max(n, 0);
            while (end < got && string[end] != 0) {
                end++;
            }
            if (end < got || got == max) {
                record.length(end);
                record.fill(string, 0, end);
                return;
            }
            if (got < want) {
                if (keepShort) {
                    record.length(max);
                    record.fill(string, 0, got);
                } else {
                    record.fail(Errno.EFAULT); // readable memory ended before the NUL
                }
                return;
            }
            have = got;
            want = max;
        }
    }

    /** The first {@code length} bytes at {@code address}, however long the snap length (a readlink result). */
    void unsnapped(int arg, long address, long length, boolean atExit) {
        unsnapped(arg, WHOLE, 0, address, length, MAX_SNAPLEN, atExit);
    }

    /**
     * A structure (a sockaddr, control messages, a socket option's value) of {@code length} bytes
     * of which the first {@code max} are copied whatever the snap length: strace prints structures
     * whole, so a short copy must mean that the memory ended, not that the snap length cut it.
     */
    void unsnapped(int arg, int part, int index, long address, long length, int max, boolean atExit) {
        record.buffer(arg, part, index, atExit, address, length);
        if (address == 0 || length <= 0) {
            return;
        }
        read(address, (int) Math.min(length, max));
    }

    /**
     * A NULL-terminated array of pointers (execve's argv and envp) as one buffer: the words up to
     * and including the NULL, at most {@code maxWords}; error EFAULT when memory ends before the
     * NULL (the data then holds the words that could be read). Returns the pointers before the NULL.
     */
    long[] pointerArray(int arg, long address, int maxWords) {
        record.buffer(arg, WHOLE, 0, false, address, 0);
        byte[] words = new byte[Math.min(maxWords, 512) * Long.BYTES];
        ByteBuffer view = ByteBuffer.wrap(words).order(ByteOrder.nativeOrder());
        int have = 0;
        int count = 0;
        boolean terminated = false;
        boolean unreadable = false;
        while (!terminated && count < maxWords) {
            if (have == words.length) {
                words = java.util.Arrays.copyOf(words, Math.min(words.length * 2, maxWords * Long.BYTES));
                view = ByteBuffer.wrap(words).order(ByteOrder.nativeOrder());
            }
            int n = memory.readInto(tid, address + have, words, have, words.length - have);
            if (n < Long.BYTES) {
                unreadable = true; // the next word is not (wholly) readable
                break;
            }
            int end = have + n - n % Long.BYTES;
            for (; have < end && !terminated && count < maxWords; have += Long.BYTES) {
                if (view.getLong(have) == 0) {
                    terminated = true;
                } else {
                    count++;
                }
            }
        }
        record.length(have);
        record.fill(words, 0, have);
        if (unreadable) {
            record.fail(Errno.EFAULT);
        }
        long[] pointers = new long[count];
        for (int i = 0; i < count; i++) {
            pointers[i] = view.getLong(i * Long.BYTES);
        }
        return pointers;
    }

    /** The buffer copied last belongs to message {@code message} of a sendmmsg/recvmmsg vector. */
    void message(int message) {
        record.message(message);
    }

    /** A buffer that is not read: the memory it points to is known to be unreadable. */
    void unreadable(int arg, int part, int index, boolean atExit, long address, int errno) {
        record.buffer(arg, part, index, atExit, address, 0);
        record.fail(errno);
    }

    /**
     * Reads a small structure (iovec array entry, msghdr, socklen_t) for the capture logic itself,
     * into one reused buffer valid until the next call; null when unreadable.
     */
    ByteBuffer struct(long address, int size) {
        if (address == 0) {
            return null;
        }
        int n = memory.readInto(tid, address, scratch, 0, size);
        return n < size ? null : struct;
    }
}
