package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * strace itself as the oracle of a decoding test: a C workload of testdata/workload is compiled,
 * recorded once with scripts/jtrace-record, and run again under strace for each set of display
 * options; the analyzer prints the one recording with the same options, and both outputs, masked
 * alike, must be the same lines. The tests need strace, gcc, ptrace and the recorder's jar: without
 * them they fail when CI=true and are skipped otherwise.
 */
final class StraceOracle {
    private final Path dir;
    private final Path program;
    private final List<String> programArgs;
    private final Path trace;
    private final String shown;
    private final boolean narrower;
    /** -e inject=/-e fault= qualifiers both the recorder and strace were given. */
    private final List<String> tampering;

    private StraceOracle(Path dir, Path program, List<String> programArgs, Path trace, String shown, boolean narrower,
                         List<String> tampering) {
        this.dir = dir;
        this.tampering = tampering;
        this.program = program;
        this.programArgs = programArgs;
        this.trace = trace;
        this.shown = shown;
        this.narrower = narrower;
    }

    /**
     * Compiles {@code workload} (testdata/workload/NAME.c) and records it with {@code -e trace=recorded};
     * {@code shown} is the set strace traces (and the analyzer shows, when it differs).
     */
    static StraceOracle recordShowing(Path dir, String workload, String recorded, String shown, String... args)
            throws Exception {
        return recordTampered(dir, workload, recorded, shown, List.of(), args);
    }

    /** {@link #recordShowing}, the recorder and strace both given the {@code -e inject=} qualifiers {@code tampering}. */
    static StraceOracle recordTampered(Path dir, String workload, String recorded, String shown, List<String> tampering,
                                       String... args) throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = LiveRecording.compileC(workload, dir, dir.resolve("gcc.log"));
        Path trace = dir.resolve(workload + ".jtr");
        List<String> record = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q", "-e", "trace=" + recorded, "-w", trace.toString()));
        record.addAll(tampering);
        record.add("--");
        record.add(program.toString());
        record.addAll(List.of(args));
        LiveRecording.run(record, 60, dir.resolve("record.log"));
        return new StraceOracle(dir, program, List.of(args), trace, shown, !recorded.equals(shown), tampering);
    }

    /**
     * {@link #record}, the recorder and strace both given {@code -e inject=}{@code inject} (strace's
     * syntax): calls that succeed without the device they need, to check what is decoded at exit.
     */
    static StraceOracle recordInjecting(Path dir, String workload, String calls, String inject, String... args)
            throws Exception {
        return recordTampered(dir, workload, calls, calls, List.of("-e", "inject=" + inject), args);
    }

    /** {@link #recordShowing} of the calls it records. */
    static StraceOracle record(Path dir, String workload, String calls, String... args) throws Exception {
        return recordShowing(dir, workload, calls, calls, args);
    }

    /**
     * strace's and the analyzer's lines with {@code options}, each through {@code mask}; strace's
     * must be at least {@code minLines} ending with the exit (its run did what the workload does),
     * then the analyzer's must equal them.
     */
    void compare(List<String> options, Function<String, List<String>> mask, int minLines) throws Exception {
        Path out = dir.resolve("strace.txt");
        List<String> strace = new ArrayList<>(List.of("strace", "-e", "trace=" + shown,
                "-o", out.toString()));
        strace.addAll(tampering);
        strace.addAll(options);
        strace.add(program.toString());
        strace.addAll(programArgs);
        LiveRecording.run(strace, 60, dir.resolve("strace.log"));
        List<String> args = new ArrayList<>(options);
        if (narrower) {
            args.addAll(List.of("-e", "trace=" + shown));
        }
        args.addAll(List.of("-r", trace.toString()));
        Run jtrace = Run.of(args.toArray(String[]::new));
        assertEquals(0, jtrace.status(), jtrace.err());
        List<String> want = mask.apply(Files.readString(out));
        assertTrue(want.size() >= minLines && !want.isEmpty() && want.get(want.size() - 1).equals("+++ exited with 0 +++"),
                "strace's run: " + want);
        assertEquals(String.join("\n", want), String.join("\n", mask.apply(jtrace.out())), "with " + options);
    }

    /**
     * The lines from the workload's marker (its first {@code write(-1, ...)}) on, addresses and
     * the padding before " = " masked; all lines when there is no marker ({@code -P} leaves it out).
     */
    static List<String> fromMarker(String lines) {
        List<String> all = lines.lines().toList();
        int from = 0;
        while (from < all.size() && !all.get(from).startsWith("write(-1, ")) {
            from++;
        }
        if (from == all.size()) {
            from = 0;
        }
        return all.subList(from, all.size()).stream().map(StraceOracle::unpadded).toList();
    }

    /** Addresses (six hex digits or more) masked, and the padding before " = ". */
    static String unpadded(String line) {
        return line.replaceAll("0x[0-9a-f]{6,}", "0xADDR").replaceAll(" +=( |$)", " =$1");
    }
}
