package io.jtrace.analyzer.render;

import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.filter.Qualifiers;
import io.jtrace.analyzer.output.JsonWriter;
import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Arch;
import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.Signals;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalTime;
import java.util.function.IntUnaryOperator;

/** Renders records as strace -f prints them: prefixes, timestamps, decoded calls, signals, exits. */
public final class LineRenderer {

    private final RenderOptions options;
    private final TraceState state;
    private final ArchTables arch;
    private final long startWallNs;
    private long previousNs = Long.MIN_VALUE;
    private long clockSecond = Long.MIN_VALUE;
    private String clock;
    private IntUnaryOperator argCounts = nr -> 0;
    private final LineBuffer scratch = new LineBuffer(256);
    private final Call.Bytes bytes = new Call.Bytes();
    /** Leader tid to the non-leader thread whose execve it took over, until that execve's line is printed. */
    private final java.util.Map<Integer, Integer> supersededBy = new java.util.HashMap<>();
    /** Decoders by syscall number; {@link #RAW} for syscalls printed raw. */
    private final Decoders.Decoder[] decoders = new Decoders.Decoder[1024];
    private final String[] decoderNames = new String[1024];
    private static final Decoders.Decoder RAW = new Decoders.Decoder(new Arg[0], Decoders.DEC);

    /** A renderer of a trace recorded on {@code arch} (its header's: {@link TraceStream#arch()}). */
    public LineRenderer(Header header, Arch arch, TraceState state, RenderOptions options) {
        this.options = options;
        this.state = state;
        this.arch = ArchTables.of(arch);
        this.startWallNs = header.getStartWallNs();
    }

    /** The signal numbering of the trace's architecture. */
    Signals signals() {
        return arch.signals;
    }

    /**
     * Appends the event's line(s), each ending in a newline; appends nothing for records strace
     * would not print (thread starts, detaches). Returns whether anything was appended.
     */
    public boolean render(Event e, LineBuffer out) {
        ConstStyle before = ConstStyle.use(options.constStyle);
        try {
            return lines(e, out);
        } finally {
            ConstStyle.use(before);
        }
    }

    private boolean lines(Event e, LineBuffer out) {
        int start = out.length();
        Integer former = supersededBy.isEmpty() ? null : supersededBy.remove(e.tid());
        if (former != null && e.isSyscall() && isExecve(e.name()) && !e.syscall().getUnfinished()) {
            threadExecve(e, former, out);
            return true;
        }
        if (former != null) {
            superseded(e.tid(), former, e.timeNs(), out); // its execve is not shown
        }
        switch (e.kind()) {
            case SYSCALL -> {
                int lineStart = out.length();
                leader(e, out);
                call(e, out, out.length() - lineStart);
                out.append('\n');
            }
            case SIGNAL -> {
                var s = e.record().getSignal();
                leader(e, out);
                if (s.getGroupStop()) {
                    out.append("--- stopped by ").append(arch.signals.name(s.getSigno())).append(" ---\n");
                } else {
                    out.append("--- ").append(arch.signals.name(s.getSigno())).append(' ');
                    int tid = e.tid();
                    Siginfo.append(out, arch.signals, s.getSiginfo().toByteArray(), s.getSigno(),
                            (text, pid) -> Pids.append(text, options, state, tid, pid,
                                    io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID));
                    out.append(" ---\n");
                }
            }
            case EXIT -> {
                Exit x = e.record().getExit();
                if (x.getDetached() || options.quietExit) {
                    return out.length() > start; // a superseded line may precede
                }
                leader(e, out);
                if (x.getSignal() != 0) {
                    out.append("+++ killed by ").append(arch.signals.name(x.getSignal()))
                            .append(x.getCoreDumped() ? " (core dumped)" : "").append(" +++\n");
                } else {
                    out.append("+++ exited with ").append(x.getStatus()).append(" +++\n");
                }
            }
            case EXEC -> {
                // a non-leader thread's execve: printed with the call that follows (strace's maybe_switch_tcbs)
                var x = e.record().getExec();
                if (x.getFormerTid() != 0 && x.getFormerTid() != x.getTid()) {
                    if (options.wholeThreadExecve) {
                        superseded(x.getTid(), x.getFormerTid(), e.timeNs(), out);
                    } else {
                        supersededBy.put(x.getTid(), x.getFormerTid());
                    }
                }
            }
            case LOSS -> {
                Loss l = e.record().getLoss();
                if (l.getReason() == Loss.Reason.FILES_MISSING) {
                    leader(e, out);
                    out.append(String.format(java.util.Locale.ROOT, "--- jtrace: %d file%s of the recording missing:"
                            + " nothing recorded for %.3f s ---\n", l.getRecords(), l.getRecords() == 1 ? "" : "s",
                            l.getGapNs() / 1e9));
                    return true;
                }
                leader(e, out);
                out.append("--- jtrace lost ").append(l.getRecords()).append(" records, ").append(l.getBytes())
                        .append(" bytes: ").append(l.getReason().name().toLowerCase().replace('_', ' '))
                        .append(" ---\n");
            }
            default -> {
                return out.length() > start; // a superseded line may precede
            }
        }
        return out.length() > start;
    }

