package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Sockaddr;
import io.jtrace.format.proto.Buffer;
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
    private static final int IP_TOS = 1;
    private static final int IP_TTL = 2;
    private static final int IP_RECVOPTS = 6;
    private static final int IP_RETOPTS = 7;
    private static final int IP_ORIGDSTADDR = 20;
    private static final int IP_CHECKSUM = 23;

    private Cmsg() {
    }

    /**
     * {@code [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}]}, or the
     * address when the control buffer was not captured or is shorter than one header.
     */
    static void append(Call c, LineBuffer out, Buffer b, long address, long controlLength) {
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
            Consts.SOL.hexValue(out, level);
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
                Consts.SCM.hexValue(out, type);
                switch (type) {
                    case SCM_RIGHTS -> {
                        if (n >= 4) {
                            out.append(", cmsg_data=[");
                            for (int k = 0; k + 4 <= n; k += 4) {
                                if (k > 0) {
                                    out.append(", ");
                                }
                                c.fd(out, le.getInt(at + k));
                            }
                            out.append(']');
                        }
                    }
                    case SCM_CREDENTIALS -> {
                        if (n >= 12) {
                            out.append(", cmsg_data={pid=").append(le.getInt(at)).append(", uid=")
                                    .append(Integer.toUnsignedString(le.getInt(at + 4))).append(", gid=")
                                    .append(Integer.toUnsignedString(le.getInt(at + 8))).append('}');
                        }
                    }
                    case SCM_SECURITY -> {
                        if (n >= 1) {
                            out.append(", cmsg_data=");
                            Quote.append(out, le.array(), at, n, c.options.hex, false);
                        }
                    }
                    default -> {
                    }
                }
            }
            case SOL_IP -> {
                Consts.IP_CMSG.hexValue(out, type);
                switch (type) {
                    case IP_TTL, IP_CHECKSUM -> {
                        if (n >= 4) {
                            out.append(", cmsg_data=[");
                            for (int k = 0; k + 4 <= n; k += 4) {
                                out.append(k > 0 ? ", " : "").append(Integer.toUnsignedString(le.getInt(at + k)));
                            }
                            out.append(']');
                        }
                    }
                    case IP_TOS, IP_RECVOPTS, IP_RETOPTS -> {
                        if (n >= 1) {
                            out.append(", cmsg_data=[");
                            for (int k = 0; k < n; k++) {
                                out.append(k > 0 ? ", " : "");
                                Formats.hex(out, le.get(at + k) & 0xff);
                            }
                            out.append(']');
                        }
                    }
                    case IP_ORIGDSTADDR -> {
                        if (n >= 16) {
                            byte[] addr = new byte[Math.min(n, 128)];
                            le.get(at, addr);
                            out.append(", cmsg_data=").append(Sockaddr.strace(addr, addr.length, c.options.hex));
                        }
                    }
                    default -> {
                    }
                }
            }
            default -> Formats.hex(out, type & 0xffffffffL);
        }
    }
}
