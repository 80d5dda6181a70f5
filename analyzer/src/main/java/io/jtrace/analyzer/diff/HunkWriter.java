package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.Source;
import java.io.PrintStream;

/** Where the diff goes: unified text (diff -u) or a JSON object per hunk, chosen by --json; nothing when equal. */
public interface HunkWriter extends AutoCloseable {
    void hunk(Hunks.Hunk h);

    /** The two traces' sources, known once they are read; before the first hunk. */
    default void sources(Source a, Source b) {
    }

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

    /** One object per hunk: the two files and their hosts, 1-based ranges as the @@ line gives them, and the prefixed lines. */
    final class Json implements HunkWriter {
        private final String a;
        private final String b;
        private final RecordWriter out;
        private String aHost;
        private String bHost;

        public Json(String a, String b, PrintStream out) {
            this.a = a;
            this.b = b;
            this.out = RecordWriter.json(out);
        }

        @Override
        public void sources(Source a, Source b) {
            aHost = a.host();
            bHost = b.host();
        }

        @Override
        public void hunk(Hunks.Hunk h) {
            out.write("a", a, "a_host", aHost, "b", b, "b_host", bHost, "a_start", h.aCount() == 0 ? h.aStart() : h.aStart() + 1, "a_lines", h.aCount(),
                    "b_start", h.bCount() == 0 ? h.bStart() : h.bStart() + 1, "b_lines", h.bCount(),
                    "lines", h.lines());
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
