package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;

/** Namespace fds' requests (strace's nsfs.c): no argument but NS_GET_OWNER_UID's uid; an fd or a namespace type back. */
final class Nsfs {
    private static final int NS_GET_USERNS = 0xb701;
    private static final int NS_GET_PARENT = 0xb702;
    private static final int NS_GET_NSTYPE = 0xb703;
    private static final int NS_GET_OWNER_UID = 0xb704;
    private static final Flags SETNS_TYPES = Flags.of(null, "CLONE_NEWTIME", 0x80L, "CLONE_NEWNS", 0x20000L,
            "CLONE_NEWCGROUP", 0x2000000L, "CLONE_NEWUTS", 0x4000000L, "CLONE_NEWIPC", 0x8000000L,
            "CLONE_NEWUSER", 0x10000000L, "CLONE_NEWPID", 0x20000000L, "CLONE_NEWNET", 0x40000000L);

    private Nsfs() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case NS_GET_USERNS, NS_GET_PARENT, NS_GET_NSTYPE -> true;
            case NS_GET_OWNER_UID -> Print.out(c, out, 4, b -> {
                int uid = b.getInt(0);
                out.append('[');
                if (uid == -1) {
                    out.append(-1);
                } else {
                    out.appendUnsigned(uid & 0xffffffffL);
                }
                out.append(']');
            });
            default -> false;
        };
    }

    static void ret(IoctlCall c, int code, LineBuffer out) {
        switch (code) {
            case NS_GET_USERNS, NS_GET_PARENT -> c.newFd(out);
            case NS_GET_NSTYPE -> {
                out.append(c.ret());
                String name = SETNS_TYPES.name(c.ret());
                if (name != null) {
                    out.append(" (").append(name).append(')');
                }
            }
            default -> out.append(c.ret());
        }
    }
}
