package io.jtrace.analyzer.trace;

import io.jtrace.format.proto.Header;
import java.nio.file.Path;

/**
 * Where records come from: the recording's host (its header's, the recorder's hostname) and the input as the user
 * named it ({@code -} for standard input). Every {@code --json} object carries both, as {@code trace_host} and
 * {@code trace_file}, so the output of many hosts' traces can be concatenated and queried together. Each
 * {@link Event} has its own, so a view reading several inputs names the right one per object.
 */
public record Source(String host, String file) {
    /** The names of the two fields in a JSON object. */
    public static final String HOST_FIELD = "trace_host";
    public static final String FILE_FIELD = "trace_file";

    public static Source of(Header header, Path file) {
        return new Source(header.getHost(), file.toString());
    }

    /** {@code fields} with the two source fields appended (name, value pairs, as a RecordWriter takes them). */
    public Object[] append(Object... fields) {
        Object[] all = java.util.Arrays.copyOf(fields, fields.length + 4);
        all[fields.length] = HOST_FIELD;
        all[fields.length + 1] = host;
        all[fields.length + 2] = FILE_FIELD;
        all[fields.length + 3] = file;
        return all;
    }
}