    private static boolean isExecve(String name) {
        return name.equals("execve") || name.equals("execveat");
    }

    /**
     * strace's maybe_switch_tcbs: the execve's line, begun under the thread that called it, ends in
     * {@code <pid changed to PID ...>}; the leader's pid takes it over ("+++ superseded by execve in
     * pid TID +++" unless --quiet=thread-execve) and the call resumes under it.
     */
    private void threadExecve(Event e, int former, LineBuffer out) {
        RecordedSyscall s = e.syscall();
        Call c = new Call(e, options, state, arch, bytes);
        Decoders.Decoder d = decoder(e);
        leaderFor(former, e.timeNs(), out, true); // at its entry the thread was not alone
        if (options.syscallNumbers) {
            syscallNumber(s.getNr(), out);
        }
        out.append(e.name()).append('(');
        args(c, d, out, false);
        out.append(" <pid changed to ").append(e.tid()).append(" ...>\n");
        superseded(e.tid(), former, e.timeNs(), out);
        int lineStart = out.length();
        leader(e, out);
        out.append("<... ").append(e.name()).append(" resumed>");
        end(c, d, out, lineStart);
        out.append('\n');
    }

    private void superseded(int tid, int former, long timeNs, LineBuffer out) {
        if (options.quietSuperseded) {
            return;
        }
        leaderFor(tid, timeNs, out);
        if (options.syscallNumbers) {
            syscallNumber(state.lastSyscall(former), out);
        }
        out.append("+++ superseded by execve in pid ").append(former).append(" +++\n");
    }

    private void leader(Event e, LineBuffer out) {
        leaderFor(e.tid(), e.timeNs(), out);
        if (options.syscallNumbers) {
            // strace -n: on a signal's or an exit's line, the number of the task's last syscall
            syscallNumber(e.isSyscall() ? e.syscall().getNr() : state.lastSyscall(e.tid()), out);
        }
    }

    private static void syscallNumber(int nr, LineBuffer out) {
        out.append('[');
        if (nr < 0) {
            out.append('?');
        } else {
            out.appendPadded(nr, 4, ' ');
        }
        out.append("] ");
    }

    /** "[pid N] " (strace's "[pid %5u] ") while more than one task is traced, then the timestamp strace's -t/-r ask for. */
    private void leaderFor(int tid, long timeNs, LineBuffer out) {
        leaderFor(tid, timeNs, out, state.liveTasks() > 1);
    }

