package io.jtrace.analyzer.info;

import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TruncatedTraceException;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Trailer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Everything {@code info} reports, gathered in one streaming pass over a trace. */
public final class TraceInfo {
    private static final int MAX_NAMES = 1000;
    private final Path file;
    private Header header;
    private Trailer trailer;
    private String truncation;
    private final Map<io.jtrace.format.proto.Record.KindCase, Long> counts =
            new EnumMap<>(io.jtrace.format.proto.Record.KindCase.class);
    /** Thread name to the threads that had it (header threads, TaskName and Exec records), at most MAX_NAMES names. */
    private final Map<String, Long> threadNames = new TreeMap<>();
    private long otherNames;
    private long firstNs = Long.MAX_VALUE;
    private long lastNs = Long.MIN_VALUE;
    private long capturedBytes;
    private long lostRecords;
    private long lostBytes;
    private long unfinished;
    private long missingFiles;
    private long missingNs;
    private long fileBytes;
    private long rawBytes;
    private String codec;
    private long cutRecords;

    private TraceInfo(Path file) {
        this.file = file;
    }

    public static TraceInfo scan(Path file) throws IOException {
        TraceInfo info = new TraceInfo(file);
        try (TraceReader r = io.jtrace.analyzer.trace.TraceStream.reader(file)) {
            info.header = r.header();
            info.header.getProcessesList().forEach(p -> p.getThreadsList().forEach(t -> info.named(t.getComm())));
            info.codec = r.codec().displayName();
            boolean stdin = io.jtrace.analyzer.trace.TraceStream.isStdin(file);
            long size = !stdin && Files.isRegularFile(file) ? Files.size(file) : 0;
            long records = 0;
            try (var progress = io.jtrace.analyzer.output.ProgressLine.start(System.err, size, false)) {
                while (r.hasNext()) {
                    info.add(r.next());
                    progress.update(r.bytesRead(), ++records);
                }
            } catch (TruncatedTraceException e) {
                info.truncation = e.getMessage();
            }
            info.trailer = r.trailer().orElse(null);
            info.rawBytes = r.rawBytesRead();
            info.cutRecords = r.cutRecords();
            // standard input has no size: what was read of it is the file
            info.fileBytes = stdin ? r.bytesRead() : Files.size(file);
        }
        return info;
    }

    private void add(TraceEvent e) {
        counts.merge(e.kind(), 1L, Long::sum);
        if (e.kind() == io.jtrace.format.proto.Record.KindCase.TRAILER) {
            return;
        }
        firstNs = Math.min(firstNs, e.timeNs());
        boolean call = e.kind() == io.jtrace.format.proto.Record.KindCase.SYSCALL;
        long end = e.timeNs() + (call ? e.syscall().getDurationNs() : 0);
        lastNs = Math.max(lastNs, end);
        if (call) {
            var s = e.syscall();
            for (int i = 0, n = s.getBuffersCount(); i < n; i++) {
                capturedBytes += s.getBuffers(i).getData().size();
            }
            if (s.getUnfinished()) {
                unfinished++;
            }
        } else if (e.record().hasLoss() && e.record().getLoss().getReason() == io.jtrace.format.proto.Loss.Reason.FILES_MISSING) {
            // a merged copy of a set with a gap: files missing, not records the recorder lost
            missingFiles += e.record().getLoss().getRecords();
            missingNs += e.record().getLoss().getGapNs();
        } else if (e.record().hasLoss()) {
            lostRecords += e.record().getLoss().getRecords();
            lostBytes += e.record().getLoss().getBytes();
        } else if (e.record().hasTaskName()) {
            named(e.record().getTaskName().getComm());
        } else if (e.record().hasExec()) {
            named(e.record().getExec().getComm());
        }
    }

    private void named(String comm) {
        if (threadNames.containsKey(comm) || threadNames.size() < MAX_NAMES) {
            threadNames.merge(comm, 1L, Long::sum);
        } else {
            otherNames++;
        }
    }

    /** The report to {@code out}, closed after it; the warnings (records cut, a file that ended early) to err. */
    public void report(RecordWriter out, PrintStream err) {
        try (out) {
            writeTo(out);
        }
        warn(err, false);
    }

