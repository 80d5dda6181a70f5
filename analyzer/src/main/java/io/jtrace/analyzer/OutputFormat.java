package io.jtrace.analyzer;

import io.jtrace.analyzer.output.RecordWriter;
import java.io.PrintStream;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --json} (picocli mixin): the output format, chosen here once; a view gets the writer for it, text or JSON,
 * and never the flag. What one JSON object is differs per view: each command's line of --help is in
 * {@code Help.properties}, under the command's name.
 */
final class OutputFormat {
    @Option(names = "--json", descriptionKey = "json", description = "One JSON object per record.")
    boolean json;

    /** The view's writer for the format asked for. */
    <W> W writer(Supplier<? extends W> text, Supplier<? extends W> json) {
        return this.json ? json.get() : text.get();
    }

    /** Records as aligned "name: value" lines, or one JSON object each. */
    RecordWriter records(PrintStream out) {
        return writer(() -> RecordWriter.text(out), () -> RecordWriter.json(out));
    }
}
