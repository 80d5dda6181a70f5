package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.Codec;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TraceWriter;
import io.jtrace.format.proto.Header;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages: 1 for unreadable or corrupt input, 2 for usage, in every view. */
class ErrorsTest {
    static final Path TRACE = Run.trace("http-default.jtr");

    @TempDir
    Path dir;

    /** Every view on one input: the default, --json, summary, info and a -w copy. */
    List<Run> everyView(Path input) {
        String in = input.toString();
        return List.of(Run.of("-r", in), Run.of("-r", in, "--json"), Run.of("-r", in, "-X", "-yy"),
                Run.of("summary", "-r", in), Run.of("info", "-r", in),
                Run.of("-r", in, "-w", dir.resolve("copy.jtr").toString()));
    }

    /** Status 1 and exactly the one line {@code expected} (a regex) on stderr, in every view. */
    void dataError(Path input, String expected) {
        for (Run r : everyView(input)) {
            assertEquals(1, r.status(), r.show());
            assertTrue(r.err().matches("jtrace-analyze: " + expected + "\n"), r.show());
        }
    }

    @Test
    void emptyFile() throws IOException {
        dataError(Files.createFile(dir.resolve("empty.jtr")), "empty file, not a jtrace trace");
    }

    @Test
    void wrongMagic() throws IOException {
        dataError(Files.writeString(dir.resolve("http.txt"), "GET / HTTP/1.1\r\n\r\n"),
                "not a jtrace trace \\(unknown magic 47455420\\)");
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        dataError(Files.write(dir.resolve("plain.gz"), gzip), "not a jtrace trace \\(gzip data without jtrace frame header\\)");
    }

