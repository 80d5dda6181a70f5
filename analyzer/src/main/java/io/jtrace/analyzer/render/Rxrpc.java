package io.jtrace.analyzer.render;

import io.jtrace.analyzer.trace.Sockaddr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/** A struct sockaddr_rxrpc's fields, as strace's print_sockaddr_data_rxrpc prints them. */
final class Rxrpc {
    /** sizeof(struct sockaddr_rxrpc): family, service, transport type and length, a sockaddr_in6. */
    static final int SIZE = 36;
    private static final int TRANSPORT = 8;

    private static final Flags SERVICES = Flags.of("???_SERVICE", "CM_SERVICE", 1, "YFS_FS_SERVICE", 2500,
            "YFS_CM_SERVICE", 2501, "YFS_VL_SERVICE", 2503);
    private static final Flags SOCK_TYPES = Flags.of("SOCK_???", "SOCK_STREAM", 1, "SOCK_DGRAM", 2, "SOCK_RAW", 3,
            "SOCK_RDM", 4, "SOCK_SEQPACKET", 5, "SOCK_DCCP", 6, "SOCK_PACKET", 10);

    private Rxrpc() {
    }

    /** The fields after sa_family of the first {@code len} (at least {@link #SIZE}) bytes of {@code b}. */
    static void append(StringBuilder s, byte[] b, int len, Quote.Hex hex, IntFunction<String> interfaces) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int service = le.getShort(2) & 0xffff;
        int type = le.getShort(4) & 0xffff;
        int declared = le.getShort(6) & 0xffff;
        // the service's name always in a comment but in raw style (strace's PRINT_FIELD_XVAL_VERBOSE)
        s.append("srx_service=").append(service == 0 ? "0" : "0x" + Integer.toHexString(service));
        if (ConstStyle.current() != ConstStyle.RAW) {
            String name = SERVICES.name(service);
            s.append(" /* ").append(name != null ? name : "???_SERVICE").append(" */");
        }
        s.append(", transport_type=").append(ConstStyle.text(type, true, SOCK_TYPES.name(type), "SOCK_???"))
                .append(", transport_len=").append(declared).append(", transport={");
        int transportLength = Math.min(declared, len - TRANSPORT);
        int rest = Math.max(0, transportLength - 2);
        int family = le.getShort(TRANSPORT) & 0xffff;
        if (family == Sockaddr.AF_INET) {
            s.append("sin={sin_family=").append(SockaddrText.familyName(family));
            if (declared >= 16) {
                SockaddrText.inFields(s.append(", "), b, TRANSPORT, hex);
            } else if (rest > 0) {
                Quote.append(s.append(", "), b, TRANSPORT + 2, rest, hex, false);
            }
            s.append('}');
        } else if (family == Sockaddr.AF_INET6) {
            s.append("sin6={sin6_family=").append(SockaddrText.familyName(family));
            if (declared >= 24) {
                SockaddrText.in6Fields(s.append(", "), b, TRANSPORT, transportLength, hex, interfaces);
            } else if (rest > 0) {
                Quote.append(s.append(", "), b, TRANSPORT + 2, rest, hex, false);
            }
            s.append('}');
        } else {
            s.append("family=").append(SockaddrText.familyName(family));
            if (rest > 0) {
                Quote.append(s.append(", "), b, TRANSPORT + 2, rest, hex, false);
            }
        }
        s.append('}');
    }
}
