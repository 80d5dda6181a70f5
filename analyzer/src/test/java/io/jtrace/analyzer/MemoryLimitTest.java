package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.jtrace.format.Codec;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.Trailer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtrace-analyze in a 64 MiB heap (-Xmx64m, as a subprocess): a real recording with -s 0 of 100 MB writes, the
 * largest records and frames a writer may write, a recording by the recorder before the record limit was lowered,
 * and hostile files; views succeed, or fail with one line and exit 1, never a stack trace.
 */
class MemoryLimitTest {
    private static final int MB = 1_000_000;

    @TempDir
    static Path tmp;

    record Result(int status, String out, String err) {
        String show() {
            return "status " + status + "\n--- stderr\n" + err + "--- stdout\n" + out.substring(0, Math.min(2000, out.length()));
        }
    }

    /** jtrace-analyze ARGS in a JVM of 64 MiB heap, with the launcher's collector; stdout counted, not kept. */
    static Result analyze(String... args) throws Exception {
        return analyze(true, args);
    }

    static Result analyze(boolean keepOut, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AnalyzeCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(keepOut ? ProcessBuilder.Redirect.to(out.toFile()) : ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        long size = Files.size(out);
        String text = size > 100_000 ? "(" + size + " bytes)" : Files.readString(out);
        return new Result(p.exitValue(), text, Files.readString(err));
    }

    static void assertNoStackTrace(Result r) {
        assertFalse(r.err.contains("\tat ") || r.err.contains("Exception") || r.err.contains("Error:"), r.show());
    }

    static void assertViewsSucceed(Path trace, String... extraViews) throws Exception {
        List<List<String>> views = new ArrayList<>(List.of(List.of("-r", trace.toString()), List.of("summary", "-r", trace.toString()),
                List.of("fds", "-r", trace.toString()), List.of("http", "-r", trace.toString()),
                List.of("info", "-r", trace.toString())));
        for (String v : extraViews) {
            views.add(List.of("-r", trace.toString(), v));
        }
        for (List<String> view : views) {
            Result r = analyze(false, view.toArray(String[]::new));
            assertEquals(0, r.status, view + ": " + r.show());
            assertNoStackTrace(r);
        }
    }

    /** testdata/workload/BigWrites.java recorded with -s 0: three write(2)s of 100 MB. */
    @Test
    void aRecordingOfHundredMegabyteWritesWithUnlimitedSnapLength() throws Exception {
        LiveRecording.requireRecorder();
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path log = tmp.resolve("record.log");
        LiveRecording.compile("BigWrites.java", classes, log);
        Path trace = tmp.resolve("big-writes.jtr");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-s", "0",
                "-w", trace.toString(), "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classes.toString(), "BigWrites"), 120, log);
        Result fds = analyze("fds", "-r", trace.toString());
        assertTrue(fds.out.contains("/dev/null"), fds.show());
        assertTrue(fds.out.lines().anyMatch(l -> l.contains("/dev/null") && l.contains("300000000")), fds.show());
        assertViewsSucceed(trace, "-X", "--json");
    }

    /** The largest a current writer writes: frames of the largest size, each record at the record limit. */
    @Test
    void theLargestFramesAndRecordsAWriterWrites() throws Exception {
        Path trace = tmp.resolve("largest.jtr");
        SplittableRandom random = new SplittableRandom(7);
        int data = TraceWriter.MAX_RECORD_BYTES - 200;
        try (OutputStream file = Files.newOutputStream(trace);
             TraceWriter w = new TraceWriter(file, Codec.ZSTD, 1, TraceWriter.MAX_FRAME_BYTES, LiveHeader.header())) {
            long t = 0;
            for (int i = 0; i < 8; i++) {
                byte[] bytes = new byte[data];
                random.nextBytes(bytes);   // incompressible: stored as large as raw
                System.arraycopy("POST /upload HTTP/1.1\r\n".getBytes(), 0, bytes, 0, 23);
                w.write(t += 1000, Syscall.newBuilder().setTid(10).setPid(10).setNr(1).addArgs(5).addArgs(0x1000)
                        .addArgs(data).setRet(data).addBuffers(Buffer.newBuilder().setArg(1).setAddress(0x1000)
                                .setLength(data).setData(ByteString.copyFrom(bytes))).build());
            }
            w.writeTrailer(t + 1, Trailer.newBuilder().setSyscalls(8).build());
        }
        assertViewsSucceed(trace, "-X", "--json");
    }

    /** Written by the recorder before the limit was lowered: records of 31 MiB, read cut, with a warning. */
    @Test
    void aRecordingWithThirtyOneMebibyteRecords() throws Exception {
        Path old = Run.trace("s0-100mb-writes-1.1.jtr");
        assertViewsSucceed(old, "-X", "--json");
        Result r = analyze("-r", old.toString());
        assertTrue(r.err.contains("jtrace-analyze: warning: 6 records were over the 4 MiB record limit (written by an"
                + " older recorder with -s 0): read with their captured buffers cut to fit"), r.show());
        assertEquals(1, r.err.lines().count(), r.show());
    }

    @Test
    void hostileFramesGiveOneLineAndNoStackTrace() throws Exception {
        byte[] header = headerFrame();
        // a frame claiming 60 MB, cut short: a truncated file, whose records are shown with a warning
        Path cut = write("cut.jtr", concat(header, java.util.Arrays.copyOf(zstdPrefixed(new byte[1000], 60 * MB, 60 * MB), 1024)));
        Result truncated = analyze("-r", cut.toString());
        assertEquals(0, truncated.status, truncated.show());
        assertEquals("jtrace-analyze: warning: truncated in frame 1 at byte " + header.length + " (file ends at byte "
                + (header.length + 1024) + ") (the recorder did not stop cleanly); showing the records before it\n",
                truncated.err);
        // the same as the first frame: nothing to show, exit 1
        Path cutFirst = write("cut-first.jtr", java.util.Arrays.copyOf(zstdPrefixed(new byte[1000], 60 * MB, 60 * MB), 1024));
        expectError(cutFirst, "truncated in frame 0 at byte 0 (file ends at byte 1024)");
        // 2 KB that decompress to 60 MB, claiming 2 KB
        Path bomb = write("bomb.jtr", concat(header, zstdZeros(60 * MB, 2048)));
        expectError(bomb, "frame 1 at byte " + header.length + " decompresses to more than its 2048 bytes");
        // ... claiming 60 MB
        Path zeros = write("zeros.jtr", concat(header, zstdZeros(60 * MB, 60 * MB)));
        expectError(zeros, "empty record in frame 1 at byte " + header.length);
        // over the frame limit
        Path over = write("over.jtr", concat(header, zstdPrefixed(new byte[16], 16, 100 * MB)));
        expectError(over, "frame 1 at byte " + header.length + " claims 100000000 bytes, over the 64 MiB frame limit");
    }

    private static void expectError(Path file, String message) throws Exception {
        for (String view : List.of("", "info")) {   // the views share the reader; info reads on its own
            Result r = view.isEmpty() ? analyze("-r", file.toString()) : analyze(view, "-r", file.toString());
            assertEquals(1, r.status, view + ": " + r.show());
            assertEquals(1, r.err.lines().count(), view + ": " + r.show());
            assertTrue(r.err.startsWith("jtrace-analyze: ") && r.err.trim().endsWith(message), view + ": " + r.show());
            assertNoStackTrace(r);
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static byte[] headerFrame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TraceWriter(out, Codec.ZSTD, LiveHeader.header()).flush();
        return out.toByteArray();
    }

    private static byte[] zstdZeros(int rawLength, int claimedRaw) throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (OutputStream c = new ZstdCompressorOutputStream(z, 1, false, true)) {
            for (int left = rawLength; left > 0; left -= zeros.length) {
                c.write(zeros, 0, Math.min(left, zeros.length));
            }
        }
        return zstdPrefixed(z.toByteArray(), z.size(), claimedRaw);
    }

    /** The zstd codec's frame prefix (FORMAT.md) claiming the given lengths, then the stored bytes, checksum right. */
    private static byte[] zstdPrefixed(byte[] stored, int claimedStored, int claimedRaw) {
        CRC32C crc = new CRC32C();
        crc.update(stored);
        ByteBuffer b = ByteBuffer.allocate(24 + stored.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x184D2A5A).putInt(16).putInt(0x4652544a).putInt(claimedStored).putInt(claimedRaw)
                .putInt((int) crc.getValue()).put(stored);
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A header like a recorder's, for files built here. */
    static final class LiveHeader {
        static Header header() {
            return Header.newBuilder().setRecorderVersion("test").setHost("testhost").setKernel("6.1.0").setArch("x86_64")
                    .setPageSize(4096).setStartWallNs(1_795_000_000_000_000_000L).setStartMonotonicNs(1000).build();
        }
    }
}
