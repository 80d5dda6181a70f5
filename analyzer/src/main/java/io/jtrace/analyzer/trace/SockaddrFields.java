package io.jtrace.analyzer.trace;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Quote;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * The fields of the smaller address families strace decodes (sockaddr.c's print_sockaddr_data_vsock,
 * _qrtr, _xdp and _mctp), each printed only when the address holds its whole structure.
 */
final class SockaddrFields {
    static final int AF_VSOCK = 40;
    static final int AF_QIPCRTR = 42;
    static final int AF_XDP = 44;
    static final int AF_MCTP = 45;

    private static final Flags VSOCK_CIDS = Flags.of(null, "VMADDR_CID_HYPERVISOR", 0, "VMADDR_CID_LOCAL", 1,
            "VMADDR_CID_HOST", 2, "VMADDR_CID_ANY", 0xffffffffL);
    private static final Flags VSOCK_PORTS = Flags.of(null, "VMADDR_PORT_ANY", 0xffffffffL);
    private static final Flags VSOCK_FLAGS = Flags.of("VMADDR_FLAG_???", "VMADDR_FLAG_TO_HOST", 1);
    private static final Flags QRTR_NODES = Flags.of(null, "QRTR_NODE_BCAST", 0xffffffffL);
    private static final Flags QRTR_PORTS = Flags.of(null, "QRTR_PORT_CTRL", 0xfffffffeL);
    private static final Flags XDP_FLAGS = Flags.of("XDP_???", "XDP_SHARED_UMEM", 1, "XDP_COPY", 2,
            "XDP_ZEROCOPY", 4, "XDP_USE_NEED_WAKEUP", 8);
    private static final Flags MCTP_NETS = Flags.of(null, "MCTP_NET_ANY", 0);
    private static final Flags MCTP_ADDRS = Flags.of(null, "MCTP_ADDR_NULL", 0, "MCTP_ADDR_ANY", 0xff);

    private SockaddrFields() {
    }

    /** The size of the family's structure, or 0 for a family not decoded here. */
    static int size(int family) {
        return switch (family) {
            case AF_VSOCK, AF_XDP -> 16;
            case AF_QIPCRTR, AF_MCTP -> 12;
            default -> 0;
        };
    }

    /** The fields after sa_family of a family {@link #size} knows. */
    static void append(StringBuilder s, int family, byte[] b, IntFunction<String> interfaces, Quote.Hex hex) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        LineBuffer out = new LineBuffer(128);
        switch (family) {
            case AF_VSOCK -> {
                int reserved = le.getShort(2) & 0xffff;
                if (reserved != 0) {
                    hex(out.append("svm_reserved1="), reserved).append(", ");
                }
                VSOCK_CIDS.hexValue(out.append("svm_cid="), le.getInt(8) & 0xffffffffL);
                VSOCK_PORTS.hexValue(out.append(", svm_port="), le.getInt(4) & 0xffffffffL);
                VSOCK_FLAGS.flags(out.append(", svm_flags="), b[12] & 0xff);
                if (b[13] != 0 || b[14] != 0 || b[15] != 0) {
                    out.append(", svm_zero=");
                    Quote.append(out, b, 13, 3, Quote.Hex.ALL, false);
                }
            }
            case AF_QIPCRTR -> {
                QRTR_NODES.hexValue(out.append("sq_node="), le.getInt(4) & 0xffffffffL);
                QRTR_PORTS.hexValue(out.append(", sq_port="), le.getInt(8) & 0xffffffffL);
            }
            case AF_XDP -> {
                int flags = le.getShort(2) & 0xffff;
                XDP_FLAGS.flags(out.append("sxdp_flags="), flags);
                long index = le.getInt(4) & 0xffffffffL;
                String name = interfaces.apply((int) index);
                ConstStyle.value(out.append(", sxdp_ifindex="), index, false,
                        name == null ? null : "if_nametoindex(" + Quote.of(name, hex) + ")", null);
                out.append(", sxdp_queue_id=").append(le.getInt(8) & 0xffffffffL);
                int umem = le.getInt(12);
                if ((flags & 1) != 0) {
                    out.append(", sxdp_shared_umem_fd=").append(umem);
                } else if (umem != 0) {
                    hex(out.append(", sxdp_shared_umem_fd="), umem & 0xffffffffL);
                }
            }
            case AF_MCTP -> {
                int pad0 = le.getShort(2) & 0xffff;
                if (pad0 != 0) {
                    hex(out.append("__smctp_pad0="), pad0).append(", ");
                }
                MCTP_NETS.hexValue(out.append("smctp_network="), le.getInt(4) & 0xffffffffL);
                MCTP_ADDRS.hexValue(out.append(", smctp_addr={s_addr="), b[8] & 0xff);
                hex(out.append("}, smctp_type="), b[9] & 0xff);
                hex(out.append(", smctp_tag="), b[10] & 0xff);
                if (b[11] != 0) {
                    hex(out.append(", __smctp_pad1="), b[11] & 0xff);
                }
            }
            default -> throw new IllegalArgumentException("family " + family);
        }
        s.append(out.toString());
    }

    private static LineBuffer hex(LineBuffer out, long v) {
        return v == 0 ? out.append('0') : out.append("0x").appendHex(v);
    }
}
