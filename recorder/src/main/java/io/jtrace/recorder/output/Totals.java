package io.jtrace.recorder.output;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.Trailer;

/** Counts per record kind, for a file's trailer and for the recorder's final status line. */
public final class Totals {
    long syscalls;
    long taskStarts;
    long taskNames;
    long taskPids;
    long execs;
    long exits;
    long signals;
    long losses;
    long lostRecords;
    long lostBytes;
    long capturedBytes;
    long bytesWritten;

    /** A syscall record with {@code captured} bytes of buffer data. */
    void addSyscall(long captured) {
        syscalls++;
        capturedBytes += captured;
    }

    void add(com.google.protobuf.MessageLite m) {
        if (m instanceof Syscall s) {
            syscalls++;
            for (Buffer b : s.getBuffersList()) {
                capturedBytes += b.getData().size();
            }
        } else if (m instanceof Loss l) {
            losses++;
            lostRecords += l.getRecords();
            lostBytes += l.getBytes();
        } else if (m instanceof io.jtrace.format.proto.TaskStart) {
            taskStarts++;
        } else if (m instanceof io.jtrace.format.proto.TaskName) {
            taskNames++;
        } else if (m instanceof io.jtrace.format.proto.TaskPids) {
            taskPids++;
        } else if (m instanceof io.jtrace.format.proto.Exec) {
            execs++;
        } else if (m instanceof io.jtrace.format.proto.Exit) {
            exits++;
        } else if (m instanceof io.jtrace.format.proto.Signal) {
            signals++;
        }
    }

    Trailer.Builder toTrailer() {
        return Trailer.newBuilder().setSyscalls(syscalls).setTaskStarts(taskStarts).setTaskNames(taskNames).setTaskPids(taskPids).setExecs(execs).setExits(exits)
                .setSignals(signals).setLosses(losses).setLostRecords(lostRecords).setLostBytes(lostBytes)
                .setCapturedBytes(capturedBytes);
    }

    public long syscalls() {
        return syscalls;
    }

    public long lostRecords() {
        return lostRecords;
    }

    public long capturedBytes() {
        return capturedBytes;
    }

    /** Threads traced now: every traced thread has a TaskStart (attached ones too) and an Exit (detached ones too). */
    public long threads() {
        return Math.max(0, taskStarts - exits);
    }

    /** Bytes written to every file of the run. */
    public long bytesWritten() {
        return bytesWritten;
    }
}
