package io.jtrace.recorder.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --seccomp-bpf at the tracer: unrecorded calls of a launched command cost no stop, recorded ones are seen alike. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(Ptraces.class)
class SeccompTracerTest {
    static final TraceOptions WRITES = new TraceOptions(true, SyscallFilter.of(TracerTest.WRITE));
    // 3000 stat calls (dash's test builtin), none recorded; then one recorded write.
    static final List<String> STATS = List.of("sh", "-c",
        "i=0; while [ $i -lt 3000 ]; do [ -e / ]; i=$((i+1)); done; echo done >/dev/null; exit 3");

    @TempDir
    Path dir;

    @Test
    void unrecordedCallsDoNotStopTheCommand() throws Exception {
        CollectingSink plain = new CollectingSink();
        Tracer without = Tracer.launch(WRITES, plain, STATS);
        TraceResult plainResult = without.await(Duration.ofSeconds(30)).orElseThrow();

        CollectingSink filtered = new CollectingSink();
        Tracer with = Tracer.launch(WRITES.withSeccompBpf(), filtered, STATS);
        TraceResult filteredResult = with.await(Duration.ofSeconds(30)).orElseThrow();

        assertEquals(3, plainResult.launchedExit().orElseThrow().code());
        assertEquals(3, filteredResult.launchedExit().orElseThrow().code());
        assertTrue(without.stops() > 6000, "two stops per stat without the filter: " + without.stops());
        assertTrue(with.stops() < 100, "the stats cost no stop under the filter: " + with.stops());
        assertEquals(List.of("done\n"), plain.calls.stream().map(CollectingSink.Call::data).toList());
        assertEquals(List.of("done\n"), filtered.calls.stream().map(CollectingSink.Call::data).toList());
        assertEquals(5, filtered.calls.get(0).ret());
        assertTrue(with.errors().isEmpty(), with.errors().toString());
    }

    @Test
    void stoppingKeepsServingTheCommandUntilItExits() throws Exception {
        Path out = dir.resolve("out");
        CollectingSink sink = new CollectingSink();
        // Its writes after the stop would fail with ENOSYS if the filtered command were simply detached.
        Tracer tracer = Tracer.launch(WRITES.withSeccompBpf(), sink, List.of("sh", "-c",
            "echo first >/dev/null; sleep 1; echo second > " + out + " && exit 4"));
        sink.firstCall.await();
        tracer.stop();
        TraceResult result = tracer.await(Duration.ofSeconds(10)).orElseThrow();
        assertEquals(TraceResult.Reason.STOPPED, result.reason());
        ExitStatus exit = tracer.waitForLaunched();
        assertEquals(4, exit.code(), "the command ran on, unharmed: " + exit);
        assertEquals("second\n", java.nio.file.Files.readString(out));
        assertEquals(List.of("first\n"), sink.calls.stream().map(CollectingSink.Call::data).toList());
        assertTrue(sink.detached.size() >= 1, "the recording ended as with a detach: " + sink.detached);
    }
}
