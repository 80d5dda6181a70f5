package io.jtrace.analyzer.info;

import io.jtrace.analyzer.output.RecordWriter;
import io.jtrace.analyzer.trace.Recording;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code info} of several files: each file's report, then one record per recording they hold (its files in order,
 * the files missing between them with the time they leave unrecorded, totals), as capinfos does for a file set.
 */
public final class SetInfo {
    private SetInfo() {
    }

    public static void report(List<Path> files, RecordWriter out, PrintStream err) throws IOException {
        Map<Path, TraceInfo> infos = new LinkedHashMap<>();
        try (out) {
            for (Path f : files) {
                TraceInfo info = TraceInfo.scan(f);
                infos.put(f, info);
                info.writeTo(out);
            }
            List<Recording> recordings = Recording.group(files.stream()
                    .map(f -> new Recording.Part(f, infos.get(f).header())).toList());
            for (Recording r : recordings) {
                write(r, infos, out);
            }
        }
        infos.values().forEach(i -> i.warn(err, true));
    }

    private static void write(Recording r, Map<Path, TraceInfo> infos, RecordWriter out) {
        List<Recording.Part> parts = r.parts();
        List<Object> gaps = new ArrayList<>();
        long syscalls = 0;
        long captured = 0;
        long lost = 0;
        long bytes = 0;
        for (int i = 0; i < parts.size(); i++) {
            TraceInfo info = infos.get(parts.get(i).file());
            syscalls += info.syscalls();
            captured += info.capturedBytes();
            lost += info.lostRecords();
            bytes += info.fileBytes();
            int missing = r.missingBefore(i);
            if (missing > 0) {
                long from = infos.get(parts.get(i - 1).file()).endWallNs();
                long to = info.header().getStartWallNs();
                Map<String, Object> gap = new LinkedHashMap<>();
                gap.put("missing_file_indexes", parts.get(i - 1).index() + 1 + (missing == 1 ? ""
                        : "-" + (parts.get(i).index() - 1)));
                gap.put("from", Instant.ofEpochSecond(0, from).toString());
                gap.put("to", Instant.ofEpochSecond(0, to).toString());
                gap.put("duration_s", Math.round((to - from) / 1e6) / 1000.0);
                gaps.add(gap);
            }
        }
        TraceInfo last = infos.get(parts.get(parts.size() - 1).file());
        long start = r.first().getStartWallNs();
        out.write("recording", r.describe(),
                "host", r.first().getHost(),
                "run_id", r.first().getRunId().isEmpty() ? null
                        : HexFormat.of().formatHex(r.first().getRunId().toByteArray()),
                "command", String.join(" ", r.first().getCommandLineList()),
                "files", parts.stream().map(p -> p.file().toString()).toList(),
                "file_indexes", parts.stream().map(Recording.Part::index).toList(),
                "gaps", gaps,
                "start", Instant.ofEpochSecond(0, start).toString(),
                "end", Instant.ofEpochSecond(0, last.endWallNs()).toString(),
                "duration_s", Math.round((last.endWallNs() - start) / 1e6) / 1000.0,
                "syscalls", syscalls,
                "captured_bytes", captured,
                "lost_records", lost,
                "file_bytes", bytes,
                "clean_end", last.trailer() != null);
    }
}