    /** The warnings alone (records cut, a file that ended early), on err; {@code named}: naming the file. */
    public void warn(PrintStream err, boolean named) {
        String cut = io.jtrace.analyzer.trace.TraceStream.cutWarning(cutRecords);
        if (cut != null) {
            err.println("jtrace-analyze: warning: " + cut);
        }
        if (missingNs > 0 || missingFiles > 0) {
            err.println(String.format(Locale.ROOT, "jtrace-analyze: warning: %s%d file%s of the recording missing where"
                    + " this trace was merged from a set: nothing recorded for %.3f s", named ? file + ": " : "",
                    missingFiles, missingFiles == 1 ? "" : "s", missingNs / 1e9));
        }
        if (truncation != null) {
            err.println("jtrace-analyze: warning: " + (named ? file + ": " : "") + truncation);
        }
    }

    public Path file() {
        return file;
    }

    public Header header() {
        return header;
    }

    /** The trailer of a file that ended cleanly, else null. */
    public Trailer trailer() {
        return trailer;
    }

    public long syscalls() {
        return counts.getOrDefault(io.jtrace.format.proto.Record.KindCase.SYSCALL, 0L);
    }

    public long capturedBytes() {
        return capturedBytes;
    }

    public long lostRecords() {
        return lostRecords;
    }

    public long fileBytes() {
        return fileBytes;
    }

    /** Wall-clock time of the file's last record (its end), in ns since the epoch; its start when it has none. */
    public long endWallNs() {
        return header.getStartWallNs() + Math.max(0, lastNs);
    }

    /** The file's report, one record. */
    public void writeTo(RecordWriter out) {
        long durationNs = lastNs >= firstNs ? lastNs - Math.min(firstNs, 0) : 0;
        Map<String, Object> records = new LinkedHashMap<>();
        for (var kind : List.of("SYSCALL", "TASK_START", "TASK_NAME", "EXEC", "EXIT", "SIGNAL", "LOSS")) {
            records.put(kind.toLowerCase(Locale.ROOT), counts.getOrDefault(
                    io.jtrace.format.proto.Record.KindCase.valueOf(kind), 0L));
        }
        out.write(io.jtrace.analyzer.trace.Source.of(header, file).append("file", file.toString(),
                "format", header.getFormatMajor() + "." + header.getFormatMinor(),
                "codec", codec,
                "recorder", header.getRecorderVersion(),
                "host", header.getHost(),
                "kernel", header.getKernel(),
                "arch", header.getArch(),
                "command", String.join(" ", header.getCommandLineList()),
                "snaplen", header.getOptions().getSnaplen(),
                "trace_set", header.getOptions().getTraceSet().isEmpty() ? "default" : header.getOptions().getTraceSet(),
                "start", Instant.ofEpochSecond(0, header.getStartWallNs()).toString(),
                "duration_s", round(durationNs / 1e9),
                "file_index", header.getFileIndex(),
                "processes", processes(),
                "thread_names", threadNames(),
                "records", records,
                "unfinished_syscalls", unfinished,
                "captured_bytes", capturedBytes,
                "lost_records", lostRecords,
                "lost_bytes", lostBytes,
                "file_bytes", fileBytes,
                "compression_ratio", fileBytes == 0 ? null : round((double) rawBytes / fileBytes),
                "clean_end", trailer != null,
                "stop_reason", trailer == null ? null : trailer.getStopReason()));
    }

    private List<Object> processes() {
        List<Object> list = new ArrayList<>();
        for (ProcessInfo p : header.getProcessesList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", p.getPid());
            m.put("comm", p.getComm());
            m.put("exe", p.getExe());
            m.put("uid", p.getUid());
            m.put("threads", p.getThreadsCount());
            m.put("fds", p.getFdsCount());
            m.put("sockets", p.getFdsList().stream().filter(f -> f.hasSocket()).count());
            list.add(m);
        }
        return list;
    }

    /** What --comm can select: each name with the number of threads named so (a rename counts again). */
    private Map<String, Long> threadNames() {
        Map<String, Long> names = new LinkedHashMap<>(threadNames);
        if (otherNames > 0) {
            names.put("(other names)", otherNames);
        }
        return names;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
