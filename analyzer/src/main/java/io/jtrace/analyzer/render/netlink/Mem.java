package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import io.jtrace.format.RecordedBuffer;

/**
 * The tracee's memory as far as the recorder captured it: one buffer at its address. A read that
 * reaches past what was captured fails as strace's umove fails on unreadable memory.
 */
final class Mem {
    private final long base;
    private final byte[] data;

    Mem(RecordedBuffer b) {
        this.base = b == null ? 0 : b.getAddress();
        this.data = b == null || b.getError() != 0 ? new byte[0] : b.getData().toByteArray();
    }

    /** Whether {@code len} bytes at {@code addr} were captured. */
    boolean readable(long addr, long len) {
        long off = addr - base;
        return addr != 0 && off >= 0 && len >= 0 && off <= data.length && len <= data.length - off;
    }

    int u8(long addr) {
        return data[(int) (addr - base)] & 0xff;
    }

    int u16(long addr) {
        return u8(addr) | u8(addr + 1) << 8;
    }

    int s32(long addr) {
        return u16(addr) | u16(addr + 2) << 16;
    }

    long u32(long addr) {
        return s32(addr) & 0xffffffffL;
    }

    long u64(long addr) {
        return u32(addr) | u32(addr + 4) << 32;
    }

    /** Big-endian 16 bits (ports). */
    int be16(long addr) {
        return u8(addr) << 8 | u8(addr + 1);
    }

    byte[] bytes(long addr, int len) {
        byte[] b = new byte[len];
        System.arraycopy(data, (int) (addr - base), b, 0, len);
        return b;
    }

    /** strace's umove_or_printaddr: true when readable, else prints the address (NULL for 0). */
    boolean orAddress(LineBuffer out, long addr, long len) {
        if (readable(addr, len)) {
            return true;
        }
        Formats.pointer(out, addr);
        return false;
    }

    /**
     * strace's printstr_ex: at most {@code limit} of {@code len} bytes quoted ({@code hex}: every
     * byte in hex), "..." after when there are more; the address when they cannot be read.
     */
    void string(LineBuffer out, long addr, long len, int limit, Quote.Hex hex) {
        if (addr == 0) {
            out.append("NULL");
            return;
        }
        long size = Long.compareUnsigned(len, limit + 1L) < 0 ? len : limit + 1L;
        if (!readable(addr, size)) {
            Formats.pointer(out, addr);
            return;
        }
        int n = (int) Math.min(size, limit);
        Quote.append(out, data, (int) (addr - base), n, hex, false);
        if (Long.compareUnsigned(len, limit) > 0) {
            out.append("...");
        }
    }
}
