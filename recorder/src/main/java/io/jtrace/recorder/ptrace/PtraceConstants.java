package io.jtrace.recorder.ptrace;

/** Values from {@code <linux/ptrace.h>}, {@code <sys/wait.h>} and {@code <signal.h>} (generic Linux, all architectures). */
public final class PtraceConstants {
    // Requests.
    public static final int PTRACE_PEEKDATA = 2;
    public static final int PTRACE_POKEDATA = 5;
    public static final int PTRACE_POKEUSER = 6;
    public static final int PTRACE_CONT = 7;
    public static final int PTRACE_KILL = 8;
    public static final int PTRACE_GETREGS = 12;
    public static final int PTRACE_SETREGS = 13;
    public static final int PTRACE_DETACH = 17;
    public static final int PTRACE_SYSCALL = 24;
    public static final int PTRACE_SETOPTIONS = 0x4200;
    public static final int PTRACE_GETEVENTMSG = 0x4201;
    public static final int PTRACE_GETSIGINFO = 0x4202;
    public static final int PTRACE_GETREGSET = 0x4204;
    public static final int PTRACE_SEIZE = 0x4206;
    public static final int PTRACE_INTERRUPT = 0x4207;
    public static final int PTRACE_LISTEN = 0x4208;
    public static final int PTRACE_GET_SYSCALL_INFO = 0x420e;

    // Options.
    public static final int PTRACE_O_TRACESYSGOOD = 0x01;
    public static final int PTRACE_O_TRACEFORK = 0x02;
    public static final int PTRACE_O_TRACEVFORK = 0x04;
    public static final int PTRACE_O_TRACECLONE = 0x08;
    public static final int PTRACE_O_TRACEEXEC = 0x10;
    public static final int PTRACE_O_TRACEVFORKDONE = 0x20;
    public static final int PTRACE_O_TRACEEXIT = 0x40;
    public static final int PTRACE_O_TRACESECCOMP = 0x80;
    public static final int PTRACE_O_EXITKILL = 0x100000;

    // Events, found in wait status bits 16..23.
    public static final int PTRACE_EVENT_FORK = 1;
    public static final int PTRACE_EVENT_VFORK = 2;
    public static final int PTRACE_EVENT_CLONE = 3;
    public static final int PTRACE_EVENT_EXEC = 4;
    public static final int PTRACE_EVENT_VFORK_DONE = 5;
    public static final int PTRACE_EVENT_EXIT = 6;
    public static final int PTRACE_EVENT_SECCOMP = 7;
    public static final int PTRACE_EVENT_STOP = 128;

    // PTRACE_GET_SYSCALL_INFO op values.
    public static final int PTRACE_SYSCALL_INFO_NONE = 0;
    public static final int PTRACE_SYSCALL_INFO_ENTRY = 1;
    public static final int PTRACE_SYSCALL_INFO_EXIT = 2;
    public static final int PTRACE_SYSCALL_INFO_SECCOMP = 3;

    // wait4 options.
    public static final int WNOHANG = 1;
    public static final int WUNTRACED = 2;
    public static final int WNOTHREAD = 0x20000000;
    public static final int WALL = 0x40000000;

    // Signals.
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int SIGTRAP = 5;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;

    // clone flags the tracer interprets.
    public static final long CLONE_VFORK = 0x4000;
    public static final long CLONE_THREAD = 0x10000;

    /** Size of the kernel's siginfo_t. */
    public static final int SIGINFO_SIZE = 128;

    private PtraceConstants() {
    }

    public static String requestName(int request) {
        switch (request) {
            case PTRACE_PEEKDATA: return "PTRACE_PEEKDATA";
            case PTRACE_POKEDATA: return "PTRACE_POKEDATA";
            case PTRACE_CONT: return "PTRACE_CONT";
            case PTRACE_KILL: return "PTRACE_KILL";
            case PTRACE_POKEUSER: return "PTRACE_POKEUSER";
            case PTRACE_GETREGS: return "PTRACE_GETREGS";
            case PTRACE_SETREGS: return "PTRACE_SETREGS";
            case PTRACE_DETACH: return "PTRACE_DETACH";
            case PTRACE_SYSCALL: return "PTRACE_SYSCALL";
            case PTRACE_SETOPTIONS: return "PTRACE_SETOPTIONS";
            case PTRACE_GETEVENTMSG: return "PTRACE_GETEVENTMSG";
            case PTRACE_GETSIGINFO: return "PTRACE_GETSIGINFO";
            case PTRACE_GETREGSET: return "PTRACE_GETREGSET";
            case PTRACE_SEIZE: return "PTRACE_SEIZE";
            case PTRACE_INTERRUPT: return "PTRACE_INTERRUPT";
            case PTRACE_LISTEN: return "PTRACE_LISTEN";
            case PTRACE_GET_SYSCALL_INFO: return "PTRACE_GET_SYSCALL_INFO";
            default: return "0x" + Integer.toHexString(request);
        }
    }

    /** SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: the signals whose delivery starts a group-stop. */
    public static boolean isStopSignal(int sig) {
        return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
    }
}
