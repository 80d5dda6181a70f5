package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Formats;
import java.nio.charset.StandardCharsets;

/** NETLINK_KOBJECT_UEVENT data: udev's monitor header when it starts with "libudev", else a string (strace's netlink_kobject_uevent.c). */
final class KobjectUevent {
    private KobjectUevent() {
    }

    private static final int HEADER = 40;
    private static final byte[] PREFIX = "libudev\0".getBytes(StandardCharsets.US_ASCII);

    static void decode(NetlinkDecoder d, long addr, long len) {
        Mem mem = d.mem;
        if (addr == 0 || Long.compareUnsigned(len, HEADER) < 0 || !mem.readable(addr, HEADER)
                || !java.util.Arrays.equals(mem.bytes(addr, PREFIX.length), PREFIX)) {
            d.string(addr, len);
            return;
        }
        LineBuffer out = d.out;
        if (len > HEADER) {
            out.append('[');
        }
        out.append("{prefix=\"libudev\", magic=");
        htonl(out, mem, addr + 8);
        out.append(", header_size=").append(mem.u32(addr + 12));
        out.append(", properties_off=").append(mem.u32(addr + 16));
        out.append(", properties_len=").append(mem.u32(addr + 20));
        out.append(", filter_subsystem_hash=");
        htonl(out, mem, addr + 24);
        out.append(", filter_devtype_hash=");
        htonl(out, mem, addr + 28);
        out.append(", filter_tag_bloom_hi=");
        htonl(out, mem, addr + 32);
        out.append(", filter_tag_bloom_lo=");
        htonl(out, mem, addr + 36);
        out.append('}');
        if (len > HEADER) {
            out.append(", ");
            d.string(addr + HEADER, len - HEADER);
            out.append(']');
        }
    }

    private static void htonl(LineBuffer out, Mem mem, long addr) {
        long v = Integer.reverseBytes(mem.s32(addr)) & 0xffffffffL;
        Formats.hex(out.append("htonl("), v).append(')');
    }
}
