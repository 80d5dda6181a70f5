package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.output.RecordWriter;
import java.io.PrintStream;

/** Where the diff goes: unified text (diff -u) or a JSON object per hunk, chosen by --json; nothing when equal. */
public interface HunkWriter extends AutoCloseable {
    void hunk(Hunks.Hunk h);

    @Override
    void close();

    /** {@code --- A}, {@code +++ B} before the first hunk, then each hunk's header and lines, as diff -u has them. */
    final class Unified implements HunkWriter {
        private final String a;
        private final String b;
        private final PrintStream out;
        private final StringBuilder line = new StringBuilder(256);
        private boolean first = true;

        public Unified(String a, String b, PrintStream out) {
            this.a = a;
            this.b = b;
            this.out = out;
        }

        @Override
        public void hunk(Hunks.Hunk h) {
            line.setLength(0);
            if (first) {
                line.append("--- ").append(a).append("\n+++ ").append(b).append('\n');
                first = false;
            }
            line.append(h.header()).append('\n');
            for (String l : h.lines()) {
                line.append(l).append('\n');
            }
            out.print(line);
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** One object per hunk: the two files, 1-based ranges as the @@ line gives them, and the prefixed lines. */
    final class Json implements HunkWriter {
        private final String a;
        private final String b;
        private final RecordWriter out;

        public Json(String a, String b, PrintStream out) {
            this.a = a;
            this.b = b;
            this.out = RecordWriter.json(out);
        }

        @Override
        public void hunk(Hunks.Hunk h) {
            out.write("a", a, "b", b, "a_start", h.aCount() == 0 ? h.aStart() : h.aStart() + 1, "a_lines", h.aCount(),
                    "b_start", h.bCount() == 0 ? h.bStart() : h.bStart() + 1, "b_lines", h.bCount(),
                    "lines", h.lines());
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
