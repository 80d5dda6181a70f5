package io.jtrace.analyzer.trace;

import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Record;

/** One record as views and filters see it: the record, its time, its syscall name and its source. */
public final class Event {
    private final TraceEvent raw;
    private final String name;
    /** The recording's host and the file the record was read from (trace_host, trace_file in --json). */
    private final Source source;
    // asked many times per record by the state, the filters and the renderer: taken from the record once
    private final Record.KindCase kind;
    private final RecordedSyscall syscall;

    Event(TraceEvent raw, String name, Source source) {
        this.raw = raw;
        this.name = name;
        this.source = source;
        this.kind = raw.kind();
        this.syscall = raw.syscall();
    }

    /** The recording and input the record comes from (what --json objects name as trace_host, trace_file). */
    public Source source() {
        return source;
    }

    public Record record() {
        return raw.record();
    }

    public Record.KindCase kind() {
        return kind;
    }

    /** Nanoseconds since the recording started; a syscall's entry time. */
    public long timeNs() {
        return raw.timeNs();
    }

    /** What the stream's note function made of the record, or null (see {@link TraceStream#note}). */
    public Object note() {
        return raw.note();
    }

    public boolean isSyscall() {
        return kind == Record.KindCase.SYSCALL;
    }

    /** The syscall, or {@link RecordedSyscall#EMPTY} (every field zero) when this is another kind of record. */
    public RecordedSyscall syscall() {
        return syscall;
    }

    /** The syscall's name ("sendto", "syscall_0x1c2"), or the record kind in lower case. */
    public String name() {
        return name;
    }

    public int tid() {
        if (kind == Record.KindCase.SYSCALL) {
            return syscall.getTid();
        }
        Record r = raw.record();
        return switch (kind) {
            case TASK_START -> r.getTaskStart().getTid();
            case TASK_NAME -> r.getTaskName().getTid();
            case TASK_PIDS -> r.getTaskPids().getTid();
            case EXEC -> r.getExec().getTid();
            case EXIT -> r.getExit().getTid();
            case SIGNAL -> r.getSignal().getTid();
            case LOSS -> r.getLoss().getTid();
            default -> 0;
        };
    }

    /** The process (thread group) id; for a loss record the thread's, when known. */
    public int pid() {
        if (kind == Record.KindCase.SYSCALL) {
            return syscall.getPid();
        }
        Record r = raw.record();
        return switch (kind) {
            case TASK_START -> r.getTaskStart().getPid();
            case TASK_NAME -> r.getTaskName().getPid();
            case TASK_PIDS -> r.getTaskPids().getPid();
            case EXEC -> r.getExec().getPid();
            case EXIT -> r.getExit().getPid();
            case SIGNAL -> r.getSignal().getPid();
            default -> 0;
        };
    }

    /** A finished syscall that returned an error (-1..-4095). */
    public boolean failed() {
        RecordedSyscall s = syscall;
        return kind == Record.KindCase.SYSCALL && !s.getUnfinished() && s.getRet() < 0 && s.getRet() >= -4095;
    }
}