    private void leaderFor(int tid, long timeNs, LineBuffer out, boolean several) {
        if (tid != 0 && several) {
            if (tid > 0) {
                out.append("[pid ").appendPadded(tid, 5, ' ');
                if (options.pidComm) {
                    // strace 6's printleader: the thread's own name, as /proc/TID/comm gives it
                    String name = state.threadComm(tid, state.pidOf(tid));
                    if (!name.isEmpty()) {
                        out.append('<').append(name).append('>');
                    }
                }
                out.append("] ");
            } else {
                String n = Integer.toString(tid);
                out.append("[pid ").append("     ", 0, Math.max(0, 5 - n.length())).append(n).append("] ");
            }
        }
        long wall = startWallNs + timeNs;
        switch (options.time) {
            case SECONDS, MICROS -> {
                long second = Math.floorDiv(wall, 1_000_000_000L);
                if (second != clockSecond) {
                    // the time of day changes once a second: looked up in the zone once a second
                    LocalTime t = LocalTime.ofInstant(Instant.ofEpochSecond(second), options.zone);
                    LineBuffer hms = new LineBuffer(8);
                    two(hms, t.getHour()).append(':');
                    two(hms, t.getMinute()).append(':');
                    two(hms, t.getSecond());
                    clock = hms.toString();
                    clockSecond = second;
                }
                out.append(clock);
                if (options.time == RenderOptions.Time.MICROS) {
                    micros(out.append('.'), Math.floorMod(wall, 1_000_000_000L) / 1000);
                }
                out.append(' ');
            }
            case EPOCH -> {
                out.append(Math.floorDiv(wall, 1_000_000_000L)).append('.');
                micros(out, Math.floorMod(wall, 1_000_000_000L) / 1000).append(' ');
            }
            case RELATIVE -> {
                long delta = previousNs == Long.MIN_VALUE ? 0 : Math.max(0, timeNs - previousNs);
                previousNs = timeNs;
                out.appendPadded(delta / 1_000_000_000L, 6, ' ').append('.');
                micros(out, delta % 1_000_000_000L / 1000).append(' ');
            }
            default -> {
            }
        }
    }

    private static LineBuffer two(LineBuffer out, int v) {
        return out.append(v < 10 ? "0" : "").append(v);
    }

    private static LineBuffer micros(LineBuffer out, long us) {
        return out.appendPadded(us, 6, '0');
    }

    /** "name(args) = ret" with strace's column alignment; {@code column} is where the call starts. */
    private void call(Event e, LineBuffer out, int column) {
        int lineStart = out.length() - column;
        RecordedSyscall s = e.syscall();
        Call c = new Call(e, options, state, arch, bytes);
        Decoders.Decoder d = decoder(e);
        out.append(e.name()).append('(');
        args(c, d, out, s.getUnfinished());
        if (s.getUnfinished() && !neverReturns(e.name())) {
            out.append(" <unfinished ...>");
            return;
        }
        end(c, d, out, lineStart);
    }

    /** ") = ret" padded to the -a column, with the notes strace appends; the line began at {@code lineStart}. */
    private void end(Call c, Decoders.Decoder d, LineBuffer out, int lineStart) {
        RecordedSyscall s = c.syscall;
        out.append(')');
        int width = out.length() - lineStart;
        if (width < options.column) {
            out.appendSpaces(options.column - width);
        } else {
            out.append(' ');
        }
        out.append("= ");
        if (s.getUnfinished()) {
            out.append('?');
            return;
        }
        ret(c, d, out);
        // strace's print_injected_note: the recorder tampered with the call (-e inject=), wrote its memory (poke_)
        if (s.getInjected() && s.getPoked()) {
            out.append(" (INJECTED: args, retval)");
        } else if (s.getPoked()) {
            out.append(" (INJECTED: args)");
        } else if (s.getInjected()) {
            out.append(" (INJECTED)");
        }
        if (options.durations) {
            long ns = s.getDurationNs();
            out.append(" <").append(ns / 1_000_000_000L).append('.');
            micros(out, ns % 1_000_000_000L / 1000).append('>');
        }
    }

    private static boolean neverReturns(String name) {
        return name.equals("exit") || name.equals("exit_group");
    }

