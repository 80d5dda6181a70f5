package io.jtrace.analyzer.filter;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Arch;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.FdCalls;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.format.syscalls.TraceSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds one predicate from {@link FilterOptions}, as jfr's Filters does: each option adds a
 * condition, all must hold. Syscall-only conditions (-e, -z/-Z) let signals and exits through, as
 * strace does; --fd and --grep keep only records they match.
 */
public final class Filters {
    private Filters() {
    }

    /** The line --grep searches besides the captured bytes (the renderer supplies it). */
    public interface Lines {
        /** The event's line as the display options render it, without the -X dump; valid until the next call. */
        LineBuffer line(Event e);

        /**
         * False only when the line cannot contain {@code word} (capital letters A-Z only) anywhere
         * but in the captured bytes it quotes; true when unsure.
         */
        boolean mayShow(Event e, String word);
    }

    /**
     * The filters for a stream not read yet: --grep's search of the captured bytes is set up to
     * run on the stream's decoding thread.
     *
     * @param lines renders an event's line for --grep (only when the bytes do not match)
     */
    public static Predicate<Event> build(FilterOptions o, TraceStream stream, Lines lines) {
        Header header = stream.header();
        SyscallTable table = stream.table();
        TraceState state = stream.state();
        Predicate<Event> p = ALL;
        if (o.successfulOnly && o.failedOnly) {
            throw new UsageException("-z and -Z exclude each other");
        }
        Qualifiers q = qualifiers(o, stream.arch());
        if (q.trace() != null) {
            TraceSet set = q.trace();
            p = and(p, e -> !e.isSyscall() || set.contains(e.syscall().getNr()));
        }
        if (q.signals() != null) {
            p = and(p, e -> e.kind() != Record.KindCase.SIGNAL || q.showsSignal(e.record().getSignal().getSigno()));
        }
        if (!o.paths.isEmpty()) {
            List<String> cwds = header.getProcessesList().stream().map(ProcessInfo::getCwd)
                    .filter(cwd -> cwd.startsWith("/")).distinct().toList();
            PathMatch paths = new PathMatch(o.paths, table, cwds);
            p = and(p, e -> !e.isSyscall() || paths.matches(e, state));
        }
        if (o.successfulOnly) {
            p = and(p, e -> !e.isSyscall() || !e.syscall().getUnfinished() && !e.failed());
        }
        if (o.status != null) {
            p = and(p, StatusSet.of(o.status));
        }
        if (o.failedOnly) {
            p = and(p, e -> !e.isSyscall() || e.failed());
        }
        if (!o.pids.isEmpty()) {
            Set<Integer> pids = new HashSet<>(o.pids);
            p = and(p, e -> pids.contains(e.pid()));
        }
        if (!o.tids.isEmpty()) {
            Set<Integer> tids = new HashSet<>(o.tids);
            p = and(p, e -> tids.contains(e.tid()));
        }
        if (!o.comms.isEmpty()) {
            Predicate<String> named = commNames(o.comms);
            // a TaskName record is kept under its new name too, so a filtered copy (-w) keeps it
            p = and(p, e -> named.test(state.threadComm(e.tid(), e.pid())) || named.test(state.comm(e.pid()))
                    || e.kind() == Record.KindCase.TASK_NAME && named.test(e.record().getTaskName().getComm()));
        }
        if (o.since != null || o.until != null) {
            long since = o.since == null ? Long.MIN_VALUE : TimeSpec.parse(o.since, header, "--since");
            long until = o.until == null ? Long.MAX_VALUE : TimeSpec.parse(o.until, header, "--until");
            p = and(p, e -> e.timeNs() >= since && e.timeNs() <= until);
        }
        if (!o.fds.isEmpty()) {
            Set<Long> fds = new HashSet<>();
            o.fds.forEach(fd -> fds.add((long) fd));
            p = and(p, e -> e.isSyscall() && FdArgs.touches(e, fds));
        }
        if (o.grep != null) {
            Pattern pattern = pattern(o.grep, o.ignoreCase);
            // A word in capitals that is not in the bytes can be in the line only where the line
            // prints words of its own; quoted bytes copy letters as they are, escapes add none.
            String word = capitals(o.grep, o.ignoreCase);
            // the bytes are searched where the records are decoded, beside this thread, by a search of
            // each reader's own (merged recordings decode at once); a match is noted Boolean.TRUE
            stream.note(() -> {
                BytePattern bytes = new BytePattern(pattern, o.grep, o.ignoreCase);
                return r -> bytesMatch(r, bytes) ? Boolean.TRUE : null;
            });
            BytePattern inLine = new BytePattern(pattern, o.grep, o.ignoreCase);   // this thread's own
            p = and(p, e -> e.note() == Boolean.TRUE
                    || (word == null || lines.mayShow(e, word)) && inLine.find(lines.line(e)));
        }
        return p;
    }

