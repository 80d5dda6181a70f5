package io.jtrace.format.bench;

import com.google.protobuf.CodedOutputStream;
import io.jtrace.format.Codec;
import io.jtrace.format.RandomRecords;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.Trailer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Write and read throughput of the trace format for each codec, on the mix a recorder of a JVM
 * HTTP service writes: 80% small syscalls, 20% carrying 500-2000 bytes of HTTP text, a few
 * microseconds apart. Also compares the reader with {@code zstd -dc} on the same file, and
 * measures what nanosecond rather than microsecond times cost in bytes.
 *
 * <p>A plain {@code main}, run by {@code scripts/bench-format}; not a test (Surefire skips it).
 * Figures are medians of the measured runs after warm-up; MB is 10^6 bytes; "raw" bytes are the
 * serialized records ({@code Record.getSerializedSize()}, length prefixes, header and trailer
 * excluded). The file is read right after it is written, so reads come from the page cache.
 */
public final class FormatBenchmark {
    private static final String ZSTD_CLI = "/usr/bin/zstd";
    private static final int PAYLOAD_PERCENT = 20;

    private static long sink;

    private FormatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-format: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "jtrace format benchmark: %,d records, %d warm-up + %d measured runs, seed %d%n",
                o.records, o.warmup, o.runs, o.seed);
        System.out.printf(Locale.ROOT, "JVM %s (%s), %d processors, max heap %d MiB%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        long t0 = System.nanoTime();
        Workload work = Workload.generate(o.records, o.seed);
        System.out.printf(Locale.ROOT, "generated in %.1f s: %,d small, %,d with payload%n%n",
                (System.nanoTime() - t0) / 1e9, work.size() - work.payloadCount(), work.payloadCount());

        // A directory of our own, even under --dir, so the clean-up below removes only our files.
        Path dir = o.dir != null ? Files.createTempDirectory(Files.createDirectories(o.dir), "jtrace-bench")
                : Files.createTempDirectory("jtrace-bench");
        try {
            List<Result> results = new ArrayList<>();
            Sizes sizes = null;
            for (Codec codec : o.codecs) {
                Path file = dir.resolve("bench-" + codec.displayName() + ".jtr");
                Result r = measure(file, codec, work, o);
                results.add(r);
                sizes = r.sizes;
                if (codec == Codec.ZSTD) {
                    compareWithZstdCli(file, r, o);
                }
                Files.deleteIfExists(file);
            }
            printCodecTable(results);
            printRecordSizes(sizes);
            if (o.codecs.contains(Codec.ZSTD)) {
                timeResolution(dir, work);
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        if (sink == 42) {
            System.out.println(); // keeps the read loops' results alive
        }
    }

    /** The compression level benchmarked per codec: the fastest, as the recorder uses. */
    static int level(Codec codec) {
        return switch (codec) {
            case ZSTD, GZIP -> 1;
            case NONE -> 0;
        };
    }

    private static Result measure(Path file, Codec codec, Workload work, Options o) throws IOException {
        Result result = new Result(codec, level(codec), work.size(), o.runs);
        for (int i = 0; i < o.warmup + o.runs; i++) {
            System.gc();
            long cpu = processCpuNs();
            long w = write(file, codec, work);
            long wCpu = processCpuNs() - cpu;
            if (result.sizes == null) {
                result.sizes = verify(file, work); // untimed: a full round-trip check, and the exact sizes
            }
            System.gc();
            cpu = processCpuNs();
            long r = read(file, work.size());
            long rCpu = processCpuNs() - cpu;
            if (i >= o.warmup) {
                int k = i - o.warmup;
                result.writeNs[k] = w;
                result.writeCpuNs[k] = wCpu;
                result.readNs[k] = r;
                result.readCpuNs[k] = rCpu;
            }
        }
        result.fileBytes = Files.size(file);
        System.out.printf(Locale.ROOT, "%-4s level %d: write ms %s (CPU ms %s), read ms %s (CPU ms %s)%n",
                codec.displayName(), level(codec), millis(result.writeNs), millis(result.writeCpuNs),
                millis(result.readNs), millis(result.readCpuNs));
        return result;
    }

    /** CPU time of the whole JVM (GC and JIT threads included), which other processes' load barely moves. */
    private static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Writes the workload, then a trailer, and returns the elapsed nanoseconds, close included. */
    private static long write(Path file, Codec codec, Workload work) throws IOException {
        long start = System.nanoTime();
        try (TraceWriter w = new TraceWriter(new BufferedOutputStream(new FileOutputStream(file.toFile()), 1 << 16),
                codec, level(codec), TraceWriter.DEFAULT_FRAME_BYTES, RandomRecords.header())) {
            long[] times = work.times;
            Syscall[] syscalls = work.syscalls;
            for (int i = 0; i < syscalls.length; i++) {
                w.write(times[i], syscalls[i]);
            }
            w.writeTrailer(times[times.length - 1], Trailer.newBuilder().setSyscalls(syscalls.length)
                    .setStopReason("count").build());
        }
        return System.nanoTime() - start;
    }

    /** Reads every record back and returns the elapsed nanoseconds. */
    private static long read(Path file, int expected) throws IOException {
        long start = System.nanoTime();
        long count = 0;
        long timeSum = 0;
        try (TraceReader r = TraceReader.open(file)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                timeSum += e.timeNs();
                count++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (count != expected + 1L) {
            throw new IllegalStateException("read " + count + " records, expected " + (expected + 1L));
        }
        sink += timeSum;
        return elapsed;
    }

    /** Checks that every record reads back equal, with its time, and measures the serialized sizes. */
    private static Sizes verify(Path file, Workload work) throws IOException {
        Sizes s = new Sizes();
        try (TraceReader r = TraceReader.open(file)) {
            s.addStream(Record.newBuilder().setHeader(r.header()).build());
            for (int i = 0; i < work.size(); i++) {
                if (!r.hasNext()) {
                    throw new IllegalStateException("only " + i + " of " + work.size() + " records read back");
                }
                TraceEvent e = r.next();
                if (e.timeNs() != work.times[i] || !e.record().getSyscall().equals(work.syscalls[i])) {
                    throw new IllegalStateException("record " + i + " differs after the round trip: " + e);
                }
                s.add(e.record(), work.payload[i]);
            }
            Record trailer = r.hasNext() ? r.next().record() : null;
            if (trailer == null || !trailer.hasTrailer() || r.hasNext()) {
                throw new IllegalStateException("no trailer, or records after it");
            }
            s.addStream(trailer);
        }
        return s;
    }

    /**
     * Runs {@code zstd -dc FILE > /dev/null}: first checks that its output is exactly the stream of
     * length-delimited records (the skippable frames skipped), then times it against our reader.
     */
    private static void compareWithZstdCli(Path file, Result r, Options o) throws IOException, InterruptedException {
        Path err = Files.createTempFile(file.getParent(), "zstd", ".err");
        String check;
        try {
            check = checkZstdCli(file, r.sizes, err);
        } catch (IOException e) {
            check = "cannot run " + ZSTD_CLI + ": " + e.getMessage();
        }
        if (check != null) {
            r.zstdCli = "FAILED: " + check;
            System.out.println("zstd -dc: " + r.zstdCli);
            return;
        }
        // Reader and zstd -dc alternate, so a load change on the machine hits both sides of a ratio.
        long[] cliNs = new long[o.runs];
        long[] readNs = new long[o.runs];
        double[] ratios = new double[o.runs];
        for (int i = 0; i < o.warmup + o.runs; i++) {
            System.gc();
            long read = read(file, r.records);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(ZSTD_CLI, "-dc", file.toString())
                    .redirectOutput(Redirect.DISCARD).redirectError(err.toFile()).start();
            int status = p.waitFor();
            long cli = System.nanoTime() - start;
            if (status != 0) {
                r.zstdCli = "FAILED: exit status " + status + ": " + Files.readString(err).strip();
                System.out.println("zstd -dc: " + r.zstdCli);
                return;
            }
            if (i >= o.warmup) {
                cliNs[i - o.warmup] = cli;
                readNs[i - o.warmup] = read;
                ratios[i - o.warmup] = (double) read / cli;
            }
        }
        Files.deleteIfExists(err);
        Arrays.sort(ratios);
        double ratio = ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
        r.zstdCli = String.format(Locale.ROOT, "output verified (%,d records, %,d bytes); zstd -dc %.0f ms, "
                + "TraceReader %.0f ms (medians of alternating runs): reader/zstd-cli time ratio %.2f "
                + "(median of per-pair ratios, range %.2f-%.2f)", r.records + 2, r.sizes.streamBytes,
                median(cliNs) / 1e6, median(readNs) / 1e6, ratio, ratios[0],
                ratios[ratios.length - 1]);
        System.out.printf(Locale.ROOT, "zstd -dc: runs ms %s, reader ms %s; %s%n", millis(cliNs), millis(readNs),
                r.zstdCli);
    }

    /** Returns null when {@code zstd -dc} prints exactly the records we wrote, else what went wrong. */
    private static String checkZstdCli(Path file, Sizes sizes, Path err) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ZSTD_CLI, "-dc", file.toString()).redirectError(err.toFile()).start();
        long records = 0;
        long bytes = 0;
        String problem = null;
        try (InputStream in = new BufferedInputStream(p.getInputStream(), 1 << 16)) {
            Record first = null;
            Record rec;
            while ((rec = Record.parseDelimitedFrom(in)) != null) {
                first = first == null ? rec : first;
                records++;
                bytes += CodedOutputStream.computeUInt32SizeNoTag(rec.getSerializedSize()) + rec.getSerializedSize();
            }
            if (first == null || !first.hasHeader()) {
                problem = "output does not start with the header record";
            }
        } catch (IOException e) {
            problem = "output is not a stream of records after " + records + " records: " + e.getMessage();
            p.destroy();
        }
        int status = p.waitFor();
        if (status != 0) {
            return "exit status " + status + ": " + Files.readString(err).strip();
        }
        if (problem == null && (records != sizes.streamRecords || bytes != sizes.streamBytes)) {
            problem = "output holds " + records + " records in " + bytes + " bytes, expected "
                    + sizes.streamRecords + " records in " + sizes.streamBytes + " bytes";
        }
        return problem;
    }

    /**
     * The same records with times and durations in microseconds instead of nanoseconds: raw and
     * zstd bytes per record, for the mix and for the small records alone.
     */
    private static void timeResolution(Path dir, Workload ns) throws IOException {
        Workload us = ns.inMicros();
        Workload[][] pairs = {{ns, us}, {ns.smallOnly(), us.smallOnly()}};
        String[] names = {"mix (80% small, 20% payload)", "small records only"};
        System.out.println();
        System.out.println("### Time resolution: nanoseconds vs microseconds (zstd level 1)");
        System.out.println();
        System.out.println("| records | resolution | raw B/record | zstd file B/record | zstd file MB |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        for (int i = 0; i < pairs.length; i++) {
            for (int j = 0; j < 2; j++) {
                Workload w = pairs[i][j];
                Path file = dir.resolve("resolution.jtr");
                write(file, Codec.ZSTD, w);
                Sizes s = verify(file, w);
                long fileBytes = Files.size(file);
                Files.delete(file);
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", names[i], j == 0 ? "ns" : "µs",
                        (double) s.rawBytes / s.records, (double) fileBytes / s.records, fileBytes / 1e6);
            }
        }
    }

    private static void printCodecTable(List<Result> results) {
        System.out.println();
        System.out.println("### Throughput per codec (median of measured runs; MB = 10^6 bytes of raw records)");
        System.out.println();
        System.out.println("| codec level | write records/s | write MB/s | write CPU s | read records/s | read MB/s "
                + "| read CPU s | file MB | ratio | raw B/record | file B/record |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Result r : results) {
            double w = median(r.writeNs) / 1e9;
            double rd = median(r.readNs) / 1e9;
            System.out.printf(Locale.ROOT, "| %s %d | %,.0f | %.0f | %.2f | %,.0f | %.0f | %.2f | %.1f | %.2f "
                    + "| %.1f | %.1f |%n",
                    r.codec.displayName(), r.level, r.records / w, r.sizes.rawBytes / w / 1e6,
                    median(r.writeCpuNs) / 1e9, r.records / rd, r.sizes.rawBytes / rd / 1e6,
                    median(r.readCpuNs) / 1e9, r.fileBytes / 1e6, (double) r.sizes.rawBytes / r.fileBytes,
                    (double) r.sizes.rawBytes / r.records, (double) r.fileBytes / r.records);
        }
        for (Result r : results) {
            if (r.zstdCli != null) {
                System.out.println();
                System.out.println("zstd -dc " + r.codec.displayName() + " file: " + r.zstdCli);
            }
        }
    }

    private static void printRecordSizes(Sizes s) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Raw bytes per record: %.1f overall, %.1f per small syscall (%,d), "
                + "%.1f per syscall with payload (%,d; payload %.1f of them)%n",
                (double) s.rawBytes / s.records, (double) s.smallBytes / s.smallRecords, s.smallRecords,
                (double) s.payloadBytes / s.payloadRecords, s.payloadRecords,
                (double) s.payloadData / s.payloadRecords);
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String millis(long[] ns) {
        StringBuilder s = new StringBuilder("[");
        for (long n : ns) {
            s.append(s.length() > 1 ? " " : "").append(Math.round(n / 1e6));
        }
        return s.append(']').toString();
    }

    /** The records to write: entry times in ns and the syscalls, generated up front. */
    record Workload(long[] times, Syscall[] syscalls, boolean[] payload) {
        static Workload generate(int n, long seed) {
            RandomRecords records = new RandomRecords(seed);
            SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
            long[] times = new long[n];
            Syscall[] syscalls = new Syscall[n];
            boolean[] payload = new boolean[n];
            long time = 1_000_000;
            for (int i = 0; i < n; i++) {
                time += random.nextLong(1_000, 10_000); // a busy service: a syscall every few µs
                times[i] = time;
                payload[i] = random.nextInt(100) < PAYLOAD_PERCENT;
                syscalls[i] = records.syscall(payload[i]);
            }
            return new Workload(times, syscalls, payload);
        }

        int size() {
            return syscalls.length;
        }

        int payloadCount() {
            int c = 0;
            for (boolean p : payload) {
                c += p ? 1 : 0;
            }
            return c;
        }

        /** The same records with entry times and durations divided by 1000. */
        Workload inMicros() {
            long[] t = new long[size()];
            Syscall[] s = new Syscall[size()];
            for (int i = 0; i < size(); i++) {
                t[i] = times[i] / 1000;
                s[i] = syscalls[i].toBuilder().setDurationNs(syscalls[i].getDurationNs() / 1000).build();
            }
            return new Workload(t, s, payload);
        }

        /** Only the records without payload, with their original times. */
        Workload smallOnly() {
            int n = size() - payloadCount();
            long[] t = new long[n];
            Syscall[] s = new Syscall[n];
            int k = 0;
            for (int i = 0; i < size(); i++) {
                if (!payload[i]) {
                    t[k] = times[i];
                    s[k++] = syscalls[i];
                }
            }
            return new Workload(t, s, new boolean[n]);
        }
    }

    /** Serialized sizes of the records as read back from a file. */
    static final class Sizes {
        long records;
        long rawBytes;
        long smallRecords;
        long smallBytes;
        long payloadRecords;
        long payloadBytes;
        long payloadData;
        long streamRecords; // header, records and trailer, as zstd -dc prints them
        long streamBytes;   // the same with their length prefixes

        void add(Record r, boolean payload) {
            int size = r.getSerializedSize();
            records++;
            rawBytes += size;
            if (payload) {
                payloadRecords++;
                payloadBytes += size;
                r.getSyscall().getBuffersList().forEach(b -> payloadData += b.getData().size());
            } else {
                smallRecords++;
                smallBytes += size;
            }
            addStream(r);
        }

        void addStream(Record r) {
            streamRecords++;
            streamBytes += CodedOutputStream.computeUInt32SizeNoTag(r.getSerializedSize()) + r.getSerializedSize();
        }
    }

    /** One codec's measurements: wall-clock and process CPU nanoseconds of each measured run. */
    static final class Result {
        final Codec codec;
        final int level;
        final int records;
        final long[] writeNs;
        final long[] writeCpuNs;
        final long[] readNs;
        final long[] readCpuNs;
        Sizes sizes;
        long fileBytes;
        String zstdCli;

        Result(Codec codec, int level, int records, int runs) {
            this.codec = codec;
            this.level = level;
            this.records = records;
            this.writeNs = new long[runs];
            this.writeCpuNs = new long[runs];
            this.readNs = new long[runs];
            this.readCpuNs = new long[runs];
        }
    }

    /** Command-line arguments: {@code [RECORDS] [--warmup N] [--runs N] [--seed N] [--codecs LIST] [--dir DIR]}. */
    static final class Options {
        static final String USAGE = "usage: bench-format [RECORDS] [--warmup N] [--runs N] [--seed N] "
                + "[--codecs zstd,gzip,none] [--dir DIR]   (defaults: 1000000 records, 1 warm-up, 5 runs, "
                + "files in a new directory under DIR or the system temp directory)";
        int records = 1_000_000;
        int warmup = 1;
        int runs = 5;
        long seed = 2;
        List<Codec> codecs = List.of(Codec.ZSTD, Codec.GZIP, Codec.NONE);
        Path dir;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                if (!a.startsWith("-")) {
                    o.records = number(a, "record count", 1);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--warmup" -> o.warmup = number(v, a, 0);
                    case "--runs" -> o.runs = number(v, a, 1);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--dir" -> o.dir = Path.of(v);
                    case "--codecs" -> o.codecs = Arrays.stream(v.split(",")).map(Codec::parse).toList();
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return o;
        }

        private static int number(String v, String what, int min) {
            try {
                int n = Integer.parseInt(v.replace("_", "").replace(",", ""));
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("bad " + what + ": " + v);
        }
    }
}
