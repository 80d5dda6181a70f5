package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.recorder.output.StatusLineTest;
import io.jtrace.recorder.trace.Ptraces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtrace-record's status line, end to end: a recording longer than the line's interval, with
 * stderr a file, once as if it were a terminal (what the launcher says with -Djtrace.stderr.tty).
 */
@Timeout(120)
@ExtendWith(Ptraces.class)
class StatusLineRecordingTest {
    private static final Pattern STATUS = Pattern.compile(
            "\rjtrace-record: [\\d,]+ syscalls, [\\d.]+ k?B written, 0 lost, 1 thread, 2 s");

    @TempDir
    Path dir;

    /** Records {@code sh -c 'sleep 2.6'} (past the 2 s interval) and returns stderr. */
    private String record(boolean terminal, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(RecorderRun.java()));
        if (terminal) {
            cmd.add("-Djtrace.stderr.tty=true");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RecordCommand.class.getName(),
                "-w", dir.resolve("out.jtr").toString()));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("--", "sh", "-c", "sleep 2.6"));
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "recorder ended");
        assertEquals(0, p.exitValue(), Files.readString(err));
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheLineIsDrawnThenErasedBeforeTheFinalOne() throws Exception {
        String err = record(true);
        assertTrue(STATUS.matcher(err).find(), err);
        String[] lines = err.split("\n");
        assertEquals(1, lines.length, err);
        String shown = StatusLineTest.screen(lines[0]);
        assertTrue(shown.startsWith("jtrace-record: ") && shown.contains(" syscalls recorded, "), shown);
        assertEquals(shown.strip(), err.substring(err.lastIndexOf('\r') + 1).strip(), "the final line covers it all");
    }

    @Test
    void notATerminalNoStatusLineOnlyTheFinalOne() throws Exception {
        String err = record(false);
        assertFalse(err.contains("\r"), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("jtrace-record: ") && err.contains(" syscalls recorded, "), err);
    }

    @Test
    void quietOnATerminalNothingAtAll() throws Exception {
        assertEquals("", record(true, "-q"));
    }
}
