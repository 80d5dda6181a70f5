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
 * strace's display options that the analyzer takes as strace does, checked against strace itself on
 * one program recorded once by jtrace-record and run again under strace with each set of options:
 * {@code -a COLUMN}, {@code -e read=FDS}, {@code -e write=FDS} (hex dumps of those fds' data,
 * not of failed calls), {@code -e signal=SET}, and a later qualifier of a kind replacing an
 * earlier one. The program stays one process but for a child strace does not follow (sh traps two
 * signals, sends them to itself, runs a cat that fails, then execs cat, writing to /dev/null: to a
 * regular file cat would copy_file_range), so strace prints no pid prefixes.
 */
class StraceOptionsTest {
    @TempDir
    Path dir;

    @Test
    void linesAndDumpsAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path file = Files.writeString(dir.resolve("data.txt"), "a line of data\n\tand a tab, then 0x7f: \u007f\n");
        List<String> program = List.of("/bin/sh", "-c", "trap : USR1 USR2; kill -USR1 $$; kill -USR2 $$; "
                + "cat /nonexistent-" + dir.getFileName() + " 2>/dev/null; exec cat " + file + " >/dev/null");
        String recorded = "trace=read,write";
        Path trace = record(program, recorded);
        List<List<String>> optionSets = List.of(
                List.of("-a", "20", "-e", "read=3", "-e", "write=1", "-e", "signal=USR2"),
                List.of("-a", "50", "-e", "read=all", "-e", "signal=none"),
                List.of("-e", "write=!1", "-e", "signal=!SIGUSR2", "-e", "read=3", "-e", "read=0"),
                List.of("--columns=0", "-e", "write=all", "-e", "signal=all"),
                List.of("-a", "30", "-e", "read=!!3", "-e", "signal=!!SIGUSR1", "-a", "35"),
                List.of("-e", "status=!successful"), List.of("--status=successful,unavailable"));
        for (List<String> options : optionSets) {
            String want = normalise(strace(program, recorded, options));
            // status=!successful leaves the signals, the failed calls and the exit
            assertTrue(options.contains("status=!successful") != want.contains("read(3, \"a line of data"), want);
            assertEquals(want, normalise(analyze(trace, options)), "with " + options);
        }
    }

    /**
     * -n numbers each line with its syscall, and a signal's or an exit's line with the task's last
     * syscall: every call is recorded, read and write shown. -qq and --quiet=exit drop the exit line.
     */
    @Test
    void syscallNumbersAndQuietAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path file = Files.writeString(dir.resolve("data.txt"), "some data\n");
        List<String> program = List.of("/bin/sh", "-c", "trap : USR1; kill -USR1 $$; exec cat " + file + " >/dev/null");
        Path trace = record(program, "trace=all");
        for (List<String> options : List.of(List.of("-n"), List.of("-n", "-qq"), List.of("--quiet=exit,thread-execve"),
                List.of("-q", "-n"), List.of("--quiet=!attach"), List.of("-e", "quiet=exit", "-n"))) {
            String want = normalise(strace(program, "trace=read,write", options));
            assertTrue(want.contains("read(3, \"some data"), want);
            // -qq, --quiet=exit, --quiet=!attach and -e quiet=exit hide it
            assertEquals(options.contains("-qq") || options.get(0).startsWith("--quiet=")
                            || options.contains("quiet=exit"),
                    !want.contains("+++ exited"), want);
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-e", "trace=read,write"));
            assertEquals(want, normalise(analyze(trace, args)), "with " + options);
        }
    }

    @Test
    void tracePathIsStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path one = Files.writeString(dir.resolve("one.txt"), "the first file\n");
        Path other = Files.writeString(dir.resolve("other.txt"), "the other file, read through the same fd number\n");
        // cat opens one, reads it, closes fd 3; opens the other as fd 3 again: -P one must let go of it
        List<String> program = List.of("/bin/sh", "-c", "exec cat " + one + " " + other + " " + one + " >/dev/null");
        String recorded = "trace=openat,read,write,close,fstat,newfstatat,fadvise64";
        Path trace = record(program, recorded);
        for (List<String> options : List.of(List.of("-P", one.toString()),
                List.of("-P", other.toString(), "-P", one.toString()), List.of("-P", "/nonexistent/path"))) {
            // the recorder captures no struct stat: those calls are left out of both
            String want = strace(program, recorded, options).lines()
                    .filter(l -> !l.matches("^(newfstatat|fstat|fadvise64)\\(.*")).map(l -> l + "\n")
                    .reduce("", String::concat);
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-e", "trace=openat,read,write,close"));
            assertEquals(want, analyze(trace, args), "with " + options);
        }
    }

    @Test
    void fdDecorationsAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path program = dir.resolve("fd_decorations");
        LiveRecording.run(List.of("gcc", "-O1", "-o", program.toString(),
                LiveRecording.ROOT.resolve("analyzer/src/test/resources/c/fd_decorations.c").toString()), 120,
                dir.resolve("gcc.log"));
        String recorded = "trace=socket,bind,listen,getsockname,connect,accept,write,read,socketpair,openat,dup,dup2,"
                + "inotify_init1,close";
        Path trace = record(List.of(program.toString()), recorded);
        for (String y : List.of("-y", "-yy")) {
            String want = sockets(strace(List.of(program.toString()), recorded, List.of(y)));
            assertTrue(want.contains(y.equals("-y") ? "<socket:[INODE]>" : "<UNIX-STREAM:[INODE->INODE]>"), want);
            assertEquals(want, sockets(analyze(trace, List.of(y))), y);
        }
        // strace 6.1's sets: a socket's details without paths, a device's numbers without other paths
        for (String set : List.of("socket", "dev", "path,dev", "none")) {
            String want = sockets(strace(List.of(program.toString()), recorded, List.of("--decode-fds=" + set)));
            assertTrue(set.equals("none") != want.contains("<"), want);
            assertEquals(want, sockets(analyze(trace, List.of("--decode-fds=" + set))), set);
        }
    }

    /** Socket inodes and ports differ between the two runs. */
    private static String sockets(String lines) {
        return lines.replaceAll("\\[\\d+", "[INODE").replaceAll("->\\d+\\]", "->INODE]")
                .replaceAll(":\\d{2,5}([\\]-])", ":PORT$1").replaceAll("htons\\(\\d+\\)", "htons(PORT)");
    }

    /** Records {@code program} with jtrace-record, recording {@code recorded} (a -e expression). */
    /**
     * kill's pid and signal, the pid of a siginfo and the [pid N] prefix with --decode-pids=comm, as
     * strace prints them on its stderr (the prefix is a terminal's, not -o's): a subshell probes its
     * parent, so two processes are traced, then the shell signals itself (a signal between two
     * processes may be seen before or after the sender's call returns, by strace as by jtrace).
     */
    @Test
    void killAndDecodedPidsAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        List<String> program = List.of("/bin/sh", "-c", "trap : USR1; (kill -0 $$); kill -USR1 $$; kill -0 $$");
        Path trace = recordFollowing(program, "trace=kill", "kill.jtr");
        for (List<String> options : List.of(List.of("--decode-pids=comm"), List.<String>of())) {
            List<String> strace = new ArrayList<>(List.of("-e", "trace=kill"));
            strace.addAll(options);
            String want = pids(straceStderr(program, strace));
            assertTrue(want.contains("kill(PID" + (options.isEmpty() ? "" : "<sh>") + ", SIGUSR1)"), want);
            List<String> args = new ArrayList<>(options);
            args.add("-qq");
            assertEquals(want, pids(analyze(trace, args)), "with " + options);
        }
    }

    @Test
    void cloneAndWaitAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        // the shell forks a subshell that exits 3, and waits for it: clone's flags, wait4's status
        List<String> program = List.of("/bin/sh", "-c", "(exit 3); echo $?");
        Path trace = recordFollowing(program, "trace=clone,wait4", "wait.jtr");
        String want = waits(straceStderr(program, List.of("-e", "trace=clone,wait4", "-e", "signal=none")));
        assertTrue(want.contains("wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = PID"), want);
        assertTrue(want.contains("clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD"),
                want);
        assertEquals(want, waits(analyze(trace, List.of("-qq", "-e", "signal=none"))));
    }

    /** Pids, addresses and the pid prefixes (strace prints them while two processes live) differ between runs. */
    private static String waits(String lines) {
        return lines.replaceAll("(?m)^\\[pid +\\d+\\] ", "").replaceAll("= \\d+$", "= PID")
                .replaceAll("(?m)= \\d+\\n", "= PID\n").replaceAll("0x[0-9a-f]+", "ADDR")
                .replaceAll("(?m)^.*resumed>", "RESUMED").replaceAll(" <unfinished \\.\\.\\.>", " UNFINISHED");
    }

    /** Records {@code program} and the processes it starts (-f) with jtrace-record, recording {@code recorded}. */
    private Path recordFollowing(List<String> program, String recorded, String name) throws Exception {
        Path trace = dir.resolve(name);
        List<String> record = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q", "-f", "-e", recorded, "-w", trace.toString(), "--"));
        record.addAll(program);
        LiveRecording.run(record, 60, dir.resolve("record.log"));
        return trace;
    }

    /** What {@code strace -f -qq OPTIONS program} prints on its stderr (a terminal's [pid N] prefixes, not -o's). */
    private String straceStderr(List<String> program, List<String> options) throws Exception {
        Path err = dir.resolve("strace-stderr.txt");
        List<String> strace = new ArrayList<>(List.of("strace", "-f", "-qq"));
        strace.addAll(options);
        strace.addAll(program);
        Process p = new ProcessBuilder(strace).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "strace did not end");
        return Files.readString(err);
    }

    private Path record(List<String> program, String recorded) throws Exception {
        Path trace = dir.resolve("recorded.jtr");
        List<String> record = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q", "-e", recorded, "-w", trace.toString(), "--"));
        record.addAll(program);
        LiveRecording.run(record, 60, dir.resolve("record.log"));
        return trace;
    }

    /** What strace printed for {@code program} with {@code options}. */
    private String strace(List<String> program, String recorded, List<String> options) throws Exception {
        Path out = dir.resolve("strace.txt");
        List<String> strace = new ArrayList<>(List.of("strace", "-e", recorded, "-o", out.toString()));
        strace.addAll(options);
        strace.addAll(program);
        LiveRecording.run(strace, 60, dir.resolve("strace.log"));
        return Files.readString(out);
    }

    /** What jtrace-analyze printed for {@code trace} with {@code options}. */
    private static String analyze(Path trace, List<String> options) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-r", trace.toString()));
        Run jtrace = Run.of(args.toArray(String[]::new));
        assertEquals(0, jtrace.status(), jtrace.err());
        return jtrace.out();
    }

    /**
     * Pids, in the prefix, kill's argument and siginfo, as PID; SIGCHLD's line left out: strace names
     * its si_pid only when it reads the child's comm before the shell reaps it.
     */
    private static String pids(String lines) {
        return normalise(lines).replaceAll("\\[pid +\\d+", "[pid PID").replaceAll("kill\\(\\d+", "kill(PID")
                .replaceAll("(?m)^--- SIGCHLD .*\\n", "");
    }

    /** Pids differ between the two runs. */
    private static String normalise(String lines) {
        return lines.replaceAll("si_pid=\\d+", "si_pid=PID").replaceAll("si_uid=\\d+", "si_uid=UID");
    }
}
