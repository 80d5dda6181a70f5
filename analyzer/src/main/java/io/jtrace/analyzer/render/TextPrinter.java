package io.jtrace.analyzer.render;

import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import java.io.IOException;
import java.io.Writer;

/** strace-style lines to a writer. */
public final class TextPrinter implements EventSink {
    private final LineRenderer renderer;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);

    public TextPrinter(LineRenderer renderer, Writer out) {
        this.renderer = renderer;
        this.out = out;
    }

    @Override
    public void accept(Event e) throws IOException {
        line.setLength(0);
        if (renderer.render(e, line)) {
            out.append(line);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
