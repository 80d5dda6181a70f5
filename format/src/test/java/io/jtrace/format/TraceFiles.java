package io.jtrace.format;

import io.jtrace.format.proto.Header;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Helpers that write traces to memory and read them back, for format tests. */
final class TraceFiles {
    private TraceFiles() {
    }

    /** Writes the events (then a trailer when asked), flushing every {@code flushEvery} records. */
    static byte[] write(Codec codec, Header header, List<TraceEvent> events, int flushEvery) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(out, codec, codec.defaultLevel(), TraceWriter.DEFAULT_FRAME_BYTES, header)) {
            int n = 0;
            for (TraceEvent e : events) {
                w.write(e);
                if (flushEvery > 0 && ++n % flushEvery == 0) {
                    w.flush();
                }
            }
        }
        return out.toByteArray();
    }

    /** Reads every record it can; the exception that ended reading, if any, is returned too. */
    static Result read(byte[] file) {
        List<TraceEvent> events = new ArrayList<>();
        try (TraceReader r = new TraceReader(new ByteArrayInputStream(file))) {
            while (r.hasNext()) {
                events.add(r.next());
            }
            return new Result(events, null);
        } catch (IOException e) {
            return new Result(events, e);
        }
    }

    /** The record without its encoding detail (the per-frame time delta), for comparisons. */
    static Object comparable(TraceEvent e) {
        return List.of(e.timeNs(), e.record().toBuilder().clearTimeDelta().build());
    }

    static List<Object> comparable(List<TraceEvent> events) {
        return events.stream().map(TraceFiles::comparable).toList();
    }

    record Result(List<TraceEvent> events, IOException error) {
    }
}
