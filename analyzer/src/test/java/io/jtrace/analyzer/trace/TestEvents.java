package io.jtrace.analyzer.trace;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;

/** Builds events from hand-made records for rendering tests. */
public final class TestEvents {
    /** The source of the events made here: a recording of host "test", read from test.jtr. */
    public static final Source SOURCE = new Source("test", "test.jtr");

    private TestEvents() {
    }

    public static Event syscall(String name, Syscall s) {
        return new Event(new TraceEvent(Record.newBuilder().setSyscall(s).build(), 0, 0), name, SOURCE);
    }

    /** A syscall entered at {@code timeNs}. */
    public static Event syscall(String name, Syscall s, long timeNs) {
        return new Event(new TraceEvent(Record.newBuilder().setSyscall(s).build(), timeNs, 0), name, SOURCE);
    }

    /** Any record at {@code timeNs}. */
    public static Event of(Record r, long timeNs) {
        return new Event(new TraceEvent(r, timeNs, 0), r.getKindCase().name().toLowerCase(), SOURCE);
    }

    public static Event of(Record r) {
        return new Event(new TraceEvent(r, 0, 0), r.getKindCase().name().toLowerCase(), SOURCE);
    }
}
