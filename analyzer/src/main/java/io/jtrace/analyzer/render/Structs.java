package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** iovec arrays and msghdr, printed as strace prints them. */
final class Structs {
    private Structs() {
    }

    /** An iovec array the call reads, {@code countArg} elements. */
    static Arg iovIn(int countArg) {
        return Arg.in((c, i, out) -> iov(c, out, i, c.arg(i), c.arg(countArg), false, Long.MAX_VALUE));
    }

    /**
     * An iovec array the kernel fills, up to the return value; of a failed call strace prints the
     * elements' addresses (traces recorded before the recorder kept them print the array's).
     */
    static Arg iovOut(int countArg) {
        return Arg.out((c, i, out) -> iov(c, out, i, c.arg(i), c.arg(countArg), true, c.failed() ? -1 : c.ret()));
    }

    /**
     * {@code [{iov_base="...", iov_len=5}, ...]}, as strace's print_array prints it: data of element k
     * comes from the IOV buffer with index k, {@code total} bytes spread over them in order
     * ({@code total < 0}: a failed call, whose iov_base are printed as addresses); at most -s
     * elements, then "..."; an element the recorder could not read ends the array with
     * {@code ... /* 0xaddress *}{@code /}, and the whole array prints as its address when the first is.
     */
    static void iov(Call c, LineBuffer out, int arg, long address, long count, boolean atExit, long total) {
        iov(c, out, arg, address, count, atExit, total, false);
    }

    /** {@code netlink}: each element's data is netlink messages (a msghdr whose msg_name is AF_NETLINK). */
    static void iov(Call c, LineBuffer out, int arg, long address, long count, boolean atExit, long total,
            boolean netlink) {
        iov(c, out, arg, 0, address, count, atExit, total, netlink);
    }

