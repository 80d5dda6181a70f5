package io.jtrace.format;

import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Trailer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a trace of the current version holding the records of IN N times over, each copy's times
 * shifted after the previous copy's, with one trailer at the end: a long recording made from a real
 * one, for the time-index measurement in BENCHMARKS.md. Usage: RepeatTrace IN OUT N.
 */
public final class RepeatTrace {
    private RepeatTrace() {
    }

    public static void main(String[] a) throws Exception {
        Path in = Path.of(a[0]);
        Path out = Path.of(a[1]);
        int n = Integer.parseInt(a[2]);
        long span;
        Header header;
        try (TraceReader r = TraceReader.open(in)) {
            header = r.header();
            long max = 0;
            while (r.hasNext()) max = Math.max(max, r.next().timeNs());
            span = max + 1_000_000_000L;
        }
        long syscalls = 0;
        Trailer last = null;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
             TraceWriter w = new TraceWriter(o, Codec.ZSTD, header.toBuilder().clearFormatMajor().clearFormatMinor().build())) {
            for (int i = 0; i < n; i++) {
                long shift = i * span;
                try (TraceReader r = TraceReader.open(in)) {
                    while (r.hasNext()) {
                        TraceEvent e = r.next();
                        Record rec = e.record();
                        long t = e.timeNs() + shift;
                        switch (rec.getKindCase()) {
                            case SYSCALL -> { w.write(t, rec.getSyscall()); syscalls++; }
                            case TASK_START -> w.write(t, rec.getTaskStart());
                            case TASK_NAME -> w.write(t, rec.getTaskName());
                            case TASK_PIDS -> w.write(t, rec.getTaskPids());
                            case EXEC -> w.write(t, rec.getExec());
                            case EXIT -> w.write(t, rec.getExit());
                            case SIGNAL -> w.write(t, rec.getSignal());
                            case LOSS -> w.write(t, rec.getLoss());
                            case TRAILER -> last = rec.getTrailer();
                            default -> { }
                        }
                    }
                }
            }
            if (last != null) {
                w.writeTrailer(n * span, last.toBuilder().setSyscalls(syscalls).build());
            }
        }
        System.out.println(syscalls + " syscalls, span " + n * span / 1e9 + " s");
    }
}
