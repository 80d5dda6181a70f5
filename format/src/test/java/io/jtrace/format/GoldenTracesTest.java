package io.jtrace.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.proto.Trailer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every trace ever checked into testdata/golden must stay readable by the current reader. */
class GoldenTracesTest {
    static Path goldenDir() {
        return Path.of(System.getProperty("jtrace.testdata", "../testdata")).resolve("golden");
    }

    static Stream<Path> goldenTraces() throws IOException {
        try (Stream<Path> files = Files.list(goldenDir())) {
            return files.filter(p -> p.toString().endsWith(".jtr")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreGoldenTracesOfTheCurrentVersion() throws IOException {
        String current = "format-" + FormatVersion.MAJOR + "." + FormatVersion.MINOR + "-";
        assertTrue(goldenTraces().anyMatch(p -> p.getFileName().toString().startsWith(current)),
                "run scripts/make-golden-traces after changing the format version");
    }

    @ParameterizedTest
    @MethodSource("goldenTraces")
    void goldenTraceReads(Path path) throws IOException {
        TraceFiles.Result result = TraceFiles.read(Files.readAllBytes(path));
        List<TraceEvent> events = result.events();
        boolean killed = path.getFileName().toString().contains("killed");
        if (killed) {
            assertInstanceOf(TruncatedTraceException.class, result.error());
            assertTrue(((TruncatedTraceException) result.error()).midFrame());
            assertEquals(GoldenTraces.EVENTS, events.size());
        } else {
            assertNull(result.error());
            assertEquals(GoldenTraces.EVENTS + 1, events.size());
            Trailer t = events.get(events.size() - 1).record().getTrailer();
            assertEquals(t.getSyscalls(), count(events, "SYSCALL"));
            assertEquals(t.getTaskStarts(), count(events, "TASK_START"));
            assertEquals(t.getTaskNames(), count(events, "TASK_NAME"));
            assertEquals(t.getTaskPids(), count(events, "TASK_PIDS"));
            assertEquals(t.getExits(), count(events, "EXIT"));
            assertEquals(t.getLosses(), count(events, "LOSS"));
            assertEquals(t.getCapturedBytes(), events.stream().filter(e -> e.record().hasSyscall())
                    .flatMap(e -> e.record().getSyscall().getBuffersList().stream())
                    .mapToLong(b -> b.getData().size()).sum());
        }
        try (TraceReader r = TraceReader.open(path)) {
            assertEquals("testhost", r.header().getHost());
            assertEquals(3314, r.header().getProcesses(0).getPid());
            assertFalse(r.header().getProcesses(0).getFdsList().isEmpty());
            if (r.header().getFormatMajor() > 1 || r.header().getFormatMinor() >= 2) {
                assertEquals("lo", r.header().getInterfaces(0).getName());
            }
            if (r.header().getFormatMajor() > 1 || r.header().getFormatMinor() >= 3) {
                assertEquals(98801, r.header().getProcesses(0).getFds(2).getSocket().getPeerInode());
            }
            boolean runId = r.header().getFormatMajor() > 1 || r.header().getFormatMinor() >= 6;
            assertEquals(runId ? 16 : 0, r.header().getRunId().size(), "run id (1.6)");
        }
        // Times come back as written: the generator's clock only moves forward.
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).timeNs() > events.get(i - 1).timeNs(), path + " record " + i);
        }
    }

    private static long count(List<TraceEvent> events, String kind) {
        return events.stream().filter(e -> e.kind().name().equals(kind)).count();
    }
}
