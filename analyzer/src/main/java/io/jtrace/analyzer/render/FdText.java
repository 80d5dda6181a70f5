package io.jtrace.analyzer.render;

import io.jtrace.analyzer.trace.FdInfo;

/** What {@code -y} and {@code -yy} print between the angle brackets after an fd, from what the trace knows of it. */
public final class FdText {
    private FdText() {
    }

    /** The bytes of {@link #path} as the file system has them (a file name need not be UTF-8); null when none. */
    public static byte[] pathBytes(FdInfo info) {
        if (info.target() != null && info.targetBytes() != null) {
            return info.targetBytes();
        }
        String p = path(info);
        return p == null ? null : p.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** What {@code -y} prints between the angle brackets. */
    public static String path(FdInfo info) {
        if (info.target() != null) {
            return info.target();
        }
        return endpoints(info);
    }

    /** What {@code -yy} prints: socket endpoints where known, else the path; null when nothing is known. */
    public static String endpoints(FdInfo info) {
        String proto = info.protocol();
        if (info.kind() != FdInfo.Kind.SOCKET || proto == null) {
            return info.target() != null ? info.target() : info.kind() == FdInfo.Kind.SOCKET ? "socket:[]" : null;
        }
        StringBuilder b = new StringBuilder(proto).append(":[");
        if (info.family() == 16 && info.netlinkPid() != 0 && info.socketProtocol() >= 0) {
            // strace's sock_diag answer for a bound netlink socket: its protocol and port id
            String name = io.jtrace.analyzer.render.netlink.Xlat.name("netlink_protocols", info.socketProtocol());
            if (name != null) {
                b.append(name.substring("NETLINK_".length())).append(':').append(info.netlinkPid());
            } else {
                b.append(info.socketProtocol());
            }
        } else if (info.family() == 1) {
            b.append(info.inode() == 0 ? "" : Long.toString(info.inode()));
            if (info.peerInode() != 0) {
                b.append("->").append(info.peerInode());
            }
            if (info.unixPath() != null) {
                // an abstract name as strace prints it: @"name"
                boolean abstractName = info.unixPath().startsWith("@");
                b.append(info.inode() == 0 ? "" : ",").append(abstractName ? "@\"" : "\"")
                        .append(abstractName ? info.unixPath().substring(1) : info.unixPath()).append('"');
            }
        } else if (info.local() != null) {
            b.append(info.local());
            if (info.peer() != null) {
                b.append("->").append(info.peer());
            }
        } else if (info.peer() != null) {
            b.append("->").append(info.peer());
        } else if (info.inode() != 0) {
            b.append(info.inode());
        }
        return b.append(']').toString();
    }
}
