package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Errnos;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** seccomp user notification requests (strace's seccomp_ioctl.c). */
final class Seccomp {
    private static final Flags AUDIT_ARCH = Flags.of("AUDIT_ARCH_???", "AUDIT_ARCH_I386", 0x40000003L,
            "AUDIT_ARCH_X86_64", 0xc000003eL, "AUDIT_ARCH_AARCH64", 0xc00000b7L, "AUDIT_ARCH_ARM", 0x40000028L);
    private static final Flags RESP_FLAGS = Flags.of("SECCOMP_USER_NOTIF_FLAG_???",
            "SECCOMP_USER_NOTIF_FLAG_CONTINUE", 0x1L);
    private static final Flags ADDFD_FLAGS = Flags.of("SECCOMP_ADDFD_FLAG_???", "SECCOMP_ADDFD_FLAG_SETFD", 0x1L,
            "SECCOMP_ADDFD_FLAG_SEND", 0x2L);
    static final int NOTIF_RECV = 0xc0502100;
    static final int NOTIF_SEND = 0xc0182101;
    static final int NOTIF_ID_VALID = 0x40082102;
    static final int NOTIF_ID_VALID_WRONG_DIR = 0x80082102;
    static final int NOTIF_ADDFD = 0x40182103;
    private static final int NOTIF = 80;

    private Seccomp() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case NOTIF_RECV -> recv(c, out);
            case NOTIF_SEND -> Print.in(c, out, 24, b -> {
                Formats.hex(out.append("{id="), b.getLong(0));
                out.append(", val=").append(b.getLong(8)).append(", error=");
                Errnos.printNegated(out, b.getInt(16));
                RESP_FLAGS.flags(out.append(", flags="), b.getInt(20) & 0xffffffffL);
                out.append('}');
            });
            case NOTIF_ID_VALID, NOTIF_ID_VALID_WRONG_DIR -> Print.in(c, out, 8, b -> {
                out.append('[');
                Formats.hex(out, b.getLong(0));
                out.append(']');
            });
            case NOTIF_ADDFD -> Print.in(c, out, 24, b -> {
                Formats.hex(out.append("{id="), b.getLong(0));
                ADDFD_FLAGS.flags(out.append(", flags="), b.getInt(8) & 0xffffffffL);
                c.fd(out.append(", srcfd="), b.getInt(12));
                out.append(", newfd=").append(b.getInt(16));
                c.openModeFlags().flags(out.append(", newfd_flags="), b.getInt(20) & 0xffffffffL);
                out.append('}');
            });
            default -> false;
        };
    }

    /**
     * struct seccomp_notif: a zeroed one (as a supervisor passes it) printed at exit only; any other
     * at entry and, after " => ", again at exit.
     */
    private static boolean recv(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(NOTIF);
        if (in == null) {
            c.address(out);
            return true;
        }
        boolean zeroed = true;
        for (int i = 0; i < NOTIF; i++) {
            zeroed &= in.get(i) == 0;
        }
        if (!zeroed) {
            notif(c, out, in);
            if (c.unfinished()) {
                return true;
            }
            out.append(" => ");
        } else if (c.unfinished()) {
            return true;
        }
        ByteBuffer after = c.out(NOTIF);
        if (after == null) {
            c.address(out);
        } else {
            notif(c, out, after);
        }
        return true;
    }

    private static void notif(IoctlCall c, LineBuffer out, ByteBuffer b) {
        Formats.hex(out.append("{id="), b.getLong(0));
        c.tgid(out.append(", pid="), b.getInt(8));
        Formats.hex(out.append(", flags="), b.getInt(12) & 0xffffffffL);
        long nr = b.getInt(16) & 0xffffffffL;
        long arch = b.getInt(20) & 0xffffffffL;
        out.append(", data={nr=");
        String name = c.syscallName(arch, (int) nr);
        ConstStyle.value(out, nr, false, name != null ? "__NR_" + name : null, null);
        AUDIT_ARCH.hexValue(out.append(", arch="), arch);
        Formats.pointer(out.append(", instruction_pointer="), b.getLong(24));
        out.append(", args=[");
        for (int i = 0; i < 6; i++) {
            Formats.hex(out.append(i > 0 ? ", " : ""), b.getLong(32 + 8 * i));
        }
        out.append("]}}");
    }
}
