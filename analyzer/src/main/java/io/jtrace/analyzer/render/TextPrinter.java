package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import java.io.IOException;
import java.io.OutputStream;

/** strace-style lines to a byte stream, rendered one after the other into one reused buffer. */
public final class TextPrinter implements EventSink {
    /** Lines are gathered up to this many bytes and written at once: a write per line costs more than the copy. */
    private static final int BATCH = 1 << 15;

    private final LineRenderer renderer;
    private final OutputStream out;
    private final LineBuffer lines = new LineBuffer(BATCH + 4096);

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
        if (!renderer.render(e, lines)) {
            return;
        }
        if (renderer.dumps()) {
            write();
            renderer.dump(e, lines, out);   // writes the dump itself, through the buffer
            lines.clear();
        } else if (lines.length() >= BATCH) {
            write();
        }
    }

    private void write() throws IOException {
        lines.writeTo(out);
        lines.clear();
    }

    @Override
    public void close() throws IOException {
        write();
        out.flush();
    }
}
