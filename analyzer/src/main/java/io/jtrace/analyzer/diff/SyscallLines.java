package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.LineRenderer;
import io.jtrace.analyzer.render.RenderOptions;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.FdCalls;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.RecordedSyscall;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syscall level: each event as the default view prints it (no times, no durations), prefixed with its thread's
 * stable name instead of {@code [pid N]}, fds written as placeholders that {@link Normaliser} numbers later, and
 * pids the line names replaced by process and thread names.
 */
final class SyscallLines implements EventSink {
    private static final Pattern PID_PREFIX = Pattern.compile("^\\[pid +-?\\d+\\] ");
    private static final Pattern RETURN = Pattern.compile(" = (\\d+)$");
    private static final Pattern SI_PID = Pattern.compile("\\bsi_pid=(\\d+)");
    private static final Pattern SUPERSEDED = Pattern.compile("(superseded by execve in pid )(\\d+)");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    /** Numbers outside fd placeholders ({@code \1pid.fd.generation\1}) and hex. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.\u0001\u0002])\\d+(?![\\w.\u0001\u0002])");

    private final DiffOptions options;
    private final Groups groups;
    private final ThreadNames names;
    private final TraceState state;
    private final LineRenderer renderer;
    private final LineBuffer line = new LineBuffer(256);
    /** Per (pid, fd number): its generation, counted by the calls that created an fd on it, and when that returned. */
    private final Map<Long, long[]> generations = new HashMap<>();
    /** While a successful close is rendered: when it entered; else Long.MIN_VALUE. */
    private long closingEntryNs = Long.MIN_VALUE;

    SyscallLines(TraceStream stream, DiffOptions options, Groups groups, ThreadNames names) {
        this.options = options;
        this.groups = groups;
        this.names = names;
        this.state = stream.state();
        RenderOptions render = new RenderOptions();
        render.stringLimit = options.stringLimit;
        render.fdNames = this::fd;
        render.wholeThreadExecve = true; // each call one line, as the diff compares them
        this.renderer = new LineRenderer(stream.header(), stream.arch(), stream.state(), render)
                .argumentCounts(stream.table()::argCount);
    }

    /** A placeholder naming the fd's generation; a close marks it ended, so its name is free again. */
    private void fd(LineBuffer out, int pid, int fd) {
        if (fd >= 0 && fd <= 2) {
            out.append(fd);   // stdin, stdout and stderr are the same in every run
            return;
        }
        if (fd < 0) {
            out.append(fd);
            return;
        }
        long[] g = generations.get((long) pid << 32 | fd);
        long generation = g == null ? 0 : g[0];
        if (closingEntryNs != Long.MIN_VALUE && g != null && g[1] > closingEntryNs) {
            // FORMAT.md's order rule: this fd was created after the close entered, which closed the one before
            generation--;
        }
        char mark = closingEntryNs != Long.MIN_VALUE ? Normaliser.CLOSED_FD_MARK : Normaliser.FD_MARK;
        out.append(mark).append(pid).append('.').append(fd).append('.').append(generation).append(mark);
    }

    @Override
    public void accept(Event e) throws IOException {
        RecordedSyscall s = e.syscall();
        if (e.isSyscall() && !s.getUnfinished() && s.getRet() >= 0) {
            if (FdCalls.returnsFd(e.name(), Calls.arg(s, 1))) {
                long[] g = generations.computeIfAbsent((long) s.getPid() << 32 | s.getRet(), k -> new long[2]);
                g[0]++;
                g[1] = e.timeNs() + s.getDurationNs();
            } else if (e.name().equals("close") && s.getRet() == 0) {
                closingEntryNs = e.timeNs();
            }
        }
        boolean shown = renderer.render(e, line.clear());
        closingEntryNs = Long.MIN_VALUE;
        if (!shown) {
            return;
        }
        String text = line.toString();
        text = PID_PREFIX.matcher(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).replaceFirst("");
        String name = e.name();
        if (e.isSyscall()) {
            if (name.equals("getpid") || name.equals("gettid") || name.equals("getppid")) {
                text = pids(RETURN, text);
            }
            if (Calls.flow(name) != Calls.Flow.NONE) {
                text = payload(text);
            }
        } else {
            text = pids(SUPERSEDED, pids(SI_PID, text));
        }
        int pid = e.pid() != 0 ? e.pid() : state.pidOf(e.tid());   // a loss record names its thread only
        groups.add(e.tid(), names.sortKey(e.tid(), pid), "[" + names.thread(e.tid(), pid) + "] " + text);
    }

    /** The pid in the pattern's last group replaced by the name of that process or thread ({@code ?} if unknown). */
    private String pids(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        int g = m.groupCount();
        String known = names.known(Integer.parseInt(m.group(g)));
        return text.substring(0, m.start(g)) + "<" + (known == null ? "?" : known) + ">" + text.substring(m.end(g));
    }

    /** --ignore-field data: the strings of a read or write call; size: its other numbers, fd apart. */
    private String payload(String text) {
        if (options.ignores(DiffOptions.Field.DATA)) {
            text = QUOTED.matcher(text).replaceAll("\"*\"");
        }
        if (options.ignores(DiffOptions.Field.SIZE)) {
            int afterFd = text.indexOf(", ");
            if (afterFd > 0) {
                text = text.substring(0, afterFd) + Normaliser.outsideQuotes(text.substring(afterFd),
                        s -> NUMBER.matcher(s).replaceAll("*"));
            }
        }
        return text;
    }

    @Override
    public void close() {
    }
}
