package io.jtrace.analyzer.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one trace, collected per group (a thread, a connection) and put in an order that does not depend on
 * scheduling: groups sorted by a key (given, or their masked text), the lines of a group as recorded. With
 * {@link DiffOptions.Order#TIME} all lines form one group. Holds at most {@link DiffOptions#maxLines} lines.
 */
final class Groups {
    private static final class Group {
        final String key;
        final long first;
        final List<String> lines = new ArrayList<>();

        Group(String key, long first) {
            this.key = key;
            this.first = first;
        }
    }

    private final String trace;
    private final DiffOptions options;
    private final Map<Object, Group> groups = new LinkedHashMap<>();
    private long lines;

    Groups(String trace, DiffOptions options) {
        this.trace = trace;
        this.options = options;
    }

    /**
     * Adds a line to group {@code id}; {@code key} orders the group among the others, null to order it by its own
     * text with the run-to-run parts masked.
     */
    void add(Object id, String key, String line) throws IOException {
        if (++lines > options.maxLines) {
            throw new IOException(trace + ": more than " + options.maxLines + " lines to compare at the "
                    + options.level.label() + " level; narrow the traces (--comm, -e trace=, --since/--until), "
                    + coarser(options.level) + "or raise --max-lines");
        }
        Object group = options.order == DiffOptions.Order.TIME ? "" : id;
        groups.computeIfAbsent(group, g -> new Group(key, groups.size())).lines.add(line);
    }

    /** Every line in comparison order, normalised by one {@link Normaliser} so numbering follows that order. */
    List<String> ordered(Normaliser normaliser) {
        List<Group> sorted = new ArrayList<>(groups.values());
        if (options.order == DiffOptions.Order.GROUP) {
            Map<Group, String> keys = new java.util.HashMap<>();
            for (Group g : sorted) {
                keys.put(g, g.key != null ? g.key : normaliser.mask(String.join("\n", g.lines)));
            }
            sorted.sort(Comparator.comparing((Group g) -> keys.get(g)).thenComparingLong(g -> g.first));
        }
        List<String> out = new ArrayList<>((int) Math.min(lines, Integer.MAX_VALUE));
        for (Group g : sorted) {
            normaliser.group();
            for (String line : g.lines) {
                out.add(normaliser.line(line));
            }
            g.lines.clear();
        }
        return out;
    }

    private static String coarser(DiffOptions.Level level) {
        return switch (level) {
            case SYSCALL -> "compare a coarser level (--level http or fds) ";
            case HTTP -> "leave headers and bodies out (--ignore-field headers,data), compare a coarser level (--level fds) ";
            case FDS -> "";
        };
    }
}
