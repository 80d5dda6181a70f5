package io.jtrace.analyzer.trace;

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

    /**
     * The number of a signal named as strace's -e signal= takes it: SIGINT, INT, int, 2, or
     * SIGRTMIN+n / SIGRT_n / RTMIN+n; -1 when it names none.
     */
    public static int number(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
            int v = n.length() > 2 ? -1 : Integer.parseInt(n);
            return v >= 1 && v <= SIGRTMAX ? v : -1;
        }
        String bare = n.startsWith("SIG") ? n.substring(3) : n;
        for (int i = 1; i < NAMES.length; i++) {
            if (NAMES[i].substring(3).equals(bare)) {
                return i;
            }
        }
        for (String prefix : new String[] {"RTMIN+", "RT_"}) {
            if (bare.startsWith(prefix) && bare.length() > prefix.length()
                    && bare.substring(prefix.length()).chars().allMatch(Character::isDigit)
                    && bare.length() - prefix.length() <= 2) {
                int v = SIGRTMIN + Integer.parseInt(bare.substring(prefix.length()));
                return v <= SIGRTMAX ? v : -1;
            }
        }
        return bare.equals("RTMIN") ? SIGRTMIN : bare.equals("RTMAX") ? SIGRTMAX : -1;
    }

    /** The highest signal number. */
    public static int max() {
        return SIGRTMAX;
    }

    public static String name(long signo) {
        if (signo > 0 && signo < NAMES.length) {
            return NAMES[(int) signo];
        }
        if (signo == SIGRTMIN) {
            return "SIGRTMIN";                  // as strace's signalent table names 32
        }
        if (signo > SIGRTMIN && signo <= SIGRTMAX) {
            return "SIGRT_" + (signo - SIGRTMIN);
        }
        return Long.toString(signo);
    }
}
