package io.jtrace.recorder.output;

import static io.jtrace.recorder.output.RawSyscall.*;

import io.jtrace.format.syscalls.SyscallTable;
import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/**
 * Writer thread: encodes a {@link RawSyscall} record in the ring as the protobuf wire format of
 * {@code jtrace.Syscall} (format/src/main/proto/jtrace.proto), byte for byte what the generated
 * message would write (fields in number order, proto3 defaults omitted, args packed), into one
 * reusable array: no message object per syscall. Also answers what {@link TaskNames} asks.
 */
final class SyscallEncoder implements TaskNames.Call {
    private static final int COMM_BYTES = 15;

    private final SyscallTable table;
    private byte[] out = new byte[64 << 10];
    private int len;
    private Pointer ring;
    private int at;
    private long capturedBytes;

    SyscallEncoder(SyscallTable table) {
        this.table = table;
    }

    /** Encodes the record at {@code offset}; the bytes are {@link #bytes()} up to {@link #length()}. */
    void encode(Pointer ring, int offset) {
        this.ring = ring;
        this.at = offset;
        // an encoded buffer header may take 20 bytes more than its raw descriptor
        int bound = ring.getInt(offset + SIZE) + 32 * ring.getInt(offset + BUFFERS) + 256;
        if (out.length < bound) {
            out = new byte[Math.max(bound, out.length * 2)];
        }
        len = 0;
        capturedBytes = 0;
        uint32(1, tid());
        uint32(2, pid());
        uint32(3, nr());
        // registers beyond the syscall's own arguments hold leftovers: not worth 7 bytes each
        int last = table.argCount(nr()) - 1;
        while (last >= 0 && arg(last) == 0) {
            last--;
        }
        if (last >= 0) {
            int packed = 0;
            for (int i = 0; i <= last; i++) {
                packed += varintSize(arg(i));
            }
            tag(4, 2);
            varint(packed);
            for (int i = 0; i <= last; i++) {
                varint(arg(i));
            }
        }
        long ret = ret();
        if (ret != 0) {
            tag(5, 0);
            varint((ret << 1) ^ (ret >> 63));
        }
        uint64(6, duration());
        int buffers = ring.getInt(offset + BUFFERS);
        int b = offset + HEADER;
        for (int i = 0; i < buffers; i++) {
            b = buffer(b);
        }
        if (unfinished()) {
            tag(8, 0);
            out[len++] = 1;
        }
        if ((ring.getInt(offset + FLAGS) & INJECTED) != 0) {
            tag(10, 0);
            out[len++] = 1;
        }
        if ((ring.getInt(offset + FLAGS) & RawSyscall.POKED) != 0) {
            tag(11, 0);
            out[len++] = 1;
        }
    }

    /** Encodes one Buffer message from the descriptor at {@code b}; returns the next descriptor's offset. */
    private int buffer(int b) {
        int arg = ring.getByte(b + B_ARG) & 0xff;
        int part = ring.getByte(b + B_PART) & 0xff;
        boolean atExit = ring.getByte(b + B_AT_EXIT) != 0;
        int index = ring.getShort(b + B_INDEX) & 0xffff;
        int message = ring.getShort(b + B_MESSAGE) & 0xffff;
        long address = ring.getLong(b + B_ADDRESS);
        long length = ring.getLong(b + B_LENGTH);
        int error = ring.getInt(b + B_ERROR);
        int data = ring.getInt(b + B_DATA_LENGTH);
        if (part == RawSyscall.FD_STATE) {
            tag(9, 2); // Syscall.fds: the encoded Fd message as it is
            varint(data);
            ring.get(b + B_HEADER, out, len, data);
            len += data;
            return b + B_HEADER + align(data);
        }
        int size = uint32Size(1, arg) + uint32Size(2, part) + uint32Size(3, index) + (atExit ? 2 : 0)
                + uint64Size(5, address) + uint64Size(6, length) + (data > 0 ? 1 + varintSize(data) + data : 0)
                + uint32Size(8, error) + uint32Size(9, message);
        tag(7, 2);
        varint(size);
        uint32(1, arg);
        uint32(2, part);
        uint32(3, index);
        if (atExit) {
            tag(4, 0);
            out[len++] = 1;
        }
        uint64(5, address);
        uint64(6, length);
        if (data > 0) {
            tag(7, 2);
            varint(data);
            ring.get(b + B_HEADER, out, len, data);
            len += data;
            capturedBytes += data;
        }
        uint32(8, error);
        uint32(9, message);
        return b + B_HEADER + align(data);
    }

    byte[] bytes() {
        return out;
    }

    int length() {
        return len;
    }

    long capturedBytes() {
        return capturedBytes;
    }

    long time() {
        return ring.getLong(at + TIME);
    }

    @Override
    public int tid() {
        return ring.getInt(at + TID);
    }

    @Override
    public int pid() {
        return ring.getInt(at + PID);
    }

    @Override
    public int nr() {
        return ring.getInt(at + NR);
    }

    long arg(int i) {
        return ring.getLong(at + ARGS + 8L * i);
    }

    @Override
    public long arg0() {
        return arg(0);
    }

    @Override
    public long ret() {
        return ring.getLong(at + RET);
    }

    long duration() {
        return ring.getLong(at + DURATION);
    }

    @Override
    public boolean unfinished() {
        return (ring.getInt(at + FLAGS) & UNFINISHED) != 0;
    }

    /** prctl(PR_SET_NAME)'s name as captured at entry, cut to what the kernel keeps; null if not captured. */
    @Override
    public String capturedName() {
        int buffers = ring.getInt(at + BUFFERS);
        int b = at + HEADER;
        String name = null;
        for (int i = 0; i < buffers; i++) {
            int data = ring.getInt(b + B_DATA_LENGTH);
            if (ring.getByte(b + B_ARG) == 1 && ring.getByte(b + B_AT_EXIT) == 0 && ring.getInt(b + B_ERROR) == 0
                    && ring.getByte(b + B_PART) == 0) {
                byte[] bytes = new byte[Math.min(data, COMM_BYTES)];
                ring.get(b + B_HEADER, bytes, 0, bytes.length);
                name = new String(bytes, StandardCharsets.UTF_8);
            }
            b += B_HEADER + align(data);
        }
        return name;
    }

    private void tag(int field, int wireType) {
        out[len++] = (byte) (field << 3 | wireType);
    }

    private void uint32(int field, int value) {
        if (value != 0) {
            tag(field, 0);
            varint(value & 0xffffffffL);
        }
    }

    private void uint64(int field, long value) {
        if (value != 0) {
            tag(field, 0);
            varint(value);
        }
    }

    private void varint(long value) {
        while ((value & ~0x7fL) != 0) {
            out[len++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[len++] = (byte) value;
    }

    private static int uint32Size(int field, int value) {
        return value == 0 ? 0 : 1 + varintSize(value & 0xffffffffL);
    }

    private static int uint64Size(int field, long value) {
        return value == 0 ? 0 : 1 + varintSize(value);
    }

    static int varintSize(long value) {
        return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }
}
