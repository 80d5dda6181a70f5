package io.jtrace.analyzer.trace;

import java.io.IOException;

/** Where a view sends the events that passed its filters: text lines, JSON, a trace copy. */
public interface EventSink extends AutoCloseable {
    void accept(Event e) throws IOException;

    /** Called once after the last event, with the stream (its trailer, its truncation). */
    @Override
    void close() throws IOException;
}
