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

        Path trace = dir.resolve("p.jtr");
        List<String> record = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q", "-e", recorded, "-w", trace.toString(), "--"));
        record.addAll(program);
        LiveRecording.run(record, 60, dir.resolve("record.log"));

        List<List<String>> optionSets = List.of(
                List.of("-a", "20", "-e", "read=3", "-e", "write=1", "-e", "signal=USR2"),
                List.of("-a", "50", "-e", "read=all", "-e", "signal=none"),
                List.of("-e", "write=!1", "-e", "signal=!SIGUSR2", "-e", "read=3", "-e", "read=0"),
                List.of("--columns=0", "-e", "write=all", "-e", "signal=all"));
        for (List<String> options : optionSets) {
            Path out = dir.resolve("strace.txt");
            List<String> strace = new ArrayList<>(List.of("strace", "-e", recorded, "-o", out.toString()));
            strace.addAll(options);
            strace.addAll(program);
            LiveRecording.run(strace, 60, dir.resolve("strace.log"));
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-r", trace.toString()));
            Run jtrace = Run.of(args.toArray(String[]::new));
            assertEquals(0, jtrace.status(), jtrace.err());
            String want = normalise(Files.readString(out));
            String got = normalise(jtrace.out());
            assertTrue(want.contains("read(3, \"a line of data"), want);
            assertEquals(want, got, "with " + options);
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
        Path trace = dir.resolve("p.jtr");
        List<String> record = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q", "-e", recorded, "-w", trace.toString(), "--"));
        record.addAll(program);
        LiveRecording.run(record, 60, dir.resolve("record.log"));
        for (List<String> options : List.of(List.of("-P", one.toString()),
                List.of("-P", other.toString(), "-P", one.toString()), List.of("-P", "/nonexistent/path"))) {
            Path out = dir.resolve("strace.txt");
            List<String> strace = new ArrayList<>(List.of("strace", "-e", recorded, "-o", out.toString()));
            strace.addAll(options);
            strace.addAll(program);
            LiveRecording.run(strace, 60, dir.resolve("strace.log"));
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-e", "trace=openat,read,write,close", "-r", trace.toString()));
            Run jtrace = Run.of(args.toArray(String[]::new));
            assertEquals(0, jtrace.status(), jtrace.err());
            // the recorder captures no struct stat: those calls are left out of both
            String want = Files.readString(out).lines().filter(l -> !l.matches("^(newfstatat|fstat|fadvise64)\\(.*"))
                    .map(l -> l + "\n").reduce("", String::concat);
            assertEquals(want, jtrace.out(), "with " + options);
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
        String recorded = "trace=socket,bind,listen,getsockname,connect,accept,write,read,socketpair,openat,dup,dup2,close";
        Path trace = dir.resolve("fd.jtr");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-e", recorded,
                "-w", trace.toString(), "--", program.toString()), 60, dir.resolve("record.log"));
        for (String y : List.of("-y", "-yy")) {
            Path out = dir.resolve("strace" + y + ".txt");
            LiveRecording.run(List.of("strace", y, "-e", recorded, "-o", out.toString(), program.toString()), 60,
                    dir.resolve("strace.log"));
            Run jtrace = Run.of(y, "-r", trace.toString());
            assertEquals(0, jtrace.status(), jtrace.err());
            String want = sockets(Files.readString(out));
            assertTrue(want.contains(y.equals("-y") ? "<socket:[INODE]>" : "<UNIX-STREAM:[INODE->INODE]>"), want);
            assertEquals(want, sockets(jtrace.out()), y);
        }
    }

    /** Socket inodes and ports differ between the two runs. */
    private static String sockets(String lines) {
        return lines.replaceAll("\\[\\d+", "[INODE").replaceAll("->\\d+\\]", "->INODE]")
                .replaceAll(":\\d{2,5}([\\]-])", ":PORT$1").replaceAll("htons\\(\\d+\\)", "htons(PORT)");
    }

    /** Pids differ between the two runs. */
    private static String normalise(String lines) {
        return lines.replaceAll("si_pid=\\d+", "si_pid=PID").replaceAll("si_uid=\\d+", "si_uid=UID");
    }
}
