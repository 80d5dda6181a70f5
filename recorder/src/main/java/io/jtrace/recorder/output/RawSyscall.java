package io.jtrace.recorder.output;

import io.jtrace.recorder.ptrace.Native;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * One syscall as raw values in off-heap memory, laid out as the {@link RecordQueue}'s ring holds
 * it: the tracer copies tracee buffers straight into it and the writer encodes the protobuf from
 * the same layout ({@link SyscallEncoder}). Reused, never one per syscall: the tracer fills it over
 * the entry and exit stops of a call, then copies it into the ring in one piece.
 *
 * <pre>
 * record:  0 int size (multiple of 8)  4 int kind  8 long entry time
 *          16 int tid  20 int pid  24 int nr  28 int flags  32 long ret  40 long duration
 *          48 long args[6]  96 int buffer count  100 int unused  104 buffers
 * buffer:  0 byte arg  1 byte part  2 byte at exit  4 short index  6 short message (Buffer.message)
 *          8 long address  16 long length
 *          24 int errno  28 int data length  32 data, padded to 8
 *          (part {@link #FD_STATE}: the data is an encoded Fd message, Syscall.fds, not a Buffer)
 * </pre>
 */
public final class RawSyscall {
    static final int SIZE = 0;
    static final int KIND = 4;
    static final int TIME = 8;
    static final int TID = 16;
    static final int PID = 20;
    static final int NR = 24;
    static final int FLAGS = 28;
    static final int RET = 32;
    static final int DURATION = 40;
    static final int ARGS = 48;
    static final int BUFFERS = 96;
    static final int HEADER = 104;

    static final int B_ARG = 0;
    static final int B_PART = 1;
    static final int B_AT_EXIT = 2;
    static final int B_INDEX = 4;
    static final int B_MESSAGE = 6;
    static final int B_ADDRESS = 8;
    static final int B_LENGTH = 16;
    static final int B_ERROR = 24;
    static final int B_DATA_LENGTH = 28;
    static final int B_HEADER = 32;

    static final int UNFINISHED = 1;
    /** The tracer tampered with the call (-e inject=): Syscall.injected. */
    static final int INJECTED = 2;
    /** The tracer wrote where the call's arguments point (poke_enter=, poke_exit=): Syscall.poked. */
    static final int POKED = 4;
    /**
     * A buffer part that is no Buffer: its data is an encoded {@code Fd} message, written as the
     * syscall's field 9 ({@code Syscall.fds}).
     */
    static final int FD_STATE = 0xff;

    private static final int INITIAL = 16 << 10;

    private Pointer memory = Memory.allocateDirect(Native.runtime(), INITIAL);
    private int capacity = INITIAL;
    private int length;
    private int buffers;
    /** Offset of the buffer whose data is being read, -1 when none. */
    private int open = -1;

    /** Starts an empty record (no buffers yet). */
    public void clear() {
        length = HEADER;
        buffers = 0;
        open = -1;
    }

    /** True when no buffer has been added since {@link #clear()}. */
    public boolean empty() {
        return buffers == 0;
    }

    /** The values the record's header holds; buffers added before stay. */
    public void header(int tid, int pid, int nr, long[] args, long ret, long entryNanos, long durationNanos,
                       boolean unfinished) {
        memory.putInt(KIND, RecordQueue.SYSCALL);
        memory.putLong(TIME, entryNanos);
        memory.putInt(TID, tid);
        memory.putInt(PID, pid);
        memory.putInt(NR, nr);
        memory.putInt(FLAGS, unfinished ? UNFINISHED : 0);
        memory.putLong(RET, ret);
        memory.putLong(DURATION, durationNanos);
        for (int i = 0; i < 6; i++) {
            memory.putLong(ARGS + 8L * i, args[i]);
        }
        memory.putInt(BUFFERS, buffers);
        memory.putInt(SIZE, length);
    }

    /** Marks the record, after {@link #header}, as a call the tracer tampered with. */
    public void injected() {
        memory.putInt(FLAGS, memory.getInt(FLAGS) | INJECTED);
    }

    /** Marks the record, after {@link #header}, as a call whose argument memory the tracer wrote. */
    public void poked() {
        memory.putInt(FLAGS, memory.getInt(FLAGS) | POKED);
    }

    /** Adds a buffer without data; {@link #reserve} and {@link #fill} or {@link #fail} may follow. */
    public void buffer(int arg, int part, int index, boolean atExit, long address, long bufferLength) {
        ensure(B_HEADER);
        open = length;
        memory.putByte(open + B_ARG, (byte) arg);
        memory.putByte(open + B_PART, (byte) part);
        memory.putByte(open + B_AT_EXIT, (byte) (atExit ? 1 : 0));
        memory.putByte(open + 3, (byte) 0);
        memory.putShort(open + B_INDEX, (short) index);
        memory.putShort(open + B_MESSAGE, (short) 0);
        memory.putLong(open + B_ADDRESS, address);
        memory.putLong(open + B_LENGTH, bufferLength);
        memory.putLong(open + B_ERROR, 0); // errno and data length
        length += B_HEADER;
        buffers++;
    }

    /** The buffer added last belongs to message {@code message} of a sendmmsg/recvmmsg vector. */
    public void message(int message) {
        memory.putShort(open + B_MESSAGE, (short) message);
    }

    /** Sets the length of the buffer added last (a string's, known once read). */
    public void length(long bufferLength) {
        memory.putLong(open + B_LENGTH, bufferLength);
    }

    /** Room for {@code n} data bytes of the buffer added last; returns the native address to copy them to. */
    public long reserve(int n) {
        ensure(align(n));
        return memory.address() + length;
    }

    /** {@code n} bytes were copied to the reserved room. */
    public void fill(int n) {
        memory.putInt(open + B_DATA_LENGTH, n);
        length += align(n);
    }

    /** Appends {@code n} bytes from {@code data} as the data of the buffer added last. */
    public void fill(byte[] data, int offset, int n) {
        reserve(n);
        memory.put(length, data, offset, n);
        fill(n);
    }

    /** Adds an fd's state after the call (an encoded {@code Fd} message) for {@code Syscall.fds}. */
    public void fdState(byte[] encodedFd) {
        buffer(0, FD_STATE, 0, true, 0, 0);
        fill(encodedFd, 0, encodedFd.length);
    }

    /** The buffer added last could not be read. */
    public void fail(int errno) {
        memory.putInt(open + B_ERROR, errno);
    }

    /** Bytes of the record: the size it takes in the ring. */
    public int size() {
        return length;
    }

    Pointer memory() {
        return memory;
    }

    static int align(int n) {
        return (n + 7) & ~7;
    }

    private void ensure(int n) {
        if (length + n <= capacity) {
            return;
        }
        int grown = Math.max(capacity * 2, align(length + n));
        Pointer bigger = Memory.allocateDirect(Native.runtime(), grown);
        memory.transferTo(0, bigger, 0, length);
        memory = bigger; // the old block is freed when collected: growth is rare
        capacity = grown;
    }

    /** Lets go of a block grown past {@code max} bytes (one huge buffer must not pin its memory for good). */
    public void shrink(int max) {
        if (capacity > max) {
            memory = Memory.allocateDirect(Native.runtime(), INITIAL);
            capacity = INITIAL;
            clear();
        }
    }
}
