package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.LineRenderer;
import io.jtrace.analyzer.render.RenderOptions;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.analyzer.trace.TraceStream;
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
    /** Generation of each (pid, fd number), counted by successful closes. */
    private final Map<Long, Integer> generations = new HashMap<>();
    /** The event being rendered is a successful close: its fd argument ends. */
    private boolean closing;

    SyscallLines(TraceStream stream, DiffOptions options, Groups groups, ThreadNames names) {
        this.options = options;
        this.groups = groups;
        this.names = names;
        this.state = stream.state();
        RenderOptions render = new RenderOptions();
        render.stringLimit = options.stringLimit;
        render.fdNames = this::fd;
        this.renderer = new LineRenderer(stream.header(), stream.state(), render)
                .argumentCounts(stream.table()::argCount);
    }

    private void fd(LineBuffer out, int pid, int fd) {
        fd(out, pid, fd, closing);
    }

    /** A placeholder naming the fd's generation; {@code closed}: the call closes it, its name is free again. */
    private void fd(LineBuffer out, int pid, int fd, boolean closed) {
        if (fd >= 0 && fd <= 2) {
            out.append(fd);   // stdin, stdout and stderr are the same in every run
            return;
        }
        if (fd < 0) {
            out.append(fd);
            return;
        }
        long key = (long) pid << 32 | fd;
        int generation = generations.getOrDefault(key, 0);
        char mark = closed ? Normaliser.CLOSED_FD_MARK : Normaliser.FD_MARK;
        out.append(mark).append(pid).append('.').append(fd).append('.').append(generation).append(mark);
        if (closed) {
            generations.put(key, generation + 1);   // the number's next fd is another one
        }
    }

    @Override
    public void accept(Event e) throws IOException {
        closing = e.isSyscall() && e.name().equals("close") && !e.syscall().getUnfinished() && e.syscall().getRet() == 0;
        boolean shown = renderer.render(e, line.clear());
        closing = false;
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
            if (Calls.READS.contains(name) || Calls.WRITES.contains(name)) {
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
