package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * SG_IO's struct sg_io_hdr (strace's sg_io_v3.c) and struct sg_io_v4 (sg_io_v4.c): the request
 * fields from the entry copy, then the exit fields, which strace prints for a failed call too. The
 * buffers they point to are the recorder's parts IOV: 0 the command, 1 the data (or its iovec
 * array, the elements' data from index {@link #IOV_DATA}), 2 the sense buffer or response.
 */
final class SgIo {
    private static final Flags DIRECTION = IoctlXlat.table("sg_io_dxfer_direction", "SG_DXFER_???");
    private static final Flags FLAGS = IoctlXlat.table("sg_io_flags", "SG_FLAG_???");
    private static final Flags INFO = IoctlXlat.table("sg_io_info", "SG_INFO_???");
    private static final Flags PROTOCOL = IoctlXlat.table("bsg_protocol", "BSG_PROTOCOL_???");
    private static final Flags SUBPROTOCOL = IoctlXlat.table("bsg_subprotocol", "BSG_SUB_PROTOCOL_???");
    private static final Flags BSG_FLAGS = IoctlXlat.table("bsg_flags", "BSG_FLAG_???");
    private static final int COMMAND = 0;
    private static final int DATA = 1;
    private static final int SENSE = 2;
    private static final int IOV_DATA = 16;
    private static final int SG_IO_HDR = 88;
    private static final int SG_IO_V4 = 160;
    private static final int TO_DEV = -2;
    private static final int FROM_DEV = -3;
    private static final int TO_FROM_DEV = -4;

    private SgIo() {
    }

    /** struct sg_io_hdr, after the interface id 'S' the entry copy held. */
    static void v3(IoctlCall c, LineBuffer out) {
        out.append("{interface_id='S', ");
        ByteBuffer in = c.in(SG_IO_HDR);
        if (in == null) {
            Formats.pointer(out, c.address() + 4).append('}');
            return;
        }
        int direction = in.getInt(4);
        xval(DIRECTION, out.append("dxfer_direction="), direction);
        out.append(", cmd_len=").append(in.get(8) & 0xff);
        buffer(c, out.append(", cmdp="), false, COMMAND, in.getLong(24), in.get(8) & 0xff, 0);
        out.append(", mx_sb_len=").append(in.get(9) & 0xff);
        out.append(", iovec_count=").append(in.getShort(10) & 0xffff);
        out.append(", dxfer_len=").appendUnsigned(u32(in, 12));
        out.append(", timeout=").appendUnsigned(u32(in, 40));
        FLAGS.flags(out.append(", flags="), u32(in, 44));
        if (direction == TO_DEV || direction == TO_FROM_DEV) {
            buffer(c, out.append(", dxferp="), false, DATA, in.getLong(16), u32(in, 12), in.getShort(10) & 0xffff);
        }
        if (c.unfinished()) {
            return;
        }
        ByteBuffer s = exit(c, SG_IO_HDR);
        if (s == null) {
            if (direction == FROM_DEV) {
                Formats.pointer(out.append(", dxferp="), in.getLong(16));
            }
            Formats.pointer(out.append(", sbp="), in.getLong(32)).append('}');
            return;
        }
        if (s.getInt(0) != 'S') {
            out.append(" => interface_id=").appendUnsigned(u32(s, 0)).append('}');
            return;
        }
        direction = s.getInt(4);
        if (direction == FROM_DEV || direction == TO_FROM_DEV) {
            long length = inLength(u32(s, 12), s.getInt(72));
            if (direction == FROM_DEV || length != 0) {
                out.append(direction == FROM_DEV ? ", dxferp=" : " => dxferp=");
                buffer(c, out, true, DATA, s.getLong(16), length, s.getShort(10) & 0xffff);
            }
        }
        Formats.hex(out.append(", status="), s.get(64) & 0xff);
        Formats.hex(out.append(", masked_status="), s.get(65) & 0xff);
        Formats.hex(out.append(", msg_status="), s.get(66) & 0xff);
        out.append(", sb_len_wr=").append(s.get(67) & 0xff);
        buffer(c, out.append(", sbp="), true, SENSE, s.getLong(32), s.get(67) & 0xff, 0);
        Formats.hex(out.append(", host_status="), s.getShort(68) & 0xffff);
        Formats.hex(out.append(", driver_status="), s.getShort(70) & 0xffff);
        out.append(", resid=").append(s.getInt(72));
        out.append(", duration=").appendUnsigned(u32(s, 76));
        INFO.flags(out.append(", info="), u32(s, 80));
        out.append('}');
    }

