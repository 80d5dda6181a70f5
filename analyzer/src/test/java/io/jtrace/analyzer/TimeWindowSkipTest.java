package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.filter.Filters;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.Codec;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TraceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --since/--until on a format 1.5 file skip the frames outside the window unread, and print what the
 * same filter prints on the same recording without a time index (every frame read).
 */
class TimeWindowSkipTest {
    static final Path ORIGINAL = Run.trace("http-all.jtr");
    @TempDir
    static Path dir;
    static Path indexed;
    static List<Long> times = new ArrayList<>();

    /** The real recording rewritten as format 1.5 in frames of 4 KiB, so that it has many. */
    @BeforeAll
    static void rewrite() throws IOException {
        indexed = dir.resolve("http-all-1.5.jtr");
        try (TraceReader r = TraceReader.open(ORIGINAL);
             OutputStream out = Files.newOutputStream(indexed);
             TraceWriter w = new TraceWriter(out, Codec.ZSTD, 1, 4096,
                     r.header().toBuilder().clearFormatMajor().clearFormatMinor().build())) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                w.write(e);
                times.add(e.timeNs());
            }
        }
    }

    private static String at(double share) {
        List<Long> sorted = times.stream().sorted().toList();
        return sorted.get((int) (sorted.size() * share)) + "ns";
    }

    @Test
    void theWindowPrintsWhatTheUnskippedFilterPrints() {
        String since = at(0.6);
        String until = at(0.7);
        List<List<String>> sets = List.of(
                List.of("--since", since, "--until", until),
                List.of("--since", since),
                List.of("--until", until, "-tt", "-T"),
                List.of("--since", since, "--until", until, "--json"),
                List.of("--since", since, "--until", until, "-e", "trace=read,write", "-s", "200"),
                List.of("--since", since, "--until", until, "-y"));
        for (List<String> set : sets) {
            Run base = run(ORIGINAL, set);
            Run skipped = run(indexed, set);
            String skippedOut = skipped.out().replace(indexed.toString(), ORIGINAL.toString());   // --json's trace_file
            assertEquals(0, base.status(), base.show());
            assertTrue(base.lines().size() > 10, set + ": " + base.lines().size() + " lines");
            assertEquals(base.out(), skippedOut, String.join(" ", set) + ": " + firstDifference(base.lines(),
                    skippedOut.lines().toList()));
            assertEquals(base.err(), skipped.err(), String.join(" ", set));
        }
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "line " + i + ":\n  " + a.get(i) + "\n  " + b.get(i);
            }
        }
        return a.size() + " lines against " + b.size();
    }

    private static Run run(Path trace, List<String> options) {
        List<String> args = new ArrayList<>(List.of("-r", trace.toString()));
        args.addAll(options);
        return Run.of(args.toArray(String[]::new));
    }

    @Test
    void framesOutsideTheWindowAreSkipped() throws IOException {
        FilterOptions o = new FilterOptions();
        o.since = at(0.6);
        o.until = at(0.7);
        try (TraceStream stream = TraceStream.open(indexed)) {
            assertTrue(Filters.skipFramesOutsideWindow(o, stream));
            while (stream.next() != null) {
                // read to the end
            }
            assertTrue(stream.framesSkipped() > 10, "skipped " + stream.framesSkipped());
        }
        try (TraceStream stream = TraceStream.open(ORIGINAL)) {
            Filters.skipFramesOutsideWindow(o, stream);
            while (stream.next() != null) {
                // read to the end
            }
            assertEquals(0, stream.framesSkipped(), "an older file has no index");
        }
    }
}
