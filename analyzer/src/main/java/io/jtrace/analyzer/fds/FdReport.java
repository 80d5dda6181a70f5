package io.jtrace.analyzer.fds;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.output.ParquetWriter;
import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.Losses;
import io.jtrace.analyzer.trace.Source;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Sorting, top-N and the two renderings (aligned table, JSON lines) of the fds view. */
public final class FdReport {
    public static final String SORT_KEYS = "first, bytes, bytes_in, bytes_out, calls, time, errors, pid, fd";

    private FdReport() {
    }

    /** Where the rows go: an aligned table, or a JSON object per row and the losses. */
    public interface Writer {
        void write(List<FdStats> rows, long startWallNs, Losses losses);

        static Writer table(PrintStream out) {
            return (rows, startWallNs, losses) -> FdReport.table(rows, out);
        }

        /** A Parquet file of the rows, the JSON objects' fields as columns; the losses stay on stderr. */
        static Writer parquet(OutputStream out) {
            return (rows, startWallNs, losses) -> {
                try (out; ParquetWriter w = new ParquetWriter(out, COLUMNS)) {
                    FdReport.json(rows, startWallNs, w);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        }

        static Writer json(PrintStream out) {
            return (rows, startWallNs, losses) -> {
                try (RecordWriter w = RecordWriter.json(out)) {
                    FdReport.json(rows, startWallNs, w);
                    losses.write(w);
                }
            };
        }
    }

    /** The columns of the JSON objects' fields, for a Parquet file: ANALYZER.md "JSON output" has their meaning. */
    static final List<ParquetWriter.Column> COLUMNS = columns();

    private static List<ParquetWriter.Column> columns() {
        List<ParquetWriter.Column> c = new ArrayList<>();
        c.add(new ParquetWriter.Column("pid", ParquetWriter.Type.INT64));
        c.add(new ParquetWriter.Column("fd", ParquetWriter.Type.INT64));
        for (String name : List.of("kind", "local", "peer")) {
            c.add(new ParquetWriter.Column(name, ParquetWriter.Type.STRING));
        }
        for (String name : List.of("bytes_in", "bytes_out", "calls_in", "calls_out", "errors", "eagain", "time_us")) {
            c.add(new ParquetWriter.Column(name, ParquetWriter.Type.INT64));
        }
        for (String name : List.of("protocol", "first", "last")) {
            c.add(new ParquetWriter.Column(name, ParquetWriter.Type.STRING));
        }
        c.add(new ParquetWriter.Column("closed", ParquetWriter.Type.BOOLEAN));
        c.add(new ParquetWriter.Column(Source.HOST_FIELD, ParquetWriter.Type.STRING));
        c.add(new ParquetWriter.Column(Source.FILE_FIELD, ParquetWriter.Type.STRING));
        return List.copyOf(c);
    }

    /** The row order a --sort key names; a usage error for an unknown key. */
    public static Comparator<FdStats> order(String sort) {
        return switch (sort) {
            case "first" -> Comparator.comparingLong(s -> s.order);
            case "bytes" -> Comparator.comparingLong((FdStats s) -> s.bytesIn + s.bytesOut).reversed();
            case "bytes_in" -> Comparator.comparingLong((FdStats s) -> s.bytesIn).reversed();
            case "bytes_out" -> Comparator.comparingLong((FdStats s) -> s.bytesOut).reversed();
            case "calls" -> Comparator.comparingLong((FdStats s) -> s.callsIn + s.callsOut).reversed();
            case "time" -> Comparator.comparingLong((FdStats s) -> s.ns).reversed();
            case "errors" -> Comparator.comparingLong((FdStats s) -> s.errors + s.eagain).reversed();
            case "pid" -> Comparator.comparingInt((FdStats s) -> s.pid).thenComparingInt(s -> s.fd);
            case "fd" -> Comparator.comparingInt((FdStats s) -> s.fd).thenComparingInt(s -> s.pid);
            default -> throw new UsageException("--sort " + sort + ": expected one of " + SORT_KEYS);
        };
    }

    public static List<FdStats> select(List<FdStats> rows, Comparator<FdStats> order, int top) {
        List<FdStats> sorted = new ArrayList<>(rows);
        sorted.sort(order.thenComparingLong(s -> s.order));
        return top > 0 && top < sorted.size() ? sorted.subList(0, top) : sorted;
    }

    static void json(List<FdStats> rows, long startWallNs, RecordWriter out) {
        for (FdStats s : rows) {
            out.write(s.source.append("pid", s.pid, "fd", s.fd, "kind", s.kind(), "local", s.local(), "peer", s.peer(),
                    "bytes_in", s.bytesIn, "bytes_out", s.bytesOut, "calls_in", s.callsIn, "calls_out", s.callsOut,
                    "errors", s.errors, "eagain", s.eagain, "time_us", s.ns / 1000, "protocol", s.protocol(),
                    "first", wall(startWallNs, s.firstNs), "last", wall(startWallNs, s.lastNs), "closed", s.closed));
        }
    }

    private static String wall(long startWallNs, long ns) {
        return ns == Long.MAX_VALUE || ns == Long.MIN_VALUE ? null : Instant.ofEpochSecond(0, startWallNs + ns).toString();
    }

    static void table(List<FdStats> rows, PrintStream out) {
        String[] head = {"PID", "FD", "KIND", "LOCAL", "PEER", "CALLS_IN", "BYTES_IN", "CALLS_OUT", "BYTES_OUT",
            "ERRORS", "EAGAIN", "TIME_MS", "PROTO", "FIRST_S", "LAST_S"};
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (FdStats s : rows) {
            cells.add(new String[] {Integer.toString(s.pid), Integer.toString(s.fd), s.kind(), dash(s.local()),
                dash(s.peer()), Long.toString(s.callsIn), Long.toString(s.bytesIn), Long.toString(s.callsOut),
                Long.toString(s.bytesOut), Long.toString(s.errors), Long.toString(s.eagain),
                String.format(Locale.ROOT, "%.3f", s.ns / 1e6), dash(s.protocol()), seconds(s.firstNs),
                seconds(s.lastNs)});
        }
        int[] width = new int[head.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : cells) {
            b.setLength(0);
            for (int i = 0; i < row.length; i++) {
                boolean left = i == 2 || i == 3 || i == 4 || i == 12;
                String pad = " ".repeat(width[i] - row[i].length());
                b.append(left ? row[i] + pad : pad + row[i]);
                if (i < row.length - 1) {
                    b.append("  ");
                }
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String seconds(long ns) {
        return ns == Long.MAX_VALUE || ns == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%.6f", ns / 1e9);
    }
}
