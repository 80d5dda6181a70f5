package io.jtrace.analyzer.trace;

/**
 * Signal numbers and names of an architecture as strace prints them (real-time signals as
 * SIGRT_n); {@link Arch} says which numbering a trace uses.
 */
public final class Signals {
    /**
     * The numbering of asm-generic/signal.h, which x86, arm, arm64 and riscv share (alpha, mips,
     * parisc and sparc number them otherwise).
     */
    static final Signals GENERIC = new Signals(new String[] {"0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL",
        "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"}, 32, 64);

    private final String[] names;
    private final int sigrtmin;
    private final int sigrtmax;

    private Signals(String[] names, int sigrtmin, int sigrtmax) {
        this.names = names;
        this.sigrtmin = sigrtmin;
        this.sigrtmax = sigrtmax;
    }

    /**
     * The number of a signal named as strace's -e signal= takes it: SIGINT, INT, int, 2, or
     * SIGRTMIN+n / SIGRT_n / RTMIN+n; -1 when it names none.
     */
    public int number(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            int v = n.length() > 2 ? -1 : Integer.parseInt(n);
            return v >= 1 && v <= sigrtmax ? v : -1;
        }
        String bare = n.startsWith("SIG") ? n.substring(3) : n;
        for (int i = 1; i < names.length; i++) {
            if (names[i].substring(3).equals(bare)) {
                return i;
            }
        }
        for (String prefix : new String[] {"RTMIN+", "RT_"}) {
            if (bare.startsWith(prefix) && bare.length() > prefix.length()
                    && bare.substring(prefix.length()).chars().allMatch(Character::isDigit)
                    && bare.length() - prefix.length() <= 2) {
                int v = sigrtmin + Integer.parseInt(bare.substring(prefix.length()));
                return v <= sigrtmax ? v : -1;
            }
        }
        return bare.equals("RTMIN") ? sigrtmin : bare.equals("RTMAX") ? sigrtmax : -1;
    }

    /** The highest signal number. */
    public int max() {
        return sigrtmax;
    }

    public String name(long signo) {
        if (signo > 0 && signo < names.length) {
            return names[(int) signo];
        }
        if (signo == sigrtmin) {
            return "SIGRTMIN";                  // as strace's signalent table names 32
        }
        if (signo > sigrtmin && signo <= sigrtmax) {
            return "SIGRT_" + (signo - sigrtmin);
        }
        return Long.toString(signo);
    }
}
