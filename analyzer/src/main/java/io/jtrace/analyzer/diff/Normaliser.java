package io.jtrace.analyzer.diff;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites what changes from run to run in one trace's lines, in comparison order, so numbering by first appearance
 * is the same for two runs of one program: fd placeholders become {@code fd1, fd2, ...} per process, ephemeral
 * ports {@code E1, E2, ...}, addresses {@code 0xADDR}, inode numbers {@code [*]}, siginfo times {@code *}, and the
 * values of volatile headers inside captured strings {@code *}. Syscall lines are strace's syntax: the rules for
 * numbers there leave quoted strings alone.
 */
final class Normaliser {
    /** An fd as {@link SyscallLines} writes it: {@code \1pid.fd.generation\1}; a generation ends at a close. */
    static final char FD_MARK = '\u0001';
    /** The fd a close ends: {@code \2pid.fd.generation\2}. */
    static final char CLOSED_FD_MARK = '\u0002';
    private static final Pattern FD = Pattern.compile("([\u0001\u0002])(\\d+\\.\\d+\\.\\d+)\\1");
    /** A port after an IPv4 address, an IPv6 one in brackets, localhost, or in a sockaddr's htons(). */
    private static final Pattern PORT = Pattern.compile(
            "(htons\\(|(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}:|\\]:|\\blocalhost:)(\\d{1,5})(?!\\d)");
    private static final Pattern ADDRESS = Pattern.compile("\\b0x[0-9a-f]{6,}\\b");
    private static final Pattern INODE = Pattern.compile(":\\[\\d+\\]");
    private static final Pattern SIGINFO_TIME = Pattern.compile("\\b(si_utime|si_stime)=\\d+");
    /** strace pads the call to column 40 before " = ": the padding depends on the width of numbers renamed here. */
    private static final Pattern PADDING = Pattern.compile("\\) {2,}= ");

    private final DiffOptions options;
    private final boolean strace;
    private final Pattern headers;
    /** Names of the fds of the current group, and the names they hold. */
    private final Map<String, Integer> fds = new HashMap<>();
    private final java.util.BitSet taken = new java.util.BitSet();
    private final java.util.List<String> closed = new java.util.ArrayList<>();
    private final Map<Integer, String> ports = new HashMap<>();

    /** @param strace lines in strace's syntax (syscall level); else plain text (http, fds) */
    Normaliser(DiffOptions options, boolean strace) {
        this.options = options;
        this.strace = strace;
        this.headers = strace ? headerPattern(options) : null;
    }

    /**
     * A header inside a quoted string, after its start or an escaped line feed: {@code \nDate: Mon, 23 ...} up to
     * the next escape or the end of the string.
     */
    private static Pattern headerPattern(DiffOptions o) {
        if (o.ignoredHeaders.isEmpty()) {
            return null;
        }
        StringBuilder names = new StringBuilder();
        for (String h : o.ignoredHeaders) {
            names.append(names.length() == 0 ? "" : "|").append(Pattern.quote(h));
        }
        return Pattern.compile("((?:\\\\n|\")(?:" + names + ")):[^\\\\\"]*", Pattern.CASE_INSENSITIVE);
    }

    /**
     * A new group (a thread) starts: fds are named per group, so that which thread got which number first (a race
     * in a multi-threaded program) does not show. An fd used by two threads may have a name in each.
     */
    void group() {
        fds.clear();
        taken.clear();
    }

    /** The line as compared and printed. */
    String line(String raw) {
        String s = replace(FD, raw, m -> fd(m.group(2), m.group(1).charAt(0) == CLOSED_FD_MARK));
        for (String c : closed) {
            Integer n = fds.remove(c);
            if (n != null) {
                taken.clear(n);
            }
        }
        closed.clear();
        s = replace(PORT, s, m -> m.group(1) + port(Integer.parseInt(m.group(2))));
        if (strace) {
            s = outsideQuotes(s, Normaliser::outside);
            if (headers != null) {
                s = headers.matcher(s).replaceAll("$1: *");
            }
        } else {
            s = INODE.matcher(s).replaceAll(":[*]");
        }
        return s;
    }

    /** The line with the numbered parts masked rather than numbered: a group's sort key, independent of order. */
    String mask(String raw) {
        String s = replace(FD, raw, m -> "fd");
        s = replace(PORT, s, m -> m.group(1) + (options.ephemeral(Integer.parseInt(m.group(2))) ? "E" : m.group(2)));
        return INODE.matcher(s).replaceAll(":[*]");
    }

    /**
     * The lowest name not held by an open fd of the group, as the kernel picks numbers: a connection opened and
     * closed in one run only leaves the names of the fds after it alone.
     */
    private String fd(String generation, boolean closes) {
        Integer n = fds.get(generation);
        if (n == null) {
            // a number has one fd at a time: a new generation means the last one was closed, seen or not
            String number = generation.substring(0, generation.lastIndexOf('.') + 1);
            fds.entrySet().removeIf(e -> e.getKey().startsWith(number) && release(e.getValue()));
            n = taken.nextClearBit(1);
            taken.set(n);
            fds.put(generation, n);
        }
        if (closes) {
            closed.add(generation);
        }
        return "fd" + n;
    }

    private boolean release(int name) {
        taken.clear(name);
        return true;
    }

    private String port(int port) {
        if (!options.ephemeral(port)) {
            return Integer.toString(port);
        }
        return ports.computeIfAbsent(port, p -> "E" + (ports.size() + 1));
    }

    /** {@code f} applied to the parts of an strace line outside its quoted strings. */
    static String outsideQuotes(String s, UnaryOperator<String> f) {
        if (s.indexOf('"') < 0) {
            return f.apply(s);
        }
        StringBuilder b = new StringBuilder(s.length());
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;   // an escaped character, a quote among them
            } else if (c == '"') {
                String part = s.substring(start, i + (quoted ? 1 : 0));
                b.append(quoted ? part : f.apply(part));
                start = i + (quoted ? 1 : 0);
                quoted = !quoted;
            }
        }
        String rest = s.substring(start);
        return b.append(quoted ? rest : f.apply(rest)).toString();
    }

    /** Addresses, inodes, siginfo times and strace's padding. */
    private static String outside(String s) {
        s = ADDRESS.matcher(s).replaceAll("0xADDR");
        s = INODE.matcher(s).replaceAll(":[*]");
        s = SIGINFO_TIME.matcher(s).replaceAll("$1=*");
        return PADDING.matcher(s).replaceAll(") = ");
    }

    private static String replace(Pattern p, String s, Function<Matcher, String> with) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int last = 0;
        do {
            b.append(s, last, m.start()).append(with.apply(m));
            last = m.end();
        } while (m.find());
        return b.append(s, last, s.length()).toString();
    }
}
