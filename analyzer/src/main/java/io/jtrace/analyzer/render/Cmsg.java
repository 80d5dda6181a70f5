package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Sockaddr;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A msghdr's control messages, printed as strace's decode_msg_control prints them (LP64). */
final class Cmsg {
    /** sizeof(struct cmsghdr): cmsg_len (8), cmsg_level (4), cmsg_type (4). */
    private static final int HEADER = 16;
    private static final int SOL_SOCKET = 1;
    private static final int SOL_IP = 0;
    private static final int SCM_RIGHTS = 1;
    private static final int SCM_CREDENTIALS = 2;
    private static final int SCM_SECURITY = 3;
    private static final int SO_TIMESTAMP_OLD = 29;
    private static final int SO_TIMESTAMPNS_OLD = 35;
    private static final int SO_TIMESTAMPING_OLD = 37;
    private static final int SO_TIMESTAMP_NEW = 63;
    private static final int SO_TIMESTAMPNS_NEW = 64;
    private static final int SO_TIMESTAMPING_NEW = 65;
    private static final int IP_TOS = 1;
    private static final int IP_TTL = 2;
    private static final int IP_RECVOPTS = 6;
    private static final int IP_RETOPTS = 7;
    private static final int IP_PKTINFO = 8;
    private static final int IP_RECVERR = 11;
    private static final int IP_ORIGDSTADDR = 20;
    private static final int IP_CHECKSUM = 23;
    /** sizeof(struct timespec) and sizeof(struct timeval) on LP64, and of the new 64-bit ones. */
    private static final int TIMESPEC = 16;
    /** sizeof(struct sock_extended_err) and the sockaddr_in after it. */
    private static final int SOCK_EE = 32;

    private Cmsg() {
    }

    /**
     * {@code [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}]}, or the
     * address when the control buffer was not captured or is shorter than one header.
     */
    static void append(Call c, LineBuffer out, RecordedBuffer b, long address, long controlLength) {
        if (b == null || b.getError() != 0 || b.getData().size() < HEADER || controlLength < HEADER) {
            Formats.pointer(out, address);
            return;
        }
        byte[] data = b.getData().toByteArray();
        ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int length = (int) Math.min(controlLength, data.length);
        int at = 0;
        int left = length;
        out.append('[');
        while (left >= HEADER) {
            long cmsgLength = le.getLong(at);
            int level = le.getInt(at + 8);
            int type = le.getInt(at + 12);
            if (at > 0) {
                out.append(", ");
            }
            out.append("{cmsg_len=").append(Long.toUnsignedString(cmsgLength)).append(", cmsg_level=");
            Consts.SOL.hexValue(out, level & 0xffffffffL);
            out.append(", cmsg_type=");
            long len = Long.compareUnsigned(cmsgLength, left) > 0 ? left : cmsgLength;
            int dataLength = len > HEADER ? (int) len - HEADER : 0;
            typeAndData(c, out, level, type, le, at + HEADER, dataLength);
            out.append('}');
            if (len < HEADER) {
                left -= HEADER;
                break;
            }
            long aligned = cmsgLength + 7 & ~7L;
            if (Long.compareUnsigned(aligned, left) >= 0) {
                left = 0;
                break;
            }
            at += (int) aligned;
            left -= (int) aligned;
        }
        if (left > 0) {
            out.append(", ...");
            out.append(" /* ");
            Formats.hex(out, address + (length - left));
            out.append(" */");
        } else if (length < controlLength) {
            out.append(", ...");
        }
        out.append(']');
    }

