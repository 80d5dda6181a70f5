package io.jtrace.analyzer.http;

import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.Losses;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;

/** Where the http view's exchanges go: text (headers and bodies with --full), a JSON object each, or HAR. */
public interface ExchangeWriter extends Closeable {
    void write(Exchange x) throws IOException;

    /** The trace's losses, where the format has room for them (JSON lines); the others leave them to stderr. */
    default void losses(Losses losses) {
    }

    /** Text as the printer lays it out. */
    static ExchangeWriter text(ExchangePrinter printer, PrintStream out) {
        return new ExchangeWriter() {
            @Override
            public void write(Exchange x) throws IOException {
                printer.print(x, out);   // bytes, through the printer's reused line buffer
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    /** One JSON object per exchange, then the losses. */
    static ExchangeWriter json(ExchangePrinter printer, PrintStream out) {
        RecordWriter records = RecordWriter.json(out);
        return new ExchangeWriter() {
            @Override
            public void write(Exchange x) {
                printer.json(x, records);
            }

            @Override
            public void losses(Losses losses) {
                losses.write(records);
            }

            @Override
            public void close() {
                records.close();
            }
        };
    }
}
