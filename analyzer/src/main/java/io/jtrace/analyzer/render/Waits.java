package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/**
 * wait4 and waitid as strace's wait.c prints them: the pid (a process group below -1), the status
 * ({@code [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]}), the options, and struct rusage as printrusage.c
 * ({@code {ru_utime={tv_sec=0, tv_usec=1998}, ru_stime=..., ...}}, every field under -v). The
 * recorder copies the status, siginfo and rusage the kernel filled.
 */
final class Waits {
    private Waits() {
    }

    private static final int RUSAGE = 144;
    private static final int SIGINFO = 128;

    /** strace's wait4_options, in its order (WUNTRACED, the same bit, is WSTOPPED there). */
    static final Flags OPTIONS = Flags.of("W???", "WNOHANG", 1, "WEXITED", 4, "WSTOPPED", 2, "WCONTINUED", 8,
            "WNOWAIT", 0x01000000, "__WNOTHREAD", 0x20000000, "__WALL", 0x40000000, "__WCLONE", 0x80000000L);
    static final Flags ID_TYPES = Flags.of("P_???", "P_ALL", 0, "P_PID", 1, "P_PGID", 2, "P_PIDFD", 3);
    /** linux/ptrace.h's events, which a status of a ptrace stop carries above bit 16. */
    private static final Flags PTRACE_EVENTS = Flags.of("PTRACE_EVENT_???", "PTRACE_EVENT_FORK", 1,
            "PTRACE_EVENT_VFORK", 2, "PTRACE_EVENT_CLONE", 3, "PTRACE_EVENT_EXEC", 4, "PTRACE_EVENT_VFORK_DONE", 5,
            "PTRACE_EVENT_EXIT", 6, "PTRACE_EVENT_SECCOMP", 7, "PTRACE_EVENT_STOP", 128);

    /** wait4's status: the address when no child was reaped (a result of 0), else what the kernel wrote. */
    static final Arg STATUS = Arg.out((c, i, out) -> {
        if (!c.failed() && c.ret() == 0) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        ByteBuffer s = Umove.orAddress(c, out, c.atExit(i), c.arg(i), Integer.BYTES, true);
        if (s != null) {
            out.append('[');
            status(c, out, s.getInt(0));
            out.append(']');
        }
    });

    /** wait4's rusage: filled only when a child was reaped. */
    static final Arg WAIT4_RUSAGE = Arg.out((c, i, out) -> {
        if (c.failed() || c.ret() <= 0) {
            Formats.pointer(out, c.arg(i));
        } else {
            rusage(c, out, i);
        }
    });

    /** waitid's rusage, as the kernel left it. */
    static final Arg RUSAGE_OUT = Arg.out((c, i, out) -> rusage(c, out, i));

    /** waitid's idtype and id: a pid, a process group or a pidfd by the type. */
    static final Arg ID_TYPE = Args.hexValue(ID_TYPES);
    static final Arg ID = Arg.in((c, i, out) -> {
        int id = (int) c.arg(i);
        switch ((int) c.arg(i - 1)) {
            case 1 -> c.pid(out, id, io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID);
            case 2 -> c.pid(out, id, io.jtrace.analyzer.trace.PidNamespaceIds.Type.PGID);
            case 3 -> c.fd(out, id);
            default -> out.append(id);
        }
    });

    /** waitid's siginfo: {} when no child changed state (WNOHANG). */
    static final Arg SIGINFO_OUT = Arg.out((c, i, out) -> {
        ByteBuffer s = Umove.orAddress(c, out, c.atExit(i), c.arg(i), SIGINFO, true);
        if (s != null) {
            int signo = s.getInt(0);
            if (signo == 0) {
                out.append("{}");
            } else {
                byte[] raw = new byte[SIGINFO];
                s.get(0, raw);
                Siginfo.append(out, c.arch.signals, raw, signo, (text, pid) -> c.pid(text, pid,
                        io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID));
            }
        }
    });

    /** strace's printstatus. */
    static void status(Call c, LineBuffer out, int status) {
        int low = status & 0x7f;
        if ((status & 0xff) == 0x7f) {   // WIFSTOPPED
            int sig = status >>> 8 & 0xff;
            out.append("{WIFSTOPPED(s) && WSTOPSIG(s) == ");
            Siginfo.signal(out, c.arch.signals, sig & 0x7f);
            out.append((sig & 0x80) != 0 ? " | 0x80}" : "}");
            status &= ~(sig << 8 | 0x7f);
        } else if (low != 0 && low != 0x7f) {   // WIFSIGNALED
            out.append("{WIFSIGNALED(s) && WTERMSIG(s) == ");
            Siginfo.signal(out, c.arch.signals, low);
            out.append((status & 0x80) != 0 ? " && WCOREDUMP(s)}" : "}");
            status &= ~(low | 0x80);
        } else if (low == 0) {   // WIFEXITED
            out.append("{WIFEXITED(s) && WEXITSTATUS(s) == ").append(status >>> 8 & 0xff).append('}');
            status &= ~0xff00;
        } else if (status == 0xffff) {   // WIFCONTINUED
            out.append("{WIFCONTINUED(s)}");
            status = 0;
        } else {
            Formats.hex(out, status & 0xffffffffL);
            return;
        }
        if (status != 0) {
            int event = status >>> 16;
            if (event != 0) {
                out.append('|');
                PTRACE_EVENTS.hexValue(out, event);
                out.append("<<16");
                status &= 0xffff;
            }
            if (status != 0) {
                out.append('|');
                Formats.hex(out, status & 0xffffffffL);
            }
        }
    }

    /** strace's printrusage: NULL, the address, or the times (every field under -v). */
    private static void rusage(Call c, LineBuffer out, int i) {
        ByteBuffer r = Umove.orAddress(c, out, c.atExit(i), c.arg(i), RUSAGE, true);
        if (r == null) {
            return;
        }
        out.append("{ru_utime=");
        Times.timeval(out, r, 0);
        out.append(", ru_stime=");
        Times.timeval(out, r, 16);
        if (c.abbrev()) {
            out.append(", ...}");
            return;
        }
        String[] names = {"ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt", "ru_nswap",
            "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv", "ru_nsignals", "ru_nvcsw", "ru_nivcsw"};
        for (int k = 0; k < names.length; k++) {
            out.append(", ").append(names[k]).append('=').appendUnsigned(r.getLong(32 + 8 * k));
        }
        out.append('}');
    }
}