    private static final Predicate<Event> ALL = e -> true;

    /** Both conditions; the second alone while the first lets everything through: a call less per record. */
    private static Predicate<Event> and(Predicate<Event> p, Predicate<Event> q) {
        return p == ALL ? q : p.and(q);
    }

    /**
     * Has the stream skip, unread, the frames wholly outside --since/--until (each starts with its
     * time range since format 1.5), when the caller's output depends only on the records in the
     * window: not with --comm or -P, whose tests use thread names and fds that skipped frames may
     * have set (the caller says likewise for its own use of the state, e.g. -y).
     *
     * @return whether frames may be skipped
     */
    public static boolean skipFramesOutsideWindow(FilterOptions o, TraceStream stream) {
        if (o.since == null && o.until == null || !o.comms.isEmpty() || !o.paths.isEmpty()) {
            return false;
        }
        Header header = stream.header();
        long since = o.since == null ? Long.MIN_VALUE : TimeSpec.parse(o.since, header, "--since");
        long until = o.until == null ? Long.MAX_VALUE : TimeSpec.parse(o.until, header, "--until");
        stream.skipFramesOutside(since, until);
        return true;
    }

    /**
     * --comm's names as one test over names, remembered per name (a trace has few distinct names);
     * a NAME longer than the kernel keeps is warned about once, on stderr.
     */
    static Predicate<String> commNames(List<String> names) {
        List<CommPattern> patterns = new ArrayList<>();
        for (String n : names) {
            CommPattern c = CommPattern.of(n);
            if (c.cutWarning() != null) {
                System.err.println("jtrace-analyze: warning: " + c.cutWarning());
            }
            patterns.add(c);
        }
        Map<String, Boolean> seen = new HashMap<>();
        return name -> {
            if (seen.size() > 10_000) {
                seen.clear(); // memory stays flat even when every thread has a name of its own
            }
            return seen.computeIfAbsent(name, k -> patterns.stream().anyMatch(c -> c.matches(k)));
        };
    }

    /** The -e qualifiers of {@code o}, checked. */
    public static Qualifiers qualifiers(FilterOptions o, Arch arch) {
        return Qualifiers.parse(o.expressions, arch);
    }

    public static Pattern pattern(String regex, boolean ignoreCase) {
        try {
            return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new UsageException("bad --grep pattern: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** The pattern when it is a plain word of capital letters searched with case, else null. */
    static String capitals(String grep, boolean ignoreCase) {
        if (ignoreCase || grep.isEmpty()) {
            return null;
        }
        for (int i = 0; i < grep.length(); i++) {
            if (grep.charAt(i) < 'A' || grep.charAt(i) > 'Z') {
                return null;
            }
        }
        return grep;
    }

    private static boolean bytesMatch(RecordedSyscall s, BytePattern pattern) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            RecordedBuffer b = s.getBuffers(i);
            if (!b.getData().isEmpty() && pattern.find(b.getData())) {
                return true;
            }
        }
        return false;
    }

    /** Which fds a syscall involves: its fd arguments, the fd it returns, the pair pipe() fills. */
    static final class FdArgs {
        private FdArgs() {
        }

        static boolean touches(Event e, Set<Long> fds) {
            RecordedSyscall s = e.syscall();
            for (int i : FdCalls.fdArgs(e.name())) {
                if (fds.contains((long) (int) Calls.arg(s, i))) {
                    return true;
                }
            }
            boolean[] created = {false};
            FdCalls.effects(e, new FdCalls.Effects() {
                @Override
                public void created(int fd, FdCalls.Origin origin, int from) {
                    created[0] |= fds.contains((long) fd);   // a returned fd, or one of a pipe's pair
                }

                @Override
                public void closed(int fd) {
                }

                @Override
                public void closedRange(long first, long last) {
                }
            });
            return created[0];
        }
    }
}