    /**
     * Appends the arguments; for an unfinished call stops at the first output argument, as strace's
     * entry line does (leaving "read(3, ").
     */
    private void args(Call c, Decoders.Decoder d, LineBuffer out, boolean unfinished) {
        if (d == null) {
            int n = Math.max(c.syscall.getArgsCount(), argCount(c));
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                Formats.hex(out, c.arg(i));
            }
            return;
        }
        Arg[] args = d.args();
        boolean first = true;
        for (int i = 0; i < args.length; i++) {
            int before = out.length();
            if (!first) {
                out.append(", ");
            }
            if (unfinished && args[i].atExit()) {
                return;
            }
            int mark = out.length();
            args[i].format().append(c, i, out);
            if (out.length() == mark && !args[i].keepsEmpty()) {
                out.setLength(before);   // an optional argument that is absent (open's mode)
            } else {
                first = false;
            }
        }
    }

    private int argCount(Call c) {
        return argCounts.applyAsInt(c.syscall.getNr());
    }

    /**
     * What --grep matches besides the bytes: each event's line as {@code options} render it
     * (the -X dump left out), into one reused buffer.
     */
    public static Filters.Lines lines(TraceStream stream, RenderOptions options) {
        RenderOptions o = new RenderOptions();
        o.stringLimit = options.stringLimit;
        o.hex = options.hex;
        o.fdDecoration = options.fdDecoration;
        o.decodeFds = options.decodeFds;
        o.zone = options.zone;
        o.constStyle = options.constStyle;
        o.noAbbrev = options.noAbbrev;
        o.abbrev = options.abbrev;
        o.verbose = options.verbose;
        LineRenderer r = new LineRenderer(stream.header(), stream.arch(), stream.state(), o).argumentCounts(stream.table()::argCount);
        LineBuffer line = new LineBuffer(256);
        return new Filters.Lines() {
            @Override
            public LineBuffer line(Event e) {
                r.render(e, line.clear());
                return line;
            }

            @Override
            public boolean mayShow(Event e, String word) {
                return r.mayShow(e, word);
            }
        };
    }

    /**
     * False when the syscall's line shows nothing but its name, numbers, pointers, undecorated
     * fds, its captured bytes quoted and an errno without {@code word}: every argument is
     * {@link Arg#plain() plain} and the return value a number. Quoted bytes keep letters as they are
     * and escapes add only small letters and digits, so a word in capitals that the bytes do not
     * hold is then nowhere in the line. True in every other case.
     */
    boolean mayShow(Event e, String word) {
        if (!e.isSyscall() || options.fdDecoration > 0 || options.time != RenderOptions.Time.NONE
                || e.name().contains(word) || "NULL".contains(word)) {
            return true;
        }
        Decoders.Decoder d = decoder(e);
        if (d != null) {
            for (Arg a : d.args()) {
                if (!a.plain()) {
                    return true;
                }
            }
            if (d.ret() != Decoders.DEC && d.ret() != Decoders.HEX_RET) {
                return true;
            }
        }
        RecordedSyscall s = e.syscall();
        if (!s.getUnfinished() && Errnos.isError(s.getRet())) {
            LineBuffer b = scratch.clear();
            ret(new Call(e, options, state, arch, bytes), d, b);
            return b.toString().contains(word);
        }
        return false;
    }

    /**
     * The syscall's decoder, looked up by name once per syscall number: the slot keeps the name
     * it was looked up for, so an event whose name does not come from its number is looked up again.
     */
    private Decoders.Decoder decoder(Event e) {
        int nr = e.syscall().getNr();
        String name = e.name();
        if (nr < 0 || nr >= decoders.length) {
            return Decoders.forName(name);
        }
        if (decoderNames[nr] != name) {
            Decoders.Decoder d = Decoders.forName(name);
            decoders[nr] = d == null ? RAW : d;
            decoderNames[nr] = name;
        }
        Decoders.Decoder d = decoders[nr];
        return d == RAW ? null : d;
    }

    /** Where raw-printed syscalls get their argument count (the trace's syscall table). */
    public LineRenderer argumentCounts(IntUnaryOperator counts) {
        this.argCounts = counts;
        return this;
    }

    private void ret(Call c, Decoders.Decoder d, LineBuffer out) {
        long r = c.ret();
        if (Errnos.isError(r)) {
            long errno = -r;
            String name = Errnos.name(errno);
            String message = Errnos.message(errno);
            out.append(Errnos.restart(errno) ? "? " : "-1 ");
            out.append(name != null ? name : "E???").append(" (")
                    .append(message != null ? message : "errno " + errno).append(')');
            return;
        }
        (d == null ? Decoders.DEC : d.ret()).append(c, out);
    }

    /** The decoded arguments as JSON strings separated by commas (a JSON array's elements). */
    public void decodedArgs(Event e, LineBuffer out) {
        ConstStyle before = ConstStyle.use(options.constStyle);
        try {
            jsonArgs(e, out);
        } finally {
            ConstStyle.use(before);
        }
    }

    private void jsonArgs(Event e, LineBuffer out) {
        Call c = new Call(e, options, state, arch, bytes);
        Decoders.Decoder d = decoder(e);
        LineBuffer b = scratch.clear();
        boolean first = true;
        if (d == null) {
            int n = Math.max(c.syscall.getArgsCount(), argCount(c));
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                Formats.hex(out.append('"'), c.arg(i)).append('"');
            }
            return;
        }
        for (int i = 0; i < d.args().length; i++) {
            if (e.syscall().getUnfinished() && d.args()[i].atExit()) {
                break;
            }
            // rendered in place, escaped only when it needs it
            int mark = out.length();
            if (!first) {
                out.append(',');
            }
            int body = out.append('"').length();
            d.args()[i].format().append(c, i, out);
            if (out.length() == body && !d.args()[i].keepsEmpty()) {
                out.setLength(mark);   // an optional argument that is absent
            } else {
                first = false;
                JsonWriter.closeString(out, body, b);
            }
        }
    }

    /**
     * The decoded return value ("3<TCP:[...]>", "-1 EAGAIN (...)") as a JSON string, or null when
     * unfinished.
     */
    public void decodedReturn(Event e, LineBuffer out) {
        if (e.syscall().getUnfinished()) {
            out.append("null");
            return;
        }
        int body = out.append('"').length();
        ConstStyle before = ConstStyle.use(options.constStyle);
        try {
            ret(new Call(e, options, state, arch, bytes), decoder(e), out);
        } finally {
            ConstStyle.use(before);
        }
        JsonWriter.closeString(out, body, scratch);
    }

    /** Whether {@link #dump} may write anything: -X, or -e read=/write= sets. */
    public boolean dumps() {
        return options.dump || options.reads != null || options.writes != null;
    }

    /**
     * -X: each captured data buffer as a hex and ASCII dump below the line, written to {@code to}
     * a few thousand lines at a time through {@code out}: a buffer of megabytes dumps to five
     * times its size in text, which is never held whole.
     */
    public void dump(Event e, LineBuffer out, OutputStream to) throws IOException {
        if (!e.isSyscall() || !options.dump && options.reads == null && options.writes == null) {
            return;
        }
        Calls.Flow flow = Calls.flow(e.name());
        if (flow == Calls.Flow.NONE) {
            return;
        }
        boolean read = flow == Calls.Flow.IN;
        RecordedSyscall s = e.syscall();
        if (!options.dump) {
            // -e read=FDS / write=FDS: as strace's dumpio, on those fds, of calls that returned;
            // what a failed write was given is dumped too, a failed read read nothing
            Qualifiers.FdSet fds = read ? options.reads : options.writes;
            int fd = (int) Calls.arg(s, 0);
            if (fds == null || s.getUnfinished() || read && e.failed() || fd < 0 || !fds.contains(fd)) {
                return;
            }
        }
        if (e.name().endsWith("mmsg")) {
            Mmsg.dump(s, e.failed(), out, to);
            return;
        }
        // strace's dumpiov reads the whole iovec array first: an element it cannot read, no dump
        if (s.getBuffersList().stream().anyMatch(b -> b.getPart() == Buffer.Part.IOV && Structs.unreadable(b))) {
            return;
        }
        if (s.getBuffersList().stream().anyMatch(b -> b.getPart() == Buffer.Part.IOV)) {
            IovDump.write(s, read ? s.getRet() : -1, state.snaplen(), out, to);
            return;
        }
        for (RecordedBuffer b : s.getBuffersList()) {
            // strace's dumpstr reads 64 KiB at a time: a buffer that ends in unreadable memory is
            // dumped up to the piece it could not read
            boolean unreadable = b.getPart() == Buffer.Part.WHOLE && !state.wholeCapture(b);
            if (Calls.isPayload(e.name(), b) && !b.getData().isEmpty()) {
                if (unreadable) {
                    HexDump.writeReadable(out, b.getData(), b.getLength(), b.getAddress(), s.getTid(), to);
                } else {
                    HexDump.write(out, b.getData(), to);
                }
            }
        }
    }
}
