package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.Codec;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.Trailer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the recorder lost (loss records, buffers it could not read) are reported by every view that counts or
 * reconstructs: one warning on stderr, and a last JSON object of type "losses". Checked on a copy of a real recording
 * with loss records added, and on a real --drop recording.
 */
class LossesTest {
    static final Path REAL = Run.trace("http-default.jtr");
    static final String WARNING = "jtrace-analyze: warning: 31 records (12345 bytes) lost by the recorder (queue full: 30,"
            + " capture failed: 1); 1 buffer (%d bytes) unreadable in the tracee's memory: the output lacks what they held\n";

    @TempDir
    static Path dir;

    static Path lossy;
    /** The read whose buffer the copy marks unreadable: its pid and length. */
    static int unreadablePid;
    static long unreadableBytes;

    /**
     * http-default.jtr with a queue-full loss of 30 records (no thread) and a failed capture of one call (a thread of
     * the workload) half-way, and the buffer of the first successful read marked unreadable (EFAULT); the trailer's
     * totals say so, as the recorder's would.
     */
    @BeforeAll
    static void lossyCopy() throws Exception {
        Records real = Records.read(REAL);
        lossy = dir.resolve("lossy.jtr");
        List<TraceEvent> events = real.events();
        int middle = events.size() / 2;
        boolean marked = false;
        try (TraceWriter w = TraceWriter.create(lossy, Codec.ZSTD, real.header())) {
            for (int i = 0; i < events.size(); i++) {
                TraceEvent e = events.get(i);
                Record r = e.record();
                if (i == middle) {
                    int tid = r.hasSyscall() ? r.getSyscall().getTid() : real.header().getProcesses(0).getPid();
                    w.write(e.timeNs(), Loss.newBuilder().setReason(Loss.Reason.QUEUE_FULL).setRecords(30)
                            .setBytes(12345).build());
                    w.write(e.timeNs(), Loss.newBuilder().setReason(Loss.Reason.CAPTURE_FAILED).setTid(tid)
                            .setRecords(1).build());
                }
                switch (r.getKindCase()) {
                    case SYSCALL -> {
                        Syscall s = r.getSyscall();
                        if (!marked && "read".equals(real.name(e)) && s.getRet() > 0 && s.getBuffersCount() == 1) {
                            marked = true;
                            unreadablePid = s.getPid();
                            unreadableBytes = s.getBuffers(0).getLength();
                            s = s.toBuilder().setBuffers(0, s.getBuffers(0).toBuilder().clearData().setError(14)).build();
                        }
                        w.write(e.timeNs(), s);
                    }
                    case TASK_START -> w.write(e.timeNs(), r.getTaskStart());
                    case TASK_NAME -> w.write(e.timeNs(), r.getTaskName());
                    case EXEC -> w.write(e.timeNs(), r.getExec());
                    case EXIT -> w.write(e.timeNs(), r.getExit());
                    case SIGNAL -> w.write(e.timeNs(), r.getSignal());
                    case TRAILER -> w.writeTrailer(e.timeNs(), r.getTrailer().toBuilder().setLosses(2)
                            .setLostRecords(31).setLostBytes(12345).build());
                    default -> throw new AssertionError("unexpected record in " + REAL + ": " + r.getKindCase());
                }
            }
        }
        assertTrue(marked, "a successful read with a buffer in " + REAL);
    }

    static String warning() {
        return String.format(WARNING, unreadableBytes);
    }

    static Run run(String... args) {
        Run r = Run.of(args);
        assertEquals(0, r.status(), r.show());
        return r;
    }

    /** The last object, and that it is the only one of type "losses". */
    static Map<String, Object> lossesObject(Run r) {
        List<Map<String, Object>> objects = r.lines().stream().map(Json::object).toList();
        assertEquals(1, objects.stream().filter(o -> "losses".equals(o.get("type"))).count(), r.show());
        return objects.get(objects.size() - 1);
    }

