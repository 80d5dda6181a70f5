package io.jtrace.recorder.capture;

import java.nio.ByteBuffer;

/**
 * SG_IO's argument, as strace's sg_io_v3.c and sg_io_v4.c print it: struct sg_io_hdr ('S') or
 * struct sg_io_v4 ('Q') whole at entry and at exit, failed calls included (strace prints the exit
 * fields of any call), and the buffers they point to as parts IOV of the argument: index 0 the
 * command (cmdp, request), 1 the data out at entry and in at exit (dxferp, dout_xferp, din_xferp)
 * or their iovec array, whose elements' data are indexes {@link #IOV_DATA} and on, 2 the sense
 * buffer (sbp; v4's response is index 2 too). Another interface id: its 4 bytes alone.
 */
final class SgIoCaptures {
    static final int SG_IO = 0x2285;
    static final int COMMAND = 0;
    static final int DATA = 1;
    static final int SENSE = 2;
    static final int IOV_DATA = 16;
    private static final int SG_IO_HDR = 88;
    private static final int SG_IO_V4 = 160;
    private static final int SG_DXFER_TO_DEV = -2;
    private static final int SG_DXFER_FROM_DEV = -3;
    private static final int SG_DXFER_TO_FROM_DEV = -4;
    /** strace's print_array stops at -s elements; no -s is that large. */
    private static final int IOV_MAX = 1024;

    private SgIoCaptures() {
    }

    static void at(long arg, BufferReader r, boolean atExit) {
        ByteBuffer iid = r.struct(arg, 4);
        int size = iid == null ? 0 : switch (iid.getInt(0)) {
            case 'S' -> SG_IO_HDR;
            case 'Q' -> SG_IO_V4;
            default -> 4;
        };
        if (size == 0) {
            r.unsnapped(2, arg, 4, atExit);
            return;
        }
        // a structure that ends in an unreadable page: its interface id alone
        boolean whole = size == 4 || r.struct(arg + size - 4, 4) != null;
        r.unsnapped(2, arg, whole ? size : 4, atExit);
        if (!whole || size == 4) {
            return;
        }
        if (size == SG_IO_HDR) {
            v3(arg, r, atExit);
        } else {
            v4(arg, r, atExit);
        }
    }

    private static void v3(long arg, BufferReader r, boolean atExit) {
        ByteBuffer s = r.struct(arg, 40);
        int direction = s.getInt(4);
        long dxferLen = s.getInt(12) & 0xffffffffL;
        int iovecCount = s.getShort(10) & 0xffff;
        long dxferp = s.getLong(16);
        long cmdp = s.getLong(24);
        int cmdLen = s.get(8) & 0xff;
        long sbp = s.getLong(32);
        if (!atExit) {
            buffer(r, COMMAND, cmdp, cmdLen, 0, false);
            if (direction == SG_DXFER_TO_DEV || direction == SG_DXFER_TO_FROM_DEV) {
                buffer(r, DATA, dxferp, dxferLen, iovecCount, false);
            }
            return;
        }
        ByteBuffer tail = r.struct(arg + 64, 12);
        int sbLenWr = tail.get(3) & 0xff;
        int resid = tail.getInt(8);
        if (direction == SG_DXFER_FROM_DEV || direction == SG_DXFER_TO_FROM_DEV) {
            buffer(r, DATA, dxferp, inLength(dxferLen, resid), iovecCount, true);
        }
        buffer(r, SENSE, sbp, sbLenWr, 0, true);
    }

    private static void v4(long arg, BufferReader r, boolean atExit) {
        ByteBuffer s = r.struct(arg, 64);
        long requestLen = s.getInt(12) & 0xffffffffL;
        long request = s.getLong(16);
        long response = s.getLong(48);
        long doutCount = s.getInt(56) & 0xffffffffL;
        long doutLen = s.getInt(60) & 0xffffffffL;
        s = r.struct(arg + 64, 24);
        long dinCount = s.getInt(0) & 0xffffffffL;
        long dinLen = s.getInt(4) & 0xffffffffL;
        long doutp = s.getLong(8);
        long dinp = s.getLong(16);
        if (!atExit) {
            buffer(r, COMMAND, request, requestLen, 0, false);
            buffer(r, DATA, doutp, doutLen, doutCount, false);
            return;
        }
        s = r.struct(arg + 132, 8);
        long responseLen = s.getInt(0) & 0xffffffffL;
        int dinResid = s.getInt(4);
        buffer(r, SENSE, response, responseLen, 0, true);
        buffer(r, DATA, dinp, inLength(dinLen, dinResid), dinCount, true);
    }

    /** What the device wrote: the transfer length less a residue that fits in it. */
    static long inLength(long length, int resid) {
        return resid > 0 && resid <= length ? length - resid : length;
    }

    /** {@code length} bytes at {@code address}, or spread over an iovec array of {@code count} elements. */
    private static void buffer(BufferReader r, int index, long address, long length, long count, boolean atExit) {
        if (count == 0) {
            r.copy(2, BufferReader.IOV, index, address, length, length, atExit);
            return;
        }
        int n = (int) Math.min(count & 0xffffffffL, IOV_MAX);
        r.unsnapped(2, BufferReader.IOV, index, address, 16L * n, 16 * n, atExit);
        long left = length;
        long snap = r.snaplen();
        for (int i = 0; i < n; i++) {
            ByteBuffer iov = r.struct(address + 16L * i, 16);
            if (iov == null) {
                return;
            }
            long base = iov.getLong(0);
            long want = BufferReader.unsignedMin(iov.getLong(8), left);
            long keep = BufferReader.unsignedMin(want, snap);
            r.copy(2, BufferReader.IOV, IOV_DATA + i, base, want, keep, atExit);
            left -= want;
            snap -= keep;
        }
    }
}
