package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * sendmmsg's and recvmmsg's vectors of struct mmsghdr, printed as strace's mmsghdr.c prints them:
 * {@code [{msg_hdr={...}, msg_len=8}, ...]} and, under -e read=/write=, each message's iovecs dumped.
 */
final class Mmsg {
    /** struct mmsghdr on LP64: msghdr (56 bytes), msg_len, padding. */
    private static final int SIZE = 64;
    private static final int MSG_LEN = 56;
    /** strace prints at most IOV_MAX messages. */
    private static final int PRINTED_MAX = 1024;

    private Mmsg() {
    }

    /** sendmmsg's vector, printed after the call: the msg_len of the messages sent. */
    static final Arg SEND_VECTOR = Arg.out((c, i, out) -> {
        if (!c.verbose()) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        vector(c, out, i, c.arg(2) & 0xffffffffL, c.failed() ? 0 : c.ret(), PRINTED_MAX, null, false);
    });

    /**
     * recvmmsg's vector: the messages received, each with the msg_namelen it offered before the
     * call (strace's {@code msg_namelen=0 => 38}); of a failed call the address.
     */
    static final Arg RECV_VECTOR = Arg.out((c, i, out) -> {
        if (!c.verbose() || c.failed()) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        RecordedBuffer given = c.atEntry(i);
        ByteBuffer before = given == null || given.getError() != 0 ? null
                : given.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int saved = before == null ? PRINTED_MAX : Math.min(PRINTED_MAX, before.remaining() / SIZE);
        vector(c, out, i, c.ret(), c.ret(), saved, before, true);
    });

    /**
     * strace's decode_mmsgvec: {@code count} elements (print_array: the address when the first cannot
     * be read, {@code ... /* 0xaddr *}{@code /} after the last readable one, {@code ...} after -s of
     * them unless -v, or after {@code most}); the first {@code withLength} with their msg_len;
     * {@code received}: each message's iovecs hold its msg_len bytes, else they are printed whole.
     */
    private static void vector(Call c, LineBuffer out, int arg, long count, long withLength, int most,
            ByteBuffer before, boolean received) {
        long address = c.arg(arg);
        if (address == 0) {
            out.append("NULL");
            return;
        }
        if (count == 0) {
            out.append("[]");
            return;
        }
        if (Long.compareUnsigned(address + count * SIZE, address) <= 0) {   // the array wraps around
            Formats.pointer(out, address);
            return;
        }
        RecordedBuffer b = c.atExit(arg);
        int readable = b == null || b.getError() != 0 ? 0 : b.getData().size() / SIZE;
        ByteBuffer le = readable == 0 ? null : b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < count; k++) {
            if (k >= readable) {
                if (k == 0) {
                    Formats.pointer(out, address);
                    return;
                }
                Formats.hex(out.append(", ... /* "), address + (long) k * SIZE).append(" */");
                break;
            }
            out.append(k == 0 ? "[" : ", ");
            if (k == c.options.stringLimit && c.abbrev() || k >= most) {
                out.append("...");
                break;
            }
            long msgLen = le.getInt(k * SIZE + MSG_LEN) & 0xffffffffL;
            Integer namelen = before == null ? null : before.getInt(k * SIZE + 8);
            out.append("{msg_hdr=");
            Structs.msghdr(c, out, arg, le, k * SIZE, k, true, received ? msgLen : Long.MAX_VALUE, namelen);
            if (k < withLength) {
                out.append(", msg_len=").append(msgLen);
            }
            out.append('}');
        }
        out.append(']');
    }

    /**
     * strace's dumpiov_in_mmsghdr: for each message the call moved (of a failed sendmmsg, every
     * message captured), {@code = N buffers in vector K} and its iovecs dumped up to its msg_len.
     */
    static void dump(RecordedSyscall s, boolean failed, LineBuffer out, OutputStream to) throws IOException {
        RecordedBuffer b = Calls.buffer(s, 1, Buffer.Part.WHOLE, true);
        if (b == null || b.getError() != 0) {
            return;
        }
        ByteBuffer le = b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long count = Math.min(failed ? Long.MAX_VALUE : s.getRet(), Math.min(PRINTED_MAX, le.remaining() / SIZE));
        for (int k = 0; k < count; k++) {
            long iovlen = le.getLong(k * SIZE + 24);
            long left = le.getInt(k * SIZE + MSG_LEN) & 0xffffffffL;
            out.clear().append(" = ").appendUnsigned(iovlen).append(" buffers in vector ").append(k).append('\n')
                    .writeTo(to);
            // strace reads the message's whole iovec array first: one it cannot read, no dump
            boolean whole = true;
            for (int i = 0; i < iovlen && whole; i++) {
                RecordedBuffer v = Calls.buffer(s, 1, Buffer.Part.IOV, k, i, true);
                whole = v != null && !Structs.unreadable(v);
            }
            for (int i = 0; i < iovlen && whole && left > 0; i++) {
                RecordedBuffer v = Calls.buffer(s, 1, Buffer.Part.IOV, k, i, true);
                long n = Long.compareUnsigned(v.getLength(), left) < 0 ? v.getLength() : left;
                if (n == 0) {
                    break;
                }
                left -= n;
                out.clear().append(" * ").append(n).append(" bytes in buffer ").append(i).append('\n').writeTo(to);
                int have = (int) Math.min(n, v.getError() != 0 ? 0 : v.getData().size());
                HexDump.write(out, v.getData().substring(0, have), to);
            }
        }
    }
}
