package io.jtrace.analyzer.summary;

import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.EventSink;
import io.jtrace.analyzer.trace.Losses;
import io.jtrace.analyzer.trace.Source;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-syscall calls, errors and time, like {@code strace -c -w}: time is the wall-clock latency of
 * each call (entry to exit), which is what the recorder measures. Unfinished calls are not counted.
 */
public final class SyscallSummary implements EventSink {
    /** Where the summary goes: strace -c's table, or a JSON object per syscall and the losses. */
    public interface Writer {
        void write(SyscallSummary summary, Losses losses);

        static Writer table(PrintStream out) {
            return (summary, losses) -> summary.printTable(out);
        }

        static Writer json(PrintStream out) {
            return (summary, losses) -> {
                try (RecordWriter w = RecordWriter.json(out)) {
                    summary.write(w);
                    losses.write(w);
                }
            };
        }
    }

    /** Totals of one syscall in one input. */
    static final class Row {
        final Source source;
        final String name;
        long calls;
        long errors;
        long ns;
        long maxNs;

        Row(Source source, String name) {
            this.source = source;
            this.name = name;
        }

        void add(Row other) {
            calls += other.calls;
            errors += other.errors;
            ns += other.ns;
            maxNs = Math.max(maxNs, other.maxNs);
        }
    }

    /** Per input, per syscall name: the JSON objects; the table adds the inputs up. */
    private final Map<Source, Map<String, Row>> bySource = new LinkedHashMap<>();
    private Source source;
    private Map<String, Row> rows;

    @Override
    public void accept(Event e) {
        if (!e.isSyscall() || e.syscall().getUnfinished()) {
            return;
        }
        if (e.source() != source) {
            source = e.source();
            rows = bySource.computeIfAbsent(source, k -> new HashMap<>());
        }
        Row r = rows.computeIfAbsent(e.name(), name -> new Row(source, name));
        r.calls++;
        if (e.failed()) {
            r.errors++;
        }
        long ns = e.syscall().getDurationNs();
        r.ns += ns;
        r.maxNs = Math.max(r.maxNs, ns);
    }

    @Override
    public void close() {
    }

    /** Every input's rows added up per syscall, most time first. */
    List<Row> sorted() {
        Map<String, Row> total = new HashMap<>();
        for (Map<String, Row> m : bySource.values()) {
            m.values().forEach(r -> total.computeIfAbsent(r.name, name -> new Row(null, name)).add(r));
        }
        return sorted(total.values());
    }

    private static List<Row> sorted(java.util.Collection<Row> rows) {
        List<Row> list = new ArrayList<>(rows);
        list.sort(Comparator.comparingLong((Row r) -> r.ns).reversed().thenComparing(r -> r.name));
        return list;
    }

    /** strace -c's table. */
    void printTable(PrintStream out) {
        List<Row> list = sorted();
        long totalNs = list.stream().mapToLong(r -> r.ns).sum();
        long calls = list.stream().mapToLong(r -> r.calls).sum();
        long errors = list.stream().mapToLong(r -> r.errors).sum();
        String rule = "------ ----------- ----------- --------- --------- ----------------";
        out.println("% time     seconds  usecs/call     calls    errors syscall");
        out.println(rule);
        for (Row r : list) {
            out.println(String.format(Locale.ROOT, "%6.2f %11.6f %11d %9d %9s %s",
                    totalNs == 0 ? 0.0 : 100.0 * r.ns / totalNs, r.ns / 1e9, r.ns / 1000 / Math.max(1, r.calls),
                    r.calls, r.errors == 0 ? "" : Long.toString(r.errors), r.name));
        }
        out.println(rule);
        out.println(String.format(Locale.ROOT, "%6.2f %11.6f %11d %9d %9s %s", 100.0, totalNs / 1e9,
                totalNs / 1000 / Math.max(1, calls), calls, errors == 0 ? "" : Long.toString(errors), "total"));
    }

    /** One record per syscall and input; percent_time is of the input's time. */
    void write(RecordWriter out) {
        for (Map<String, Row> m : bySource.values()) {
            write(sorted(m.values()), out);
        }
    }

    private static void write(List<Row> list, RecordWriter out) {
        long totalNs = list.stream().mapToLong(r -> r.ns).sum();
        for (Row r : list) {
            out.write(r.source.append("syscall", r.name, "calls", r.calls, "errors", r.errors, "total_us", r.ns / 1000,
                    "mean_us", r.ns / 1000 / Math.max(1, r.calls), "max_us", r.maxNs / 1000,
                    "percent_time", totalNs == 0 ? 0.0 : Math.round(10000.0 * r.ns / totalNs) / 100.0));
        }
    }
}
