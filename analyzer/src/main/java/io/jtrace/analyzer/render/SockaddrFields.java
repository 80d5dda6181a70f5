package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * The fields of the smaller address families strace decodes (sockaddr.c's print_sockaddr_data_vsock,
 * _qrtr, _xdp, _mctp, _nfc, _alg and _ieee802154), each printed only when the address holds its
 * whole structure.
 */
final class SockaddrFields {
    static final int AF_IEEE802154 = 36;
    static final int AF_ALG = 38;
    static final int AF_NFC = 39;
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
    private static final Flags NFC_PROTOCOLS = Flags.of("NFC_PROTO_???", "NFC_PROTO_JEWEL", 1,
            "NFC_PROTO_MIFARE", 2, "NFC_PROTO_FELICA", 3, "NFC_PROTO_ISO14443", 4, "NFC_PROTO_NFC_DEP", 5,
            "NFC_PROTO_ISO14443_B", 6, "NFC_PROTO_ISO15693", 7);
    private static final Flags NFC_SAPS = Flags.of(null, "LLCP_SAP_SDP", 1, "LLCP_SAP_IP", 2, "LLCP_SAP_OBEX", 3,
            "LLCP_SAP_SNEP", 4, "LLCP_SAP_MAX", 0xff);
    /** The LP64 struct sockaddr_nfc_llcp: its service_name_len is a 64-bit field at 88. */
    private static final int NFC_LLCP_SIZE = 96;
    private static final Flags ALG_FLAGS = Flags.of("CRYPTO_ALG_???", "CRYPTO_ALG_KERN_DRIVER_ONLY", 0x1000);
    private static final Flags IEEE802154_ADDR_TYPES = Flags.of("IEEE802154_ADDR_???", "IEEE802154_ADDR_NONE", 0,
            "IEEE802154_ADDR_SHORT", 2, "IEEE802154_ADDR_LONG", 3);
    private static final Flags IEEE802154_PAN_IDS = Flags.of(null, "IEEE802154_PANID_BROADCAST", 0xffff);
    private static final Flags IEEE802154_ADDRS = Flags.of(null, "IEEE802154_ADDR_UNDEF", 0xfffe,
            "IEEE802154_ADDR_BROADCAST", 0xffff);
    private static final Flags MCTP_NETS = Flags.of(null, "MCTP_NET_ANY", 0);
    private static final Flags MCTP_ADDRS = Flags.of(null, "MCTP_ADDR_NULL", 0, "MCTP_ADDR_ANY", 0xff);

    private SockaddrFields() {
    }

    /** The size of the family's structure, or 0 for a family not decoded here. */
    static int size(int family) {
        return switch (family) {
            case AF_VSOCK, AF_XDP, AF_NFC -> 16;
            case AF_IEEE802154 -> 20;
            case AF_ALG -> 25;
            case AF_QIPCRTR, AF_MCTP -> 12;
            default -> 0;
        };
    }

    /** The fields after sa_family of a family {@link #size} knows. */
    static void append(StringBuilder s, int family, byte[] b, int len, IntFunction<String> interfaces,
                       IntFunction<String> fds, Quote.Hex hex) {
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
                    out.append(", sxdp_shared_umem_fd=").append(fds.apply(umem));
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
            case AF_NFC -> {
                long index = le.getInt(4) & 0xffffffffL;
                String name = interfaces.apply((int) index);
                ConstStyle.value(out.append("dev_idx="), index, false,
                        name == null ? null : "if_nametoindex(" + Quote.of(name, hex) + ")", null);
                hex(out.append(", target_idx="), le.getInt(8) & 0xffffffffL);
                NFC_PROTOCOLS.hexValue(out.append(", nfc_protocol="), le.getInt(12) & 0xffffffffL);
                if (len < NFC_LLCP_SIZE) {
                    if (len > 16) {
                        out.append(", ...");
                    }
                } else {
                    long nameLength = le.getLong(88);
                    verbose(out.append(", dsap="), b[16] & 0xff, NFC_SAPS);
                    verbose(out.append(", ssap="), b[17] & 0xff, NFC_SAPS);
                    out.append(", service_name=");
                    Quote.append(out, b, 18, (int) Math.min(63, Long.compareUnsigned(nameLength, 63) < 0 ? nameLength
                            : 63), hex, false);
                    out.append(", service_name_len=").appendUnsigned(nameLength);
                }
            }
            case AF_ALG -> {
                out.append("salg_type=");
                terminated(out, b, 2, 14, hex);
                verboseFlags(out.append(", salg_feat="), le.getInt(16) & 0xffffffffL);
                verboseFlags(out.append(", salg_mask="), le.getInt(20) & 0xffffffffL);
                out.append(", salg_name=");
                terminated(out, b, 24, len - 24, hex);
            }
            case AF_IEEE802154 -> {
                int type = le.getInt(4);
                out.append("addr={addr_type=");
                verbose(out, type & 0xffffffffL, IEEE802154_ADDR_TYPES);
                verbose(out.append(", pan_id="), le.getShort(8) & 0xffff, IEEE802154_PAN_IDS);
                if (type == 2) {
                    verbose(out.append(", short_addr="), le.getShort(10) & 0xffff, IEEE802154_ADDRS);
                } else if (type != 0) {
                    MacAddr.append(out.append(", hwaddr="), b, 10, 8);
                }
                out.append('}');
            }
            default -> throw new IllegalArgumentException("family " + family);
        }
        s.append(out.toString());
    }

    /** strace's PRINT_FIELD_XVAL_VERBOSE: the number, and its name in a comment unless raw. */
    private static void verbose(LineBuffer out, long value, Flags names) {
        ConstStyle before = ConstStyle.use(ConstStyle.current() == ConstStyle.RAW ? ConstStyle.RAW : ConstStyle.VERBOSE);
        try {
            names.hexValue(out, value);
        } finally {
            ConstStyle.use(before);
        }
    }

    /** strace's PRINT_FIELD_FLAGS_VERBOSE of the AF_ALG flags. */
    private static void verboseFlags(LineBuffer out, long value) {
        ConstStyle before = ConstStyle.use(ConstStyle.current() == ConstStyle.RAW ? ConstStyle.RAW : ConstStyle.VERBOSE);
        try {
            ALG_FLAGS.flags(out, value);
        } finally {
            ConstStyle.use(before);
        }
    }

    /**
     * A char array of {@code size} bytes that should end in a NUL (QUOTE_0_TERMINATED |
     * QUOTE_EXPECT_TRAILING_0): up to the first NUL of its first size - 1 bytes, "..." after
     * when none of its bytes is a NUL.
     */
    private static void terminated(LineBuffer out, byte[] b, int off, int size, Quote.Hex hex) {
        Quote.append(out, b, off, Math.max(size - 1, 0), hex, true);
        for (int i = 0; i < size; i++) {
            if (b[off + i] == 0) {
                return;
            }
        }
        out.append("...");
    }

    private static LineBuffer hex(LineBuffer out, long v) {
        return v == 0 ? out.append('0') : out.append("0x").appendHex(v);
    }
}