    static void assertLossesObject(Map<String, Object> o) {
        assertEquals(List.of("type", "lost_records", "lost_bytes", "reasons", "unreadable_buffers", "unreadable_bytes",
                "trace_host", "trace_file"), List.copyOf(o.keySet()), o.toString());
        assertEquals("losses", o.get("type"));
        assertEquals(31L, o.get("lost_records"));
        assertEquals(12345L, o.get("lost_bytes"));
        assertEquals(Map.of("queue_full", Map.of("records", 30L, "bytes", 12345L),
                "capture_failed", Map.of("records", 1L, "bytes", 0L)), o.get("reasons"));
        assertEquals(1L, o.get("unreadable_buffers"));
        assertEquals(unreadableBytes, o.get("unreadable_bytes"));
    }

    @Test
    void summarySaysOnceWhatWasLost() {
        Run text = run("summary", "-r", lossy.toString());
        assertEquals(warning(), text.err());
        // the counts are those of the records the file holds
        assertEquals(SummaryCommandTest.counted(Records.read(REAL)), SummaryCommandTest.table(text.out()));

        Run json = run("summary", "-r", lossy.toString(), "--json");
        assertEquals(warning(), json.err());
        assertLossesObject(lossesObject(json));
        List<String> lines = json.lines();
        lines.subList(0, lines.size() - 1).forEach(l -> assertTrue(Json.object(l).containsKey("syscall"), l));
    }

    @Test
    void fdsSaysOnceWhatWasLost() {
        Run text = run("fds", "-r", lossy.toString());
        assertEquals(warning(), text.err());
        assertEquals(run("fds", "-r", REAL.toString()).out(), text.out());

        Run json = run("fds", "-r", lossy.toString(), "--json", "--top", "3");
        assertEquals(warning(), json.err());
        assertEquals(4, json.lines().size(), json.show());
        assertLossesObject(lossesObject(json));
    }

    @Test
    void httpSaysOnceWhatWasLost() {
        Run text = run("http", "-r", lossy.toString());
        assertEquals(warning(), text.err());
        assertFalse(text.out().isEmpty());

        for (List<String> more : List.of(List.<String>of(), List.of("--full"))) {
            List<String> args = new ArrayList<>(List.of("http", "-r", lossy.toString(), "--json"));
            args.addAll(more);
            Run json = run(args.toArray(String[]::new));
            assertEquals(warning(), json.err());
            assertLossesObject(lossesObject(json));
            List<String> lines = json.lines();
            assertTrue(lines.size() > 1, json.show());
            lines.subList(0, lines.size() - 1).forEach(l -> assertTrue(Json.object(l).containsKey("method"), l));
        }
    }

    @Test
    void pcapAndDiffSayItToo() {
        Run pcap = run("pcap", "-r", lossy.toString(), "-w", dir.resolve("lossy.pcapng").toString());
        assertEquals(1, pcap.err().lines().filter(l -> l.contains("lost by the recorder")).count(), pcap.show());
        assertTrue(pcap.err().contains(warning()), pcap.show());

        // diff names the trace that lost records
        Run diff = Run.of("diff", "--level", "fds", REAL.toString(), lossy.toString());
        assertTrue(diff.status() == 0 || diff.status() == 1, diff.show());
        assertEquals(warning().replace(": the output", " in " + lossy + ": the output"), diff.err());
    }

    @Test
    void theDefaultViewShowsLossRecordsAndWarnsOnlyOfThoseItsFiltersHide() {
        Run all = run("-r", lossy.toString());
        assertEquals("", all.err());
        assertTrue(all.out().contains("--- jtrace lost 30 records, 12345 bytes: queue full ---\n"), all.show());
        assertTrue(all.out().contains("--- jtrace lost 1 records, 0 bytes: capture failed ---\n"), all.show());

        // loss records name no process: --pid leaves them out, and says so; the unreadable read is shown
        Run pid = run("-r", lossy.toString(), "--pid", Integer.toString(unreadablePid));
        assertFalse(pid.out().contains("--- jtrace lost"), pid.show());
        assertEquals("jtrace-analyze: warning: 31 records (12345 bytes) lost by the recorder (queue full: 30, capture"
                + " failed: 1): the output lacks what they held\n", pid.err());
    }