    private static void typeAndData(Call c, LineBuffer out, int level, int type, ByteBuffer le, int at, int n) {
        switch (level) {
            case SOL_SOCKET -> {
                Consts.SCM.hexValue(out, type & 0xffffffffL);
                switch (type) {
                    case SCM_RIGHTS -> {
                        if (n >= 4) {
                            out.append(", cmsg_data=");
                            array(c, out, n / 4, k -> c.receivedFd(out, le.getInt(at + 4 * k)));
                        }
                    }
                    case SCM_CREDENTIALS -> {
                        if (n >= 12) {
                            c.pid(out.append(", cmsg_data={pid="), le.getInt(at), io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID);
                            out.append(", uid=");
                            id(out, le.getInt(at + 4));
                            out.append(", gid=");
                            id(out, le.getInt(at + 8));
                            out.append('}');
                        }
                    }
                    case SCM_SECURITY -> security(c, out, le, at, n);
                    case SO_TIMESTAMP_OLD, SO_TIMESTAMP_NEW -> {
                        if (n >= 1) {
                            out.append(", cmsg_data=");
                            time(out, le, at, n, "tv_usec");
                        }
                    }
                    case SO_TIMESTAMPNS_OLD, SO_TIMESTAMPNS_NEW -> {
                        if (n >= 1) {
                            out.append(", cmsg_data=");
                            time(out, le, at, n, "tv_nsec");
                        }
                    }
                    case SO_TIMESTAMPING_OLD, SO_TIMESTAMPING_NEW -> {
                        if (n >= 1) {
                            out.append(", cmsg_data=");
                            if (n < 3 * TIMESPEC) {
                                out.append("???");
                            } else {
                                out.append('[');
                                for (int k = 0; k < 3; k++) {
                                    time(out.append(k > 0 ? ", " : ""), le, at + k * TIMESPEC, TIMESPEC, "tv_nsec");
                                }
                                out.append(']');
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            case SOL_IP -> {
                Consts.IP_CMSG.hexValue(out, type & 0xffffffffL);
                switch (type) {
                    case IP_PKTINFO -> {
                        if (n >= 12) {
                            out.append(", cmsg_data={ipi_ifindex=");
                            Sockopts.ifindex(c, out, le.getInt(at));
                            out.append(", ").append(inetAddr(c, le, at + 4, "ipi_spec_dst")).append(", ")
                                    .append(inetAddr(c, le, at + 8, "ipi_addr")).append('}');
                        }
                    }
                    case IP_TTL, IP_CHECKSUM -> {
                        if (n >= 4) {
                            out.append(", cmsg_data=");
                            array(c, out, n / 4, k -> out.append(le.getInt(at + 4 * k) & 0xffffffffL));
                        }
                    }
                    case IP_TOS, IP_RECVOPTS, IP_RETOPTS -> {
                        if (n >= 1) {
                            out.append(", cmsg_data=");
                            array(c, out, n, k -> Formats.hex(out, le.get(at + k) & 0xff));
                        }
                    }
                    case IP_RECVERR -> {
                        if (n >= SOCK_EE) {
                            out.append(", cmsg_data={ee_errno=").append(le.getInt(at) & 0xffffffffL)
                                    .append(", ee_origin=").append(le.get(at + 4) & 0xff)
                                    .append(", ee_type=").append(le.get(at + 5) & 0xff)
                                    .append(", ee_code=").append(le.get(at + 6) & 0xff)
                                    .append(", ee_info=").append(le.getInt(at + 8) & 0xffffffffL)
                                    .append(", ee_data=").append(le.getInt(at + 12) & 0xffffffffL)
                                    .append(", offender=").append(sockaddr(c, le, at + 16, 16)).append('}');
                        }
                    }
                    case IP_ORIGDSTADDR -> {
                        if (n >= 16) {
                            out.append(", cmsg_data=")
                                    .append(sockaddr(c, le, at, Math.min(n, Sockaddr.STORAGE_SIZE)));
                        }
                    }
                    case SCM_SECURITY -> security(c, out, le, at, n);
                    default -> {
                    }
                }
            }
            default -> Formats.hex(out, type & 0xffffffffL);
        }
    }

    /** strace's print_local_array: at most -s elements, then "..." (all of them under -v). */
    private static void array(Call c, LineBuffer out, int count, java.util.function.IntConsumer element) {
        out.append('[');
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                out.append(", ");
            }
            if (k >= c.options.stringLimit && c.abbrev()) {
                out.append("...");
                break;
            }
            element.accept(k);
        }
        out.append(']');
    }

    private static void security(Call c, LineBuffer out, ByteBuffer le, int at, int n) {
        if (n >= 1) {
            out.append(", cmsg_data=");
            Quote.append(out, le.array(), at, n, c.options.hex, false);
        }
    }

    /** A uid or gid: -1 as such, others unsigned (strace's PRINT_FIELD_ID). */
    private static void id(LineBuffer out, int id) {
        if (id == -1) {
            out.append(-1);
        } else {
            out.append(id & 0xffffffffL);
        }
    }

    /** A timeval or timespec of 64-bit fields, "???" when the data is shorter. */
    private static void time(LineBuffer out, ByteBuffer le, int at, int n, String fraction) {
        if (n < TIMESPEC) {
            out.append("???");
            return;
        }
        out.append("{tv_sec=").append(le.getLong(at)).append(", ").append(fraction).append('=')
                .appendUnsigned(le.getLong(at + 8)).append('}');
    }

    private static String inetAddr(Call c, ByteBuffer le, int at, String field) {
        byte[] a = new byte[4];
        le.get(at, a);
        return InetText.inet4(field, a, 0, c.options.hex);
    }

    private static String sockaddr(Call c, ByteBuffer le, int at, int n) {
        byte[] addr = new byte[n];
        le.get(at, addr);
        return SockaddrText.strace(addr, n, c.options.hex, c::interfaceName);
    }
}
