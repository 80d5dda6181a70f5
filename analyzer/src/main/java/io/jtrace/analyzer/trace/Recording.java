package io.jtrace.analyzer.trace;

import io.jtrace.format.TraceReader;
import io.jtrace.format.proto.Header;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one recorder run, in {@code file_index} order, as given (some may be missing). Files tell their
 * run by {@code Header.run_id} (format 1.6); older files, which have none, are one run only when that is safe
 * to tell (see {@link #group}).
 */
public final class Recording {
    /** One file of the recording and its header. */
    public record Part(Path file, Header header) {
        public int index() {
            return header.getFileIndex();
        }
    }

    private final List<Part> parts;

    private Recording(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The files, ordered by {@code file_index}. */
    public List<Part> parts() {
        return parts;
    }

    public Header first() {
        return parts.get(0).header();
    }

    /** The files of this recording missing between {@code parts().get(i - 1)} and {@code parts().get(i)}. */
    public int missingBefore(int i) {
        return i == 0 ? 0 : parts.get(i).index() - parts.get(i - 1).index() - 1;
    }

    /** "host web-1, run 3f2a9c01" (the run id's first bytes), or the first file's name for a file without one. */
    public String describe() {
        String run = first().getRunId().isEmpty() ? parts.get(0).file().toString()
                : "run " + HexFormat.of().formatHex(first().getRunId().substring(0, 4).toByteArray());
        return "host " + first().getHost() + ", " + run;
    }

    /** Reads the header of each file. */
    public static List<Part> headers(List<Path> files) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (Path f : files) {
            try (TraceReader r = TraceStream.reader(f)) {
                parts.add(new Part(f, r.header()));
            } catch (io.jtrace.format.TraceException e) {
                throw named(f, e);
            }
        }
        return parts;
    }

    /** A damaged file of a set, named: the reader's message names frame and offset, not the file. */
    static IOException named(Path file, io.jtrace.format.TraceException e) {
        return new io.jtrace.format.CorruptTraceException(file + ": " + e.getMessage(), e.frame(), e.offset(), e);
    }

    /**
     * The recordings {@code parts} belong to, oldest first. Files of one run id are one recording. Files without a
     * run id (format before 1.6) are one recording when they agree on host, command line and boot time (start wall
     * minus start monotonic, within a second), no two have the same {@code file_index}, and their start times grow
     * with it; otherwise each is a recording of its own. Two files of one run with the same index (the same file
     * named twice under two names, or a copy) are refused.
     */
    public static List<Recording> group(List<Part> parts) {
        Map<Object, List<Part>> byRun = new LinkedHashMap<>();
        for (Part p : parts) {
            Header h = p.header();
            Object key = !h.getRunId().isEmpty() ? h.getRunId()
                    : List.of(h.getHost(), h.getCommandLineList(), h.getArch());
            byRun.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<Recording> recordings = new ArrayList<>();
        byRun.forEach((key, list) -> {
            list.sort(Comparator.comparingInt(Part::index));
            if (key instanceof com.google.protobuf.ByteString) {
                Map<Integer, Path> seen = new HashMap<>();
                for (Part p : list) {
                    Path before = seen.putIfAbsent(p.index(), p.file());
                    if (before != null) {
                        throw new io.jtrace.analyzer.error.UsageException(before + " and " + p.file() + " both hold"
                                + " file " + p.index() + " of one recording (a copy?): name the files to read");
                    }
                }
                recordings.add(new Recording(list));
            } else if (safelyOneRun(list)) {
                recordings.add(new Recording(list));
            } else {
                list.forEach(p -> recordings.add(new Recording(List.of(p))));
            }
        });
        recordings.sort(Comparator.comparingLong(r -> r.first().getStartWallNs()));
        return recordings;
    }

    private static boolean safelyOneRun(List<Part> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            Header a = sorted.get(i - 1).header();
            Header b = sorted.get(i).header();
            long bootA = a.getStartWallNs() - a.getStartMonotonicNs();
            long bootB = b.getStartWallNs() - b.getStartMonotonicNs();
            if (a.getFileIndex() == b.getFileIndex() || Math.abs(bootA - bootB) > 1_000_000_000L
                    || b.getStartMonotonicNs() <= a.getStartMonotonicNs()) {
                return false;
            }
        }
        return true;
    }
}