    /** {@code message}: the iovecs of that message of a sendmmsg/recvmmsg vector. */
    static void iov(Call c, LineBuffer out, int arg, int message, long address, long count, boolean atExit,
            long total, boolean netlink) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        RecordedBuffer first = c.part(arg, Buffer.Part.IOV, message, 0, atExit);
        // strace's print_array fetches no element under -e verbose=none: the address
        if (count != 0 && (first == null || unreadable(first) || !c.verbose())) {
            Formats.pointer(out, address);
            return;
        }
        out.append('[');
        long left = total;
        for (int k = 0; k < count; k++) {
            RecordedBuffer b = c.part(arg, Buffer.Part.IOV, message, k, atExit);
            if (b == null) {
                break;
            }
            if (k > 0) {
                out.append(", ");
            }
            if (unreadable(b)) {
                Formats.hex(out.append("... /* "), b.getAddress()).append(" */");
                break;
            }
            if (k == c.options.stringLimit && c.abbrev()) {
                out.append("...");
                break;
            }
            long len = b.getLength();
            out.append("{iov_base=");
            if (total < 0) {
                Formats.pointer(out, b.getAddress());
            } else {
                // iov_len is a size_t: strace's printstrn of min(iov_len, what is left)
                long data = Long.compareUnsigned(len, left) < 0 ? len : left;
                if (netlink) {
                    c.netlinkData(out, b, b.getAddress(), data);
                } else {
                    c.string(out, b, b.getAddress(), data, false);
                }
                left -= data;
            }
            out.append(", iov_len=").appendUnsigned(len).append('}');
        }
        out.append(']');
    }

    /** The recorder's mark of an iovec array element it could not read: no length, EFAULT. */
    static boolean unreadable(RecordedBuffer b) {
        return b.getError() == 14 && b.getLength() == 0 && b.getData().isEmpty();
    }

    /** sendmsg's msghdr; strace's decode_msghdr prints only the address under -e verbose=none. */
    static final Arg MSGHDR_IN = Arg.in((c, i, out) -> {
        if (c.verbose()) {
            msghdr(c, out, i, false, Long.MAX_VALUE);
        } else {
            Formats.pointer(out, c.arg(i));
        }
    });

    /**
     * recvmsg's msghdr at exit; strace shows {@code msg_namelen=128 => 16} when the kernel changed
     * the length it was given, and only {@code {msg_namelen=128}} when the call failed.
     */
    static final Arg MSGHDR_OUT = Arg.out((c, i, out) -> {
        if (!c.verbose()) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        RecordedBuffer before = c.atEntry(i);
        Integer namelen = before == null || before.getError() != 0 || before.getData().size() < 12 ? null
                : before.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        if (c.failed()) {
            if (namelen == null) {
                Formats.pointer(out, c.arg(i));
            } else {
                out.append("{msg_namelen=").append(namelen).append('}');
            }
        } else {
            msghdr(c, out, i, true, c.ret(), namelen);
        }
    });

    static void msghdr(Call c, LineBuffer out, int arg, boolean atExit, long total) {
        msghdr(c, out, arg, atExit, total, null);
    }

    /**
     * struct msghdr (LP64): name, namelen, iov, iovlen, control, controllen, flags. {@code userNamelen}
     * is recvmsg's msg_namelen before the call, or null.
     */
    static void msghdr(Call c, LineBuffer out, int arg, boolean atExit, long total, Integer userNamelen) {
        RecordedBuffer m = c.part(arg, Buffer.Part.WHOLE, 0, atExit);
        if (m == null || m.getError() != 0 || m.getData().size() < 56) {
            Formats.pointer(out, c.arg(arg));
            return;
        }
        ByteBuffer le = m.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        msghdr(c, out, arg, le, 0, 0, atExit, total, userNamelen);
    }

    /**
     * The msghdr at offset {@code at} of {@code le}, whose parts are the buffers of message
     * {@code message} (0 but for the messages of a sendmmsg/recvmmsg vector).
     */
    static void msghdr(Call c, LineBuffer out, int arg, ByteBuffer le, int at, int message, boolean atExit,
            long total, Integer userNamelen) {
        le = le.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.position(at);
        le = le.slice().order(ByteOrder.LITTLE_ENDIAN);
        long name = le.getLong(0);
        int nameLength = le.getInt(8);
        long iov = le.getLong(16);
        long iovLength = le.getLong(24);
        long control = le.getLong(32);
        long controlLength = le.getLong(40);
        int flags = le.getInt(48);
        out.append("{msg_name=");
        int shownName = userNamelen != null && nameLength > userNamelen ? userNamelen : nameLength;
        RecordedBuffer nameBuffer = c.part(arg, Buffer.Part.MSG_NAME, message, 0, atExit);
        Args.sockaddr(c, out, nameBuffer, name, shownName);
        // strace decodes the iovecs as netlink messages when msg_name is a netlink address
        boolean netlink = name != 0 && shownName >= 2 && nameBuffer != null && nameBuffer.getError() == 0
                && nameBuffer.getData().size() >= 2 && (nameBuffer.getData().byteAt(0) & 0xff) == 16
                && nameBuffer.getData().byteAt(1) == 0;
        out.append(", msg_namelen=");
        if (userNamelen != null && userNamelen != nameLength) {
            out.append(userNamelen).append(" => ");
        }
        out.append(nameLength);
        out.append(", msg_iov=");
        iov(c, out, arg, message, iov, iovLength, atExit, total, netlink);
        out.append(", msg_iovlen=").appendUnsigned(iovLength);
        if (controlLength != 0) {
            out.append(", msg_control=");
            Cmsg.append(c, out, c.part(arg, Buffer.Part.MSG_CONTROL, message, 0, atExit), control, controlLength);
        }
        out.append(", msg_controllen=").appendUnsigned(controlLength);
        out.append(", msg_flags=");
        Consts.MSG.bits(out, flags & 0xffffffffL);
        out.append('}');
    }
}
