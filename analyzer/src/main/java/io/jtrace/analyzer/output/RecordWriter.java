package io.jtrace.analyzer.output;

import java.io.Closeable;
import java.io.PrintStream;

/**
 * Where a view's records go, chosen by {@code --json}: each record is a set of named fields whose
 * values are strings, numbers, booleans, null, lists or maps of those.
 */
public interface RecordWriter extends Closeable {
    /** Writes one record; {@code fields} alternate names and values. */
    void write(Object... fields);

    @Override
    void close();

    /** One JSON object per record (JSON Lines). */
    static RecordWriter json(PrintStream out) {
        return new JsonWriter(out);
    }

    /** Aligned "name: value" lines, a blank line between records. */
    static RecordWriter text(PrintStream out) {
        return new TextWriter(out);
    }
}
