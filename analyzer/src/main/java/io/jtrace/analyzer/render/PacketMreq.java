package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;

/** PACKET_ADD_MEMBERSHIP and PACKET_DROP_MEMBERSHIP's struct packet_mreq, as strace's print_packet_mreq. */
final class PacketMreq {
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_DROP_MEMBERSHIP = 2;
    /** sizeof(struct packet_mreq): int mr_ifindex, u16 mr_type, u16 mr_alen, u8 mr_address[8]. */
    private static final int SIZE = 16;
    private static final int ADDRESS_SIZE = 8;

    private static final Flags TYPE = Flags.of("PACKET_MR_???", "PACKET_MR_MULTICAST", 0, "PACKET_MR_PROMISC", 1,
            "PACKET_MR_ALLMULTI", 2, "PACKET_MR_UNICAST", 3);

    private PacketMreq() {
    }

    /** The structure when {@code len} is its size and it was captured, else the address. */
    static void append(Call c, LineBuffer out, RecordedBuffer b, long address, int len) {
        ByteBuffer v = len == SIZE ? c.struct(b, SIZE) : null;
        if (v == null) {
            Formats.pointer(out, address);
            return;
        }
        out.append("{mr_ifindex=");
        Sockopts.ifindex(c, out, v.getInt(0));
        TYPE.hexValue(out.append(", mr_type="), v.getShort(4) & 0xffff);
        int alen = v.getShort(6) & 0xffff;
        out.append(", mr_alen=").append(alen).append(", mr_address=");
        byte[] mac = new byte[ADDRESS_SIZE];
        v.get(8, mac);
        MacAddr.append(out, mac, 0, Math.min(alen, ADDRESS_SIZE));
        out.append('}');
    }
}
