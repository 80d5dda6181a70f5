package io.jtrace.format.syscalls;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A set of syscalls as strace's {@code -e trace=} names it: names, classes ({@code %net},
 * {@code %file}, {@code %desc}, {@code %process}, ... with or without the percent sign for the
 * classic ones), {@code /regex}, {@code all}, {@code none}, a leading {@code !} negating the whole
 * set, a leading {@code ?} on an item to ignore it when unknown.
 */
public final class TraceSet {
    /**
     * What the recorder captures unless told otherwise: the network class, the read/write family,
     * close and the dup family, and the calls that open fds, so HTTP reconstruction and per-fd
     * statistics see every byte and every fd's life.
     */
    public static final String DEFAULT = "%network,read,write,readv,writev,pread64,pwrite64,preadv,pwritev,"
            + "preadv2,pwritev2,close,close_range,dup,dup2,dup3,fcntl,sendfile,open,openat,openat2,creat,"
            + "pipe,pipe2,splice";

    private static final List<String> LEGACY_CLASSES = List.of("file", "process", "network", "signal", "ipc",
            "desc", "memory");

    private final BitSet selected;
    private final String expression;

    private TraceSet(BitSet selected, String expression) {
        this.selected = selected;
        this.expression = expression;
    }

    /**
     * Parses an expression such as {@code trace=%net,read} or {@code !%file}. A leading
     * {@code trace=} is optional.
     *
     * @throws IllegalArgumentException with strace's wording, e.g. "invalid system call 'foo'"
     */
    public static TraceSet parse(String expression, SyscallTable table) {
        String expr = expression.startsWith("trace=") ? expression.substring(6) : expression;
        if (expr.matches("[a-z_]+=.*")) {
            throw new IllegalArgumentException("unsupported qualifier '" + expr.substring(0, expr.indexOf('=')) + "'");
        }
        boolean negate = expr.startsWith("!");
        if (negate) {
            expr = expr.substring(1);
        }
        if (expr.isEmpty()) {
            throw new IllegalArgumentException("empty syscall set in '" + expression + "'");
        }
        BitSet set = new BitSet(table.size());
        for (String raw : expr.split(",", -1)) {
            boolean optional = raw.startsWith("?");
            String item = optional ? raw.substring(1) : raw;
            if (!add(set, item, table) && !optional) {
                throw new IllegalArgumentException("invalid system call '" + item + "'");
            }
        }
        if (negate) {
            set.flip(0, table.size());
        }
        return new TraceSet(set, expression);
    }

    /** The recorder's default set ({@link #DEFAULT}). */
    public static TraceSet defaults(SyscallTable table) {
        return parse(DEFAULT, table);
    }

    private static boolean add(BitSet set, String item, SyscallTable table) {
        switch (item) {
            case "all" -> {
                set.set(0, table.size());
                return true;
            }
            case "none" -> {
                return true;
            }
            default -> {
            }
        }
        if (item.startsWith("/")) {
            Pattern p;
            try {
                p = Pattern.compile(item.substring(1));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression '" + item.substring(1) + "'");
            }
            boolean any = false;
            for (int nr = 0; nr < table.size(); nr++) {
                if (p.matcher(table.name(nr)).find() && table.number(table.name(nr)) == nr) {
                    set.set(nr);
                    any = true;
                }
            }
            return any;
        }
        String cls = className(item);
        if (cls != null && table.hasClass(cls)) {
            table.classMembers(cls).forEach(set::set);
            return true;
        }
        int nr = table.number(item);
        if (nr >= 0) {
            set.set(nr);
            return true;
        }
        return false;
    }

    /** The class named by {@code %name}, {@code %%stat}-style or a classic bare name, else null. */
    private static String className(String item) {
        String lower = item.toLowerCase(Locale.ROOT);
        if (lower.startsWith("%%")) {
            return "%" + lower.substring(2);
        }
        if (lower.startsWith("%")) {
            String c = lower.substring(1);
            return c.equals("net") ? "network" : c;
        }
        return LEGACY_CLASSES.contains(lower) ? lower : null;
    }

    public boolean contains(int nr) {
        return nr >= 0 && selected.get(nr);
    }

    /** A lookup table indexed by syscall number, for the recorder's hot loop. */
    public boolean[] toArray(int length) {
        boolean[] a = new boolean[Math.max(length, selected.length())];
        selected.stream().forEach(i -> a[i] = true);
        return a;
    }

    /** The selected syscall numbers in ascending order. */
    public int[] numbers() {
        return selected.stream().toArray();
    }

    public String expression() {
        return expression;
    }
}