    @Test
    void infoCountsThemAndWarnsOfNothing() {
        Run info = run("info", "--json", "-r", lossy.toString());
        assertEquals("", info.err());
        Map<String, Object> o = Json.object(info.out().strip());
        assertEquals(31L, o.get("lost_records"));
        assertEquals(12345L, o.get("lost_bytes"));
    }

    @Test
    void aTraceWithoutLossesHasNoWarningAndNoLossesObject() {
        for (String view : List.of("summary", "fds", "http")) {
            Run r = run(view, "-r", REAL.toString(), "--json");
            assertEquals("", r.err(), view);
            assertTrue(r.lines().stream().noneMatch(l -> l.contains("\"losses\"")), view);
        }
    }

    /** The golden traces hold the recorder's queue-full losses: the warning sums their loss records. */
    @Test
    void goldenTracesLossRecordsSumUp() {
        Path golden = Run.golden("format-1.1-zstd.jtr");
        long records = 0;
        long bytes = 0;
        for (TraceEvent e : Records.read(golden).events()) {
            if (e.kind() == Record.KindCase.LOSS) {
                records += e.record().getLoss().getRecords();
                bytes += e.record().getLoss().getBytes();
            }
        }
        assertTrue(records > 0, "the golden trace has losses");
        Run r = run("summary", "-r", golden.toString());
        assertEquals("jtrace-analyze: warning: " + records + " records (" + bytes + " bytes) lost by the recorder (queue"
                + " full: " + records + "): the output lacks what they held\n", r.err());
    }

    /**
     * A real recording with --drop: reads of a 32 MiB file of random bytes, 4 MiB at a time, with -s 0, outrun the
     * writer (compressing random bytes is slow) and the queue's 64 MiB budget, so the recorder drops records. What
     * the views report is what the file's loss records say.
     */
    @Test
    void aRealDropRecordingReportsItsLosses() throws Exception {
        LiveRecording.requireRecorder();
        Path data = dir.resolve("random.bin");
        byte[] block = new byte[1 << 20];
        Random random = new Random(12);
        try (var out = Files.newOutputStream(data)) {
            for (int i = 0; i < 32; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Path trace = dir.resolve("drop.jtr");
        long[] lost = {0, 0};
        // dropping depends on timing: a few tries
        for (int attempt = 0; attempt < 3 && lost[0] == 0; attempt++) {
            LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f",
                    "--drop", "-s", "0", "-e", "trace=read", "-w", trace.toString(), "--", "sh", "-c",
                    "for i in 1 2 3 4; do dd if=" + data + " of=/dev/null bs=4M 2>/dev/null; done"), 120,
                    dir.resolve("record.log"));
            lost = lossTotals(trace);
        }
        if (lost[0] == 0) {
            org.junit.jupiter.api.Assumptions.abort("the recorder kept up with the reads three times: nothing dropped");
        }
        String expected = "jtrace-analyze: warning: " + lost[0] + (lost[0] == 1 ? " record (" : " records (") + lost[1]
                + " bytes) lost by the recorder"
                + " (queue full: " + lost[0] + "): the output lacks what they held\n";
        for (String view : List.of("summary", "fds", "http")) {
            Run r = run(view, "-r", trace.toString(), "--json");
            assertEquals(expected, r.err(), view);
            Map<String, Object> last = lossesObject(r);
            assertEquals(lost[0], last.get("lost_records"), view);
            assertEquals(lost[1], last.get("lost_bytes"), view);
        }
        Files.delete(trace);
    }

    /** {records, bytes} of the loss records, streamed (the file is large). */
    static long[] lossTotals(Path trace) throws Exception {
        long[] lost = {0, 0};
        List<Long> trailer = new ArrayList<>();
        try (TraceReader r = TraceReader.open(trace)) {
            while (r.hasNext()) {
                TraceEvent e = r.next();
                if (e.kind() == Record.KindCase.LOSS) {
                    lost[0] += e.record().getLoss().getRecords();
                    lost[1] += e.record().getLoss().getBytes();
                }
            }
            r.trailer().map(Trailer::getLostRecords).ifPresent(trailer::add);
        }
        assertEquals(List.of(lost[0]), trailer, "the trailer's total is the loss records' sum");
        return lost;
    }
}
