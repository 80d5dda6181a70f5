package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Signals;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A raw x86_64 siginfo_t printed as strace prints it inside {@code --- SIGxxx {...} ---}. */
final class Siginfo {
    private static final int SI_USER = 0;
    private static final int SI_KERNEL = 0x80;
    private static final int SI_QUEUE = -1;
    private static final int SI_TIMER = -2;
    private static final int SI_MESGQ = -3;
    private static final int SI_ASYNCIO = -4;
    private static final int SI_SIGIO = -5;
    private static final int SI_TKILL = -6;
    private static final int SIGILL = 4;
    private static final int SIGTRAP = 5;
    private static final int SIGBUS = 7;
    private static final int SIGFPE = 8;
    private static final int SIGSEGV = 11;
    private static final int SIGCHLD = 17;
    private static final int SIGIO = 29;
    private static final int SIGSYS = 31;

    private static final Flags CHLD = Flags.of(null, "CLD_EXITED", 1, "CLD_KILLED", 2, "CLD_DUMPED", 3,
            "CLD_TRAPPED", 4, "CLD_STOPPED", 5, "CLD_CONTINUED", 6);
    private static final Flags SEGV = Flags.of(null, "SEGV_MAPERR", 1, "SEGV_ACCERR", 2, "SEGV_BNDERR", 3,
            "SEGV_PKUERR", 4, "SEGV_ACCADI", 5, "SEGV_ADIDERR", 6, "SEGV_ADIPERR", 7, "SEGV_MTEAERR", 8,
            "SEGV_MTESERR", 9);
    private static final Flags BUS = Flags.of(null, "BUS_ADRALN", 1, "BUS_ADRERR", 2, "BUS_OBJERR", 3,
            "BUS_MCEERR_AR", 4, "BUS_MCEERR_AO", 5);
    private static final Flags ILL = Flags.of(null, "ILL_ILLOPC", 1, "ILL_ILLOPN", 2, "ILL_ILLADR", 3,
            "ILL_ILLTRP", 4, "ILL_PRVOPC", 5, "ILL_PRVREG", 6, "ILL_COPROC", 7, "ILL_BADSTK", 8);
    private static final Flags FPE = Flags.of(null, "FPE_INTDIV", 1, "FPE_INTOVF", 2, "FPE_FLTDIV", 3,
            "FPE_FLTOVF", 4, "FPE_FLTUND", 5, "FPE_FLTRES", 6, "FPE_FLTINV", 7, "FPE_FLTSUB", 8);
    private static final Flags TRAP = Flags.of(null, "TRAP_BRKPT", 1, "TRAP_TRACE", 2, "TRAP_BRANCH", 3,
            "TRAP_HWBKPT", 4, "TRAP_UNK", 5);
    private static final Flags POLL = Flags.of(null, "POLL_IN", 1, "POLL_OUT", 2, "POLL_MSG", 3, "POLL_ERR", 4,
            "POLL_PRI", 5, "POLL_HUP", 6);
    private static final Flags GENERIC = Flags.of(null, "SI_USER", SI_USER, "SI_KERNEL", SI_KERNEL,
            "SI_QUEUE", SI_QUEUE, "SI_TIMER", SI_TIMER, "SI_MESGQ", SI_MESGQ, "SI_ASYNCIO", SI_ASYNCIO,
            "SI_SIGIO", SI_SIGIO, "SI_TKILL", SI_TKILL, "SI_ASYNCNL", -60);

    private Siginfo() {
    }

    /** How a pid in a siginfo is printed: strace's printpid, which --decode-pids decorates. */
    interface PidPrinter {
        void pid(LineBuffer out, int pid);
    }

    /** A pid as its number alone. */
    static final PidPrinter PLAIN = LineBuffer::append;

    static void append(LineBuffer out, Signals signals, byte[] raw, int signo) {
        append(out, signals, raw, signo, PLAIN);
    }

    static void append(LineBuffer out, Signals signals, byte[] raw, int signo, PidPrinter pids) {
        byte[] b = java.util.Arrays.copyOf(raw, Math.max(raw.length, 128));
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int errno = le.getInt(4);
        int code = le.getInt(8);
        signal(out.append("{si_signo="), signals, signo);
        if (errno != 0) {
            Errnos.print(out.append(", si_errno="), errno & 0xffffffffL);
        }
        out.append(", si_code=");
        Flags specific = code > 0 && code != SI_KERNEL ? codes(signo) : null;
        String name = specific != null ? specific.name(code) : GENERIC.name(code);
        if (name != null) {
            ConstStyle.value(out, code & 0xffffffffL, true, name, null);
        } else {
            out.append(code);
        }
        if (code == SI_USER || code == SI_TKILL) {
            pids.pid(out.append(", si_pid="), le.getInt(16));
            out.append(", si_uid=").append(le.getInt(20) & 0xffffffffL);
        } else if (code == SI_QUEUE || code == SI_MESGQ || code == SI_ASYNCIO) {
            pids.pid(out.append(", si_pid="), le.getInt(16));
            out.append(", si_uid=").append(le.getInt(20) & 0xffffffffL)
                    .append(", si_value={int=").append(le.getInt(24)).append(", ptr=");
            Formats.hex(out, le.getLong(24)).append('}');
        } else if (code == SI_TIMER) {
            out.append(", si_timerid=").append(Formats.hex(new LineBuffer(), le.getInt(16) & 0xffffffffL).toString())
                    .append(", si_overrun=").append(le.getInt(20)).append(", si_int=").append(le.getInt(24))
                    .append(", si_ptr=");
            Formats.hex(out, le.getLong(24));
        } else if (code > 0 || code == SI_KERNEL) {
            switch (signo) {
                case SIGCHLD -> {
                    pids.pid(out.append(", si_pid="), le.getInt(16));
                    out.append(", si_uid=")
                            .append(le.getInt(20) & 0xffffffffL).append(", si_status=");
                    int status = le.getInt(24);
                    if (code == 1) {
                        out.append(status);
                    } else {
                        signal(out, signals, status);
                    }
                    out.append(", si_utime=").append(le.getLong(32)).append(", si_stime=").append(le.getLong(40));
                }
                case SIGILL, SIGFPE, SIGSEGV, SIGBUS, SIGTRAP -> Formats.pointer(out.append(", si_addr="),
                        le.getLong(16));
                case SIGIO -> out.append(", si_band=").append(le.getLong(16)).append(", si_fd=").append(le.getInt(24));
                case SIGSYS -> {
                    Formats.pointer(out.append(", si_call_addr="), le.getLong(16));
                    out.append(", si_syscall=").append(le.getInt(24)).append(", si_arch=")
                            .append(Formats.hex(new LineBuffer(), le.getInt(28) & 0xffffffffL).toString());
                }
                default -> {
                }
            }
        }
        out.append('}');
    }

    /** strace's printsignal: a signal number by its name, in the line's {@link ConstStyle}. */
    static void signal(LineBuffer out, Signals signals, int signo) {
        ConstStyle.value(out, signo, false, signo > 0 && signo <= signals.max() ? signals.name(signo) : null, null);
    }

    private static Flags codes(int signo) {
        return switch (signo) {
            case SIGCHLD -> CHLD;
            case SIGSEGV -> SEGV;
            case SIGBUS -> BUS;
            case SIGILL -> ILL;
            case SIGFPE -> FPE;
            case SIGTRAP -> TRAP;
            case SIGIO -> POLL;
            default -> null;
        };
    }
}
