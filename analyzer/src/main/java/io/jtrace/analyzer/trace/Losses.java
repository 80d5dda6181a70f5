package io.jtrace.analyzer.trace;

import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Record;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the recorder could not capture, tallied from a trace's records: loss records (by reason) and buffers it could
 * not read from a call that succeeded. A view that counts or reconstructs says so once on stderr, and in its JSON
 * as a last object of type "losses".
 */
public final class Losses {
    /** Per reason: {lost records, lost bytes}. */
    private final Map<Loss.Reason, long[]> reasons = new EnumMap<>(Loss.Reason.class);
    private long records;
    private long bytes;
    private long unreadableBuffers;
    private long unreadableBytes;
    /** The input of the last loss counted: what the JSON object names. */
    private Source source;

    /** Counts the event if it is a loss record, or a successful call with buffers the recorder could not read. */
    public void add(Event e) {
        if (e.isSyscall()) {
            RecordedSyscall s = e.syscall();
            // a failed call's unreadable buffer is the program's bad pointer (EFAULT), not a capture lost
            if (s.getBuffersCount() > 0 && !e.failed()) {
                unreadable(e, s);
            }
        } else if (e.kind() == Record.KindCase.LOSS) {
            Loss l = e.record().getLoss();
            if (l.getReason() == Loss.Reason.FILES_MISSING) {
                return;   // a set's gap, not a recorder's loss: the stream reports its gaps itself
            }
            source = e.source();
            long[] r = reasons.computeIfAbsent(l.getReason(), k -> new long[2]);
            r[0] += l.getRecords();
            r[1] += l.getBytes();
            records += l.getRecords();
            bytes += l.getBytes();
        }
    }

    private void unreadable(Event e, RecordedSyscall s) {
        for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
            RecordedBuffer b = s.getBuffers(i);
            if (b.getError() != 0) {
                source = e.source();
                unreadableBuffers++;
                unreadableBytes += b.getLength();
            }
        }
    }

    /** Whether anything was lost. */
    public boolean any() {
        return !reasons.isEmpty() || unreadableBuffers > 0;
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }

    /**
     * The warning's text after "warning: ", or null when nothing was lost: {@code 32 records (1006632960 bytes) lost
     * by the recorder (queue full: 32); 1 buffer (4096 bytes) unreadable in the tracee's memory}.
     *
     * @param where the trace named when a command reads more than one, or null
     */
    public String warning(String where) {
        if (!any()) {
            return null;
        }
        List<String> parts = new ArrayList<>(2);
        if (!reasons.isEmpty()) {
            List<String> why = new ArrayList<>();
            reasons.forEach((reason, r) -> why.add(label(reason) + ": " + r[0]));
            parts.add(plural(records, "record") + (bytes > 0 ? " (" + plural(bytes, "byte") + ")" : "")
                    + " lost by the recorder (" + String.join(", ", why) + ")");
        }
        if (unreadableBuffers > 0) {
            parts.add(plural(unreadableBuffers, "buffer") + " (" + plural(unreadableBytes, "byte")
                    + ") unreadable in the tracee's memory");
        }
        return String.join("; ", parts) + (where == null ? "" : " in " + where)
                + ": the output lacks what they held";
    }

    /** Prints the warning on {@code err}, once, when anything was lost. */
    public void warn(PrintStream err, String where) {
        String w = warning(where);
        if (w != null) {
            err.println("jtrace-analyze: warning: " + w);
        }
    }

    /**
     * The JSON object a consumer finds last in a view's output, when anything was lost: {@code {"type":"losses",
     * "lost_records":32,"lost_bytes":1006632960,"reasons":{"queue_full":{"records":32,"bytes":1006632960}},
     * "unreadable_buffers":0,"unreadable_bytes":0,"trace_host":"web-1","trace_file":"app.jtr"}} (the input of the last
     * loss counted).
     */
    public void write(RecordWriter out) {
        if (!any()) {
            return;
        }
        Map<String, Object> why = new LinkedHashMap<>();
        reasons.forEach((reason, r) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("records", r[0]);
            m.put("bytes", r[1]);
            why.put(reason.name().toLowerCase(Locale.ROOT), m);
        });
        out.write(source.append("type", "losses", "lost_records", records, "lost_bytes", bytes, "reasons", why,
                "unreadable_buffers", unreadableBuffers, "unreadable_bytes", unreadableBytes));
    }

    private static String label(Loss.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
