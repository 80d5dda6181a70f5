package io.jtrace.analyzer.http;

import io.jtrace.analyzer.output.ParquetWriter;
import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.Losses;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Where the http view's exchanges go: text (headers and bodies with --full), a JSON object each, Parquet, or HAR. */
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

    /**
     * A Parquet file of the exchanges, the JSON objects' fields as columns ({@code full}: with headers and bodies);
     * the losses stay on stderr. {@code out} is closed after.
     */
    static ExchangeWriter parquet(ExchangePrinter printer, OutputStream out, boolean full) {
        List<ParquetWriter.Column> columns = new ArrayList<>(ExchangePrinter.COLUMNS);
        if (full) {
            columns.addAll(ExchangePrinter.FULL_COLUMNS);
        }
        ParquetWriter rows = new ParquetWriter(out, columns);
        return new ExchangeWriter() {
            @Override
            public void write(Exchange x) {
                printer.json(x, rows);
            }

            @Override
            public void close() throws IOException {
                try (out) {
                    rows.close();
                }
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
