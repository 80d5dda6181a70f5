package io.jtrace.recorder.inject;

import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.format.syscalls.TraceSet;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The syscall tampering the user asked for with {@code -e inject=SET:...} and
 * {@code -e fault=SET:...}, strace's syntax: a rule per syscall number. Qualifiers add up as
 * strace's do: each sets the rule of the syscalls of its set, a later one replacing an earlier
 * one's for the syscalls both name. Without any qualifier nothing is tampered with.
 */
public final class Injections {
    private static final Injections NONE = new Injections(new InjectRule[0]);

    private final InjectRule[] rules;

    private Injections(InjectRule[] rules) {
        this.rules = rules;
    }

    public static Injections none() {
        return NONE;
    }

    /** The rule of syscall {@code nr}, null when it is not tampered with. */
    public InjectRule rule(long nr) {
        return nr >= 0 && nr < rules.length ? rules[(int) nr] : null;
    }

    public boolean isEmpty() {
        return numbers().length == 0;
    }

    /** The syscall numbers with a rule, ascending. */
    public int[] numbers() {
        return IntStream.range(0, rules.length).filter(nr -> rules[nr] != null).toArray();
    }

    /** One past the largest syscall number with a rule: the size of a per-thread counter table. */
    public int size() {
        return rules.length;
    }

    /**
     * Adds one qualifier: {@code value} is what follows {@code inject=} (or {@code fault=} when
     * {@code fault}), {@code SET:TOKEN...}. Throws IllegalArgumentException naming the qualifier.
     */
    public Injections with(String value, boolean fault, SyscallTable table) {
        String what = (fault ? "fault" : "inject") + "=" + value;
        if (value.isEmpty() || value.startsWith(":")) {
            throw new IllegalArgumentException("invalid " + what + ": no syscall set");
        }
        // strtok: empty tokens between colons are skipped
        List<String> parts = Arrays.stream(value.split(":")).filter(s -> !s.isEmpty()).toList();
        InjectRule rule;
        TraceSet set;
        try {
            rule = InjectParser.parse(parts.subList(1, parts.size()), fault);
            set = TraceSet.parse(parts.get(0), table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
        }
        InjectRule[] merged = Arrays.copyOf(rules, Math.max(rules.length, table.size()));
        for (int nr : set.numbers()) {
            merged[nr] = rule;
        }
        return new Injections(merged);
    }

    /** The names of the syscalls with a rule, comma-separated (for a trace set that records them). */
    public String names(SyscallTable table) {
        return String.join(",", Arrays.stream(numbers()).mapToObj(table::name).toList());
    }
}
