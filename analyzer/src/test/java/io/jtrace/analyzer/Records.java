package io.jtrace.analyzer;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TruncatedTraceException;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Record;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A trace read with the format's own {@link TraceReader}, independently of the analyzer, so tests
 * compare what a view prints with what the file holds.
 */
record Records(Header header, List<TraceEvent> events, boolean truncated) {
    static Records read(Path file) {
        List<TraceEvent> events = new ArrayList<>();
        try (TraceReader r = TraceReader.open(file)) {
            boolean truncated = false;
            try {
                while (r.hasNext()) {
                    events.add(r.next());
                }
            } catch (TruncatedTraceException e) {
                truncated = true;
            }
            return new Records(r.header(), events, truncated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SyscallTable table() {
        return SyscallTable.forArch(header.getArch());
    }

    String name(TraceEvent e) {
        return table().name(e.record().getSyscall().getNr());
    }

    List<TraceEvent> syscalls() {
        return events.stream().filter(e -> e.kind() == Record.KindCase.SYSCALL).toList();
    }

    List<TraceEvent> syscalls(Predicate<TraceEvent> p) {
        return syscalls().stream().filter(p).toList();
    }

    /** Every record but the trailer: what --json prints without filters. */
    List<TraceEvent> records() {
        return events.stream().filter(e -> e.kind() != Record.KindCase.TRAILER).toList();
    }

    /** Whether any captured buffer of the syscall contains {@code text} (bytes as ISO-8859-1). */
    static boolean captured(TraceEvent e, String text) {
        for (Buffer b : e.record().getSyscall().getBuffersList()) {
            if (b.getData().toString(StandardCharsets.ISO_8859_1).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a captured buffer of the syscall starts with {@code text}. */
    static boolean starts(TraceEvent e, String text) {
        for (Buffer b : e.record().getSyscall().getBuffersList()) {
            if (b.getData().toString(StandardCharsets.ISO_8859_1).startsWith(text)) {
                return true;
            }
        }
        return false;
    }

    static boolean failed(TraceEvent e) {
        var s = e.record().getSyscall();
        return !s.getUnfinished() && s.getRet() < 0 && s.getRet() >= -4095;
    }
}