    /** struct sg_io_v4, after the guard 'Q' the entry copy held. */
    static void v4(IoctlCall c, LineBuffer out) {
        out.append("{guard='Q', ");
        ByteBuffer in = c.in(SG_IO_V4);
        if (in == null) {
            Formats.pointer(out, c.address() + 4).append('}');
            return;
        }
        PROTOCOL.hexValue(out.append("protocol="), u32(in, 4));
        SUBPROTOCOL.hexValue(out.append(", subprotocol="), u32(in, 8));
        out.append(", request_len=").appendUnsigned(u32(in, 12));
        buffer(c, out.append(", request="), false, COMMAND, in.getLong(16), u32(in, 12), 0);
        Formats.hex(out.append(", request_tag="), in.getLong(24));
        out.append(", request_attr=").appendUnsigned(u32(in, 32));
        out.append(", request_priority=").appendUnsigned(u32(in, 36));
        out.append(", request_extra=").appendUnsigned(u32(in, 40));
        out.append(", max_response_len=").appendUnsigned(u32(in, 44));
        out.append(", dout_iovec_count=").appendUnsigned(u32(in, 56));
        out.append(", dout_xfer_len=").appendUnsigned(u32(in, 60));
        out.append(", din_iovec_count=").appendUnsigned(u32(in, 64));
        out.append(", din_xfer_len=").appendUnsigned(u32(in, 68));
        buffer(c, out.append(", dout_xferp="), false, DATA, in.getLong(72), u32(in, 60), u32(in, 56));
        out.append(", timeout=").appendUnsigned(u32(in, 88));
        BSG_FLAGS.flags(out.append(", flags="), u32(in, 92));
        Formats.hex(out.append(", usr_ptr="), in.getLong(96));
        if (c.unfinished()) {
            return;
        }
        ByteBuffer s = exit(c, SG_IO_V4);
        if (s == null) {
            Formats.hex(out.append(", response="), in.getLong(48));
            Formats.hex(out.append(", din_xferp="), in.getLong(80)).append('}');
            return;
        }
        if (s.getInt(0) != 'Q') {
            out.append(" => guard=").appendUnsigned(u32(s, 0)).append('}');
            return;
        }
        out.append(", response_len=").appendUnsigned(u32(s, 132));
        buffer(c, out.append(", response="), true, SENSE, s.getLong(48), u32(s, 132), 0);
        buffer(c, out.append(", din_xferp="), true, DATA, s.getLong(80), inLength(u32(s, 68), s.getInt(136)),
                u32(s, 64));
        Formats.hex(out.append(", driver_status="), u32(s, 108));
        Formats.hex(out.append(", transport_status="), u32(s, 112));
        Formats.hex(out.append(", device_status="), u32(s, 116));
        out.append(", retry_delay=").appendUnsigned(u32(s, 120));
        INFO.flags(out.append(", info="), u32(s, 124));
        out.append(", duration=").appendUnsigned(u32(s, 128));
        out.append(", response_len=").appendUnsigned(u32(s, 132));
        out.append(", din_resid=").append(s.getInt(136));
        out.append(", dout_resid=").append(s.getInt(140));
        Formats.hex(out.append(", generated_tag="), s.getLong(144)).append('}');
    }

    /** The structure as the exit copy holds it, failed call or not; null when it was not readable. */
    private static ByteBuffer exit(IoctlCall c, int size) {
        byte[] b = c.verbose() ? c.exitBytes() : null;
        return b == null || b.length < size ? null : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** What the device wrote: the transfer length less a residue that fits in it. */
    private static long inLength(long length, int resid) {
        return resid > 0 && resid <= length ? length - resid : length;
    }

    /** An enum printed as PRINT_FIELD_XVAL does an int: a negative value's name, else its 32 bits in hex. */
    private static void xval(Flags table, LineBuffer out, int value) {
        table.hexValue(out, table.name(value) != null ? value : value & 0xffffffffL);
    }

    /**
     * strace's print_sg_io_buffer: {@code length} bytes in hex (QUOTE_FORCE_HEX), or with an iovec
     * count the array with each element's share of {@code length} (tprint_iov_upto, iov_decode_str).
     */
    private static void buffer(IoctlCall c, LineBuffer out, boolean atExit, int index, long address, long length,
                               long count) {
        if (count == 0) {
            c.pointedString(out, atExit, index, address, length, true);
            return;
        }
        if (address == 0) {
            out.append("NULL");
            return;
        }
        byte[] array = c.pointed(atExit, index);
        long left = length;
        for (int k = 0; k < count; k++) {
            if (array == null || array.length < 16 * (k + 1)) {
                if (k == 0) {
                    Formats.pointer(out, address);
                    return;
                }
                Formats.hex(out.append(", ... /* "), address + 16L * k).append(" */");
                break;
            }
            out.append(k == 0 ? "[" : ", ");
            if (k == c.stringLimit() && c.abbrev()) {
                out.append("...");
                break;
            }
            ByteBuffer iov = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
            long base = iov.getLong(16 * k);
            long len = iov.getLong(16 * k + 8);
            long share = Long.compareUnsigned(len, left) > 0 ? left : len;
            left -= share;
            c.pointedString(out.append("{iov_base="), atExit, IOV_DATA + k, base, share);
            out.append(", iov_len=").appendUnsigned(len).append('}');
        }
        out.append(']');
    }
}
