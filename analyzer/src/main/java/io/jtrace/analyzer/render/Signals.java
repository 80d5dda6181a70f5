package io.jtrace.analyzer.render;

/** Signal names as strace prints them (x86_64 numbering; real-time signals as SIGRT_n). */
public final class Signals {
    private static final String[] NAMES = {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
    private static final int SIGRTMIN = 32;
    private static final int SIGRTMAX = 64;

    private Signals() {
    }

    public static String name(long signo) {
        if (signo > 0 && signo < NAMES.length) {
            return NAMES[(int) signo];
        }
        if (signo >= SIGRTMIN && signo <= SIGRTMAX) {
            return "SIGRT_" + (signo - SIGRTMIN);
        }
        return Long.toString(signo);
    }
}
