package io.jtrace.analyzer.trace;

import java.io.IOException;

/** Where a view sends the events that passed its filters: text lines, JSON, a trace copy. */
public interface EventSink extends AutoCloseable {
    void accept(Event e) throws IOException;

    /** True when the sink writes its output as events come (no progress line over a terminal's output). */
    default boolean printsWhileReading() {
        return false;
    }

    /**
     * True when the sink's output holds the loss records that reach it (the default view prints them, a copy
     * keeps them); the others count the losses and warn about them on stderr.
     */
    default boolean showsLosses() {
        return false;
    }

    /** {@code sink}, marked as one whose output comes while reading (a view printing from a callback). */
    static EventSink printing(EventSink sink) {
        return new EventSink() {
            @Override
            public void accept(Event e) throws IOException {
                sink.accept(e);
            }

            @Override
            public void close() throws IOException {
                sink.close();
            }

            @Override
            public boolean printsWhileReading() {
                return true;
            }
        };
    }

    /** Called once after the last event, with the stream (its trailer, its truncation). */
    @Override
    void close() throws IOException;
}
