package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import java.io.IOException;
import java.io.OutputStream;

/** strace-style lines to a byte stream, each rendered into one reused buffer. */
public final class TextPrinter implements EventSink {
    private final LineRenderer renderer;
    private final OutputStream out;
    private final LineBuffer line = new LineBuffer(256);

    public TextPrinter(LineRenderer renderer, OutputStream out) {
        this.renderer = renderer;
        this.out = out;
    }

    @Override
    public boolean printsWhileReading() {
        return true;
    }

    @Override
    public boolean showsLosses() {
        return true;
    }

    @Override
    public void accept(Event e) throws IOException {
        if (renderer.render(e, line.clear())) {
            line.writeTo(out);
            renderer.dump(e, line, out);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
