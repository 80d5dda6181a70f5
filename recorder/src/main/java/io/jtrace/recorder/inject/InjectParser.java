package io.jtrace.recorder.inject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the tokens after the syscall set of {@code inject=SET:TOKEN:TOKEN...} and
 * {@code fault=SET:...} as strace 6.1's parse_inject_token (src/filter_qualify.c) does:
 * {@code error=ERRNO} (a name or a number up to 4095), {@code retval=VALUE} (strtoull syntax),
 * {@code signal=SIG} and {@code when=FIRST[..LAST][+[STEP]]}; fault= takes only error= and when=,
 * and defaults to ENOSYS; poke_enter=@argN=HEX and poke_exit=@argN=HEX ({@link Pokes}). strace's
 * syscall=, delay_enter= and delay_exit= are refused as not supported.
 */
final class InjectParser {
    private static final int MAX_ERRNO = 4095;
    private static final int MAX_SIGNAL = 64;
    private static final List<String> SIGNALS = List.of("0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
            "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", "SIGRTMIN");
    private static final int SIGRTMIN = 32;
    private static final Map<String, Integer> ERRNOS = errnos();

    private int first = 1;
    private int last = InjectRule.LAST_INF;
    private int step = 1;
    private boolean error;
    private boolean retval;
    private long value;
    private int signal;
    private Pokes pokes = Pokes.NONE;

    private InjectParser() {
    }

    /**
     * The rule of the tokens in {@code tokens} (the qualifier's value without its set), or throws
     * IllegalArgumentException naming what is wrong.
     */
    static InjectRule parse(List<String> tokens, boolean fault) {
        InjectParser p = new InjectParser();
        for (String token : tokens) {
            if (!p.token(token, fault)) {
                throw new IllegalArgumentException("invalid token '" + token + "'");
            }
        }
        if (!p.error && !p.retval && p.signal == 0 && p.pokes.isEmpty()) {
            if (!fault) {
                throw new IllegalArgumentException("give error=, retval=, signal=, poke_enter= or poke_exit=");
            }
            p.error = true; // fault= fails with ENOSYS unless told otherwise
            p.value = 38;
        }
        return new InjectRule(p.first, p.last, p.step, p.error || p.retval, p.retval, p.value, p.signal, p.pokes);
    }

    private boolean token(String token, boolean fault) {
        int eq = token.indexOf('=');
        String key = eq < 0 ? token : token.substring(0, eq);
        String val = eq < 0 ? "" : token.substring(eq + 1);
        switch (key) {
            case "when":
                return eq > 0 && when(val);
            case "error":
                if (eq < 0 || error || retval) {
                    return false;
                }
                int errno = errno(val);
                if (errno < 1) {
                    return false;
                }
                error = true;
                value = errno;
                return true;
            case "retval":
                if (fault || eq < 0 || error || retval) {
                    return false;
                }
                Long v = unsignedLong(val);
                if (v == null) {
                    return false;
                }
                retval = true;
                value = v;
                return true;
            case "signal":
                if (fault || eq < 0 || signal != 0) {
                    return false;
                }
                int sig = signal(val);
                if (sig < 1 || sig > MAX_SIGNAL) {
                    return false;
                }
                signal = sig;
                return true;
            case "poke_enter", "poke_exit":
                if (fault || eq < 0) {
                    return false;
                }
                Pokes more = pokes.with(val, key.equals("poke_enter"));
                if (more == null) {
                    return false;
                }
                pokes = more;
                return true;
            case "syscall", "delay_enter", "delay_exit":
                if (fault) {
                    return false;
                }
                throw new IllegalArgumentException(key + "= is not supported by jtrace-record");
            default:
                return false;
        }
    }

    /** F, F+, F+S, F..L, F..L+, F..L+S, as strace reads them (numbers up to 65535, F at least 1). */
    private boolean when(String val) {
        int i = digits(val, 0);
        int f = number(val, 0, i);
        if (f < 1) {
            return false;
        }
        first = f;
        if (val.startsWith("..", i)) {
            int j = digits(val, i + 2);
            int l = number(val, i + 2, j);
            if (l < first || l == InjectRule.LAST_INF) {
                return false;
            }
            last = l;
            i = j;
        } else {
            last = InjectRule.LAST_INF;
        }
        if (i == val.length()) {
            step = last == InjectRule.LAST_INF ? 0 : 1;
            return true;
        }
        if (val.charAt(i) != '+') {
            return false;
        }
        if (i + 1 == val.length()) {
            step = 1;
            return true;
        }
        int s = number(val, i + 1, val.length());
        if (s < 1) {
            return false;
        }
        step = s;
        return true;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The decimal number s[from, to) if it is one of at most 0xffff, else -1. */
    private static int number(String s, int from, int to) {
        if (from >= to || digits(s, from) != to || to - from > 6) {
            return -1;
        }
        int n = Integer.parseInt(s.substring(from, to));
        return n <= 0xffff ? n : -1;
    }

    static int errno(String val) {
        if (!val.isEmpty() && Character.isDigit(val.charAt(0))) {
            int n = number(val, 0, val.length());
            return n >= 0 && n <= MAX_ERRNO ? n : -1;
        }
        return ERRNOS.getOrDefault(val.toUpperCase(Locale.ROOT), -1);
    }

    static int signal(String val) {
        if (!val.isEmpty() && Character.isDigit(val.charAt(0))) {
            int n = number(val, 0, val.length());
            return n <= 255 ? n : -1;
        }
        String name = val.regionMatches(true, 0, "SIG", 0, 3) ? val.substring(3) : val;
        for (int i = 1; i < SIGNALS.size(); i++) {
            if (SIGNALS.get(i).substring(3).equalsIgnoreCase(name)) {
                return i;
            }
        }
        if (name.regionMatches(true, 0, "RT_", 0, 3)) {
            int n = number(name, 3, name.length());
            return n >= 0 && SIGRTMIN + n <= MAX_SIGNAL ? SIGRTMIN + n : -1;
        }
        return -1;
    }

    /** strtoull(val, &end, 0) of a whole string: decimal, 0x hex or 0 octal, a leading - wraps around. */
    private static Long unsignedLong(String val) {
        boolean negative = val.startsWith("-");
        String s = negative || val.startsWith("+") ? val.substring(1) : val;
        int radix = 10;
        if (s.length() > 1 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        if (s.isEmpty() || s.startsWith("-") || s.startsWith("+")) {
            return null;
        }
        try {
            long v = Long.parseUnsignedLong(s, radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Integer> errnos() {
        Map<String, Integer> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                InjectParser.class.getResourceAsStream("errnoent.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split("\t");
                    m.putIfAbsent(f[1], Integer.parseInt(f[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
