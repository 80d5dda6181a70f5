package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jtrace-record -e inject=}/{@code -e fault=} against strace 6.1's: testdata/workload/inject_calls.c
 * runs under strace and under jtrace-record (also with --seccomp-bpf) with the same qualifiers
 * (error= by name, fault='s ENOSYS, retval=, signal= with and without a return value, when= ranges
 * and steps, counts per thread, a later qualifier replacing an earlier one's rule): the lines must be
 * strace's, " (INJECTED)" included (and " (INJECTED: args)" of poke_enter=/poke_exit=), and the program's own view (return values, errno, signals
 * caught), which it writes to a file, must be the same.
 */
class InjectTest {
    private static final String TRACE = "trace=chdir,sched_yield,getpid,getppid,getuid,dup,dup2,bpf,sendfile,readlinkat";
    private static final List<String> QUALIFIERS = List.of("-e", "inject=chdir:error=ENOENT:when=2..4",
            "-e", "fault=sched_yield:when=2+2", "-e", "inject=getpid:retval=42:when=1",
            "-e", "inject=getppid:retval=7:signal=SIGUSR1", "-e", "inject=getuid:signal=USR2:when=2",
            "-e", "inject=dup,dup2:error=EBADF", "-e", "fault=dup:error=EMFILE:when=2", "-e", "inject=bpf:retval=42",
            "-e", "inject=sendfile:poke_enter=@arg3=0000000000000000:poke_exit=@arg3=ffffffffffffffff",
            "-e", "inject=readlinkat:retval=5:poke_exit=@arg3=4142434445");

    @TempDir
    Path dir;

    @Test
    void tamperingIsStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = LiveRecording.compileC("inject_calls", dir, dir.resolve("gcc.log"));

        Path straced = dir.resolve("strace.txt");
        Path straceView = dir.resolve("strace-view.txt");
        List<String> strace = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", straced.toString(), "-e", TRACE));
        strace.addAll(QUALIFIERS);
        strace.addAll(List.of(program.toString(), straceView.toString()));
        LiveRecording.run(strace, 60, dir.resolve("strace.log"));
        List<String> want = calls(Files.readString(straced));
        assertTrue(want.stream().filter(l -> l.endsWith(" (INJECTED)")).count() >= 10
                && want.stream().anyMatch(l -> l.endsWith(" (INJECTED: args)"))
                && want.stream().anyMatch(l -> l.endsWith(" (INJECTED: args, retval)")), "strace's run: " + want);

        for (List<String> mode : List.of(List.<String>of(), List.of("-f", "--seccomp-bpf"))) {
            Path trace = dir.resolve("inject.jtr");
            Path view = dir.resolve("view.txt");
            List<String> record = new ArrayList<>(List.of(
                    LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-w", trace.toString()));
            record.addAll(mode);
            record.addAll(List.of("-e", TRACE));
            record.addAll(QUALIFIERS);
            record.addAll(List.of("--", program.toString(), view.toString()));
            LiveRecording.run(record, 60, dir.resolve("record.log"));
            Run jtrace = Run.of("-r", trace.toString());
            assertEquals(0, jtrace.status(), jtrace.err());
            assertEquals(String.join("\n", want), String.join("\n", calls(jtrace.out())), "with " + mode);
            assertEquals(Files.readString(straceView), Files.readString(view), "the program's view with " + mode);

            Run json = Run.of("-r", trace.toString(), "--json", "-e", "trace=getppid");
            assertEquals(0, json.status(), json.err());
            assertTrue(json.out().contains("\"ret\":7,") && json.out().contains("\"injected\":true"), json.out());
        }
    }

    /**
     * The call and signal lines without the pid prefix (strace's "PID " padded to 5 digits, our "[pid N] "), the padding
     * before " = ", addresses and the real pid getpid returns; exit lines left out: a thread's may come before
     * or after the main thread's next call.
     */
    private static List<String> calls(String lines) {
        return lines.lines().filter(l -> !l.contains("+++"))
                .map(l -> l.replaceFirst("^(\\[pid +[0-9]+\\]|[0-9]+) +", "").replaceAll(" +=( |$)", " =$1")
                        .replaceAll("0x[0-9a-f]{6,}", "0xADDR")
                        .replaceFirst("^getpid\\(\\) = [0-9]+$", "getpid() = PID"))
                .toList();
    }
}
