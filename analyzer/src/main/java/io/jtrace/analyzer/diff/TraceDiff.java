package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.filter.FilterOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares two traces: each read into normalised lines ({@link TraceLines}), lines numbered so equal lines have equal
 * numbers, {@link Myers} over the numbers, hunks written as a unified diff or JSON.
 */
public final class TraceDiff {
    private TraceDiff() {
    }

    /**
     * Writes the differences to {@code out}; returns whether there were any.
     *
     * @param filters the filters of both traces; at the http level without --grep, which {@code grep} carries
     *                instead (it selects exchanges there, as in the http view)
     */
    public static boolean run(Path a, Path b, FilterOptions filters, Pattern grep, DiffOptions options, int context,
                              HunkWriter out, PrintStream err) throws IOException {
        TraceLines.Read readA = TraceLines.read(a, filters, grep, options, err);
        TraceLines.Read readB = TraceLines.read(b, filters, grep, options, err);
        List<String> left = readA.lines();
        List<String> right = readB.lines();
        Map<String, Integer> numbers = new HashMap<>();
        Myers.Changes changes = Myers.diff(number(left, numbers), number(right, numbers));
        numbers.clear();
        List<Hunks.Hunk> hunks = Hunks.of(changes, left, right, context);
        if (hunks.isEmpty()) {
            return false;
        }
        out.sources(readA.source(), readB.source());
        for (Hunks.Hunk h : hunks) {
            out.hunk(h);
        }
        return true;
    }

    private static int[] number(List<String> lines, Map<String, Integer> numbers) {
        int[] n = new int[lines.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = numbers.computeIfAbsent(lines.get(i), k -> numbers.size());
        }
        return n;
    }
}