    @Test
    void randomBytes() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] b = new byte[1 + random.nextInt(5000)];
            random.nextBytes(b);
            dataError(Files.write(dir.resolve("random.jtr"), b), "not a jtrace trace \\(.*\\)");
        }
    }

    @Test
    void bitFlipNamesFrameAndOffset() throws IOException {
        byte[] b = Files.readAllBytes(TRACE);
        b[b.length - 100] ^= 0x04;   // in the last frame
        dataError(Files.write(dir.resolve("flipped.jtr"), b), "checksum mismatch in frame \\d+ at byte \\d+");
        // what came before the damaged frame is printed, then the error
        Run r = Run.of("-r", dir.resolve("flipped.jtr").toString());
        assertFalse(r.out().isEmpty());
    }

    @Test
    void newerMajorVersionIsRefusedByName() throws IOException {
        Header h = Records.read(TRACE).header().toBuilder().setFormatMajor(2).setFormatMinor(3).build();
        Path newer = dir.resolve("newer.jtr");
        try (OutputStream out = Files.newOutputStream(newer); TraceWriter w = new TraceWriter(out, Codec.ZSTD, h)) {
            w.writeTrailer(0, io.jtrace.format.proto.Trailer.getDefaultInstance());
        }
        dataError(newer, "trace format 2\\.3 is newer than this reader's "
                + java.util.regex.Pattern.quote(io.jtrace.format.FormatVersion.current()) + "; upgrade jtrace to read it");
    }

    /**
     * The decoding tables are x86_64's (syscall numbers, constants, structure layouts): a trace of another
     * architecture is refused by name in every view rather than decoded wrong.
     */
    @Test
    void anotherArchitectureIsRefusedByName() throws IOException {
        Path arm = dir.resolve("aarch64.jtr");
        List<io.jtrace.format.TraceEvent> events = io.jtrace.format.TraceReader.readAll(TRACE);
        Header h = Records.read(TRACE).header().toBuilder().setArch("aarch64").build();
        try (OutputStream out = Files.newOutputStream(arm); TraceWriter w = new TraceWriter(out, Codec.ZSTD, h)) {
            for (io.jtrace.format.TraceEvent e : events.subList(0, Math.min(50, events.size()))) {
                if (e.record().hasSyscall()) {
                    w.write(e.timeNs(), e.record().getSyscall());
                }
            }
            w.writeTrailer(0, io.jtrace.format.proto.Trailer.getDefaultInstance());
        }
        String in = arm.toString();
        for (Run r : List.of(Run.of("-r", in), Run.of("-r", in, "--json"), Run.of("-r", in, "-yy"),
                Run.of("summary", "-r", in), Run.of("fds", "-r", in), Run.of("http", "-r", in),
                Run.of("pcap", "-r", in, "-w", dir.resolve("a.pcapng").toString()),
                Run.of("-r", in, "-w", dir.resolve("copy.jtr").toString()))) {
            assertEquals(1, r.status(), r.show());
            assertTrue(r.err().matches("jtrace-analyze: trace header: unsupported architecture 'aarch64'.*\n"), r.show());
        }
        // diff exits 2 on trouble, as diff(1) does
        for (Run r : List.of(Run.of("diff", in, TRACE.toString()), Run.of("diff", TRACE.toString(), in))) {
            assertEquals(2, r.status(), r.show());
            assertTrue(r.err().matches("jtrace-analyze: trace header: unsupported architecture 'aarch64'.*\n"), r.show());
        }
        // info decodes no call: it says what the trace is
        Run info = Run.of("info", "-r", in);
        assertEquals(0, info.status(), info.show());
        assertTrue(info.out().contains("arch:                aarch64"), info.show());
    }

    @Test
    void newerMinorVersionIsRead() throws IOException {
        Header h = Records.read(TRACE).header().toBuilder().setFormatMinor(9).build();
        Path newer = dir.resolve("minor.jtr");
        try (OutputStream out = Files.newOutputStream(newer); TraceWriter w = new TraceWriter(out, Codec.GZIP, h)) {
            w.writeTrailer(0, io.jtrace.format.proto.Trailer.getDefaultInstance());
        }
        for (Run r : everyView(newer)) {
            assertEquals(0, r.status(), r.show());
            assertEquals("", r.err(), r.show());
        }
    }

    @Test
    void hugeLengthPrefix() throws IOException {
        byte[] b = Files.readAllBytes(TRACE);
        // the zstd codec's first frame: skippable frame magic and size, "JTRF", then the stored length
        b[12] = (byte) 0xff;
        b[13] = (byte) 0xff;
        b[14] = (byte) 0xff;
        b[15] = (byte) 0x7f;
        dataError(Files.write(dir.resolve("huge.jtr"), b),
                "frame 0 at byte 0 claims 2147483647 bytes, over the 64 MiB frame limit");
    }

    @Test
    void aDamagedFileOfASetIsNamed() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jtr"));
        for (String view : List.of("summary", "http", "fds")) {
            Run r = Run.of(view, "-r", TRACE.toString(), "-r", empty.toString());
            assertEquals(1, r.status(), r.show());
            assertEquals("jtrace-analyze: " + empty + ": empty file, not a jtrace trace\n", r.err());
        }
    }

    @Test
    void directoryNoFileAndPermission() throws IOException {
        Path d = Files.createDirectory(dir.resolve("traces.jtr"));
        // a directory is a set of traces (its .jtr files): one without any is a data error
        dataError(d, d.toString().replace(".", "\\.") + ": a directory without \\.jtr files");
        dataError(dir.resolve("nope.jtr"), dir.resolve("nope.jtr").toString().replace(".", "\\.") + ": No such file or directory");
        // root reads a mode-000 file anyway; the message for the case is checked directly
        assertEquals("/x/app.jtr: Permission denied", AnalyzeCommand.message(new AccessDeniedException("/x/app.jtr")));
        Path locked = Files.copy(TRACE, dir.resolve("locked.jtr"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!"root".equals(System.getProperty("user.name"))) {
            dataError(locked, locked.toString().replace(".", "\\.") + ": Permission denied");
        }
    }

    /**
     * The permission-denied path for real when the tests run as root (as in CI), who reads every file: the
     * analyzer runs as nobody (setpriv) on a mode-000 trace, from a copy of its classes and jars nobody can read.
     */
    @Test
    void permissionDeniedAsAnUnprivilegedUser() throws Exception {
        LiveRecording.require("root".equals(System.getProperty("user.name")) || !"true".equals(System.getenv("CI")),
                "CI runs the tests as root");
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "not root: directoryNoFileAndPermission checks the path in-process");
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        Path open = Files.createDirectory(dir.resolve("open"));
        List<String> classpath = new java.util.ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            Path to = open.resolve(n++ + "-" + from.getFileName());
            if (Files.isDirectory(from)) {
                try (var files = Files.walk(from)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, to.resolve(from.relativize(f).toString()));
                    }
                }
            } else if (Files.isRegularFile(from)) {
                Files.copy(from, to);
            } else {
                continue;
            }
            classpath.add(to.toString());
        }
        Path locked = Files.copy(TRACE, open.resolve("locked.jtr"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Process chmod = new ProcessBuilder("chmod", "-R", "a+rX", dir.toString()).inheritIO().start();
        assertEquals(0, chmod.waitFor());
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (List<String> view : List.of(List.of("-r"), List.of("info", "-r"), List.of("http", "-r"), List.of("pcap",
                "-w", "-", "-r"))) {
            List<String> command = new java.util.ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", javaBin, "-cp", String.join(java.io.File.pathSeparator, classpath),
                    "io.jtrace.analyzer.AnalyzeCommand"));
            command.addAll(view);
            command.add(locked.toString());
            Process p = new ProcessBuilder(command).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(1, p.exitValue(), view + ": " + err);
            assertEquals(0, out.length, view + " wrote to stdout");
            assertEquals("jtrace-analyze: " + locked + ": Permission denied\n", err, view.toString());
        }
    }

    /**
     * Started without the launcher (which hands zstd-jni its unpacked library), zstd-jni copies its library to the
     * temporary directory; where it cannot, the user gets one line, not the JVM's stack trace.
     */
    @Test
    void aNativeLibraryThatCannotLoadIsOneLine() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // with the warm-up thread, which meets the failure first, and without
        for (String warmup : List.of("true", "false")) {
            List<String> command = List.of(javaBin, "-Djtrace.warmup=" + warmup,
                    "-Djava.io.tmpdir=" + dir.resolve("no-such-dir"), "-cp", System.getProperty("java.class.path"),
                    "io.jtrace.analyzer.AnalyzeCommand", "-r", TRACE.toString());
            Process p = new ProcessBuilder(command).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(1, p.exitValue(), err);
            assertEquals(0, out.length, "wrote to stdout");
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("jtrace-analyze: cannot load a native library: ") && err.contains("libzstd-jni"),
                    err);
        }
    }

    @Test
    void truncatedInTheHeaderFrameHoldsNothing() throws IOException {
        byte[] b = Files.readAllBytes(TRACE);
        dataError(Files.write(dir.resolve("cut.jtr"), Arrays.copyOf(b, 40)), "truncated in frame 0 at byte 0 \\(file ends at byte 40\\)");
    }

    @Test
    void noStackTraceUnlessDebug() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jtr"));
        Run quiet = Run.of("-r", empty.toString());
        assertFalse(quiet.err().contains("\tat "), quiet.err());
        Run debug = Run.of("-r", empty.toString(), "--debug");
        assertEquals(1, debug.status());
        assertTrue(debug.err().startsWith("jtrace-analyze: empty file, not a jtrace trace\n"), debug.err());
        assertTrue(debug.err().contains("io.jtrace.format.CorruptTraceException: empty file"), debug.err());
        assertTrue(debug.err().contains("\tat io.jtrace."), debug.err());
        Run sub = Run.of("summary", "--debug", "-r", empty.toString());
        assertTrue(sub.err().contains("\tat io.jtrace."), sub.err());
        Run usage = Run.of("-r", TRACE.toString(), "--since", "soon", "--debug");
        assertEquals(2, usage.status());
        assertTrue(usage.err().contains("\tat io.jtrace."), usage.err());
    }

    static void usage(String expected, String... args) {
        Run r = Run.of(args);
        assertEquals(2, r.status(), r.show());
        assertEquals("jtrace-analyze: " + expected + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void badOptionValues() {
        String t = TRACE.toString();
        usage("-s must be 0 or more, not -1", "-r", t, "-s", "-1");
        usage("invalid value for option '-s': 'many' is not an int (see --help)", "-r", t, "-s", "many");
        usage("--since 'yesterday': expected seconds (1.5, 200ms), HH:MM:SS or an ISO date-time", "-r", t, "--since", "yesterday");
        usage("--until '25:61': expected seconds (1.5, 200ms), HH:MM:SS or an ISO date-time", "-r", t, "--until", "25:61");
        usage("--since '1.5x': expected seconds (1.5, 200ms), HH:MM:SS or an ISO date-time", "summary", "-r", t, "--since", "1.5x");
        usage("bad --grep pattern: Unclosed group near index 5", "-r", t, "--grep", "(POST");
        usage("bad --grep pattern: Unclosed character class near index 0", "summary", "-r", t, "--grep", "[");
        usage("invalid system call 'nosuch'", "-r", t, "-e", "trace=nosuch");
        usage("-e: unknown qualifier 'secontext' (trace=, signal=, read=, write=, abbrev=, verbose= or kvm=)", "-r", t,
                "-e", "secontext=full");
        usage("invalid -e kvm= argument: 'vcpus'", "-r", t, "-e", "kvm=vcpus");
        usage("invalid system call 'nosuch'", "-r", t, "-e", "verbose=nosuch");
        usage("-e signal=: invalid signal 'SIGFOO'", "-r", t, "-e", "signal=SIGINT,SIGFOO");
        usage("-e read=: invalid file descriptor 'x'", "-r", t, "-e", "read=3,x");
        usage("-e write=: invalid file descriptor '-1'", "-r", t, "-e", "write=-1");
        usage("-a must be 0 or more, not -2", "-r", t, "-a", "-2");
        usage("empty syscall set in ''", "-r", t, "-e", "trace=");
        usage("-z and -Z exclude each other", "-r", t, "-z", "-Z");
        usage("-z and -Z exclude each other", "summary", "-r", t, "--successful-only", "--failed-only");
        usage("-t may be given at most three times", "-r", t, "-tttt");
        usage("--relative-timestamps and -t exclude each other", "-r", t, "-t", "--relative-timestamps");
        usage("invalid value for option '--pid' (PID[,PID...]): 'java' is not an int (see --help)", "-r", t, "--pid", "java");
        usage("unknown option: '--bogus' (see --help)", "-r", t, "--bogus");
        usage("-w writes a trace; it does not combine with --json", "-r", t, "--json", "-w", "out.jtr");
    }

    @Test
    void noTraceNamed() {
        usage("name a trace with -r FILE, or a view (info, summary) (see --help)");
        usage("name a trace with -r FILE, or a view (info, summary) (see --help)", "--json");
        usage("missing required parameter for option '-r' (FILE) (see --help)", "-r");
        usage("missing required option: '-r=FILE' (see --help)", "summary");
        usage("missing required option: '-r=FILE' (see --help)", "info", "--json");
    }

    @Test
    void copyOntoAnUnwritablePathOrTheInput() throws IOException {
        Path out = dir.resolve("no/such/dir/out.jtr");
        Run r = Run.of("-r", TRACE.toString(), "-w", out.toString());
        assertEquals(1, r.status(), r.show());
        assertEquals("jtrace-analyze: " + out + ": No such file or directory\n", r.err());
        Path d = Files.createDirectory(dir.resolve("d.jtr"));
        Run isDir = Run.of("-r", TRACE.toString(), "-w", d.toString());
        assertEquals(1, isDir.status(), isDir.show());
        assertEquals("jtrace-analyze: " + d + ": Is a directory\n", isDir.err());
        Path input = Files.copy(TRACE, dir.resolve("in.jtr"));
        usage("-w " + input + " would overwrite the trace being read", "-r", input.toString(), "-w", input.toString());
        usage("-w " + dir.resolve(".").resolve("in.jtr") + " would overwrite the trace being read",
                "-r", input.toString(), "-w", dir.resolve(".").resolve("in.jtr").toString());
        // one of several inputs, named or matched by a glob
        usage("-w " + input + " would overwrite the trace being read",
                "-r", TRACE.toString(), "-r", input.toString(), "-w", input.toString());
        usage("-w " + input + " would overwrite the trace being read",
                "-r", dir.resolve("i*.jtr").toString(), "-w", input.toString());
        assertEquals(Files.size(TRACE), Files.size(input));
        assertEquals(Records.read(TRACE).events().size(), TraceReader.readAll(input).size());
    }
}
