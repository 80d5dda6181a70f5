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

    static RecordWriter create(boolean json, PrintStream out) {
        return json ? new JsonWriter(out) : new TextWriter(out);
    }
}
