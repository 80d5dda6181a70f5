package io.jtrace.recorder;

import io.jtrace.format.Codec;
import io.jtrace.format.FormatVersion;
import io.jtrace.recorder.capture.BufferReader;
import io.jtrace.recorder.ptrace.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** jtrace-record: wires the command line to a {@link Recorder}. */
@Command(name = "jtrace-record", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = RecordCommand.Version.class,
        description = "Attach to processes with ptrace and record their syscalls and buffers to a .jtr file.",
        footer = {"", "Examples:",
            "  jtrace-record -p 3314 -w /var/tmp/app.jtr",
            "  jtrace-record -p \"$(pgrep -d, java)\" -w /var/tmp/java.jtr -Z analyst",
            "  jtrace-record -p 3314 -w '/var/tmp/app-%%Y%%m%%d-%%H%%M.jtr' -G 600 -W 6",
            "  jtrace-record -e trace=%%net -s 256 -w out.jtr -- curl -s localhost:8080/",
            "  jtrace-record --seccomp-bpf -f -e trace=%%net -w out.jtr -- ./server",
            "", "Exit status: 0 ok (with -- CMD: the command's status), 1 error, 2 usage error.",
            "An output that fails (disk full, a closed pipe) ends the recording with exit status 1; the tracees "
                + "are detached and run on (with --seccomp-bpf: stay traced, unrecorded, until they exit), and a command "
                + "started with -- is waited for and its status told."})
public final class RecordCommand implements Callable<Integer> {
    @Option(names = "-p", paramLabel = "PID", description = "Attach to PID and all its threads. Repeatable; "
            + "also \"1 2 3\" and 1,2,3.")
    List<String> pids = new ArrayList<>();

    @Option(names = "-f", description = "Also follow child processes (threads are always followed).")
    boolean followForks;

    @Option(names = "-w", paramLabel = "FILE", required = true,
            description = "Write the trace to FILE (mode 0600; - for stdout). strftime patterns expand with -G.")
    String output;

    @Option(names = "-e", paramLabel = "trace=SET", description = {"Syscalls to record, strace syntax: names, "
            + "%%net, %%file, %%desc, %%process, all, !negation. Default: network, read/write family, close, dup, "
            + "fcntl, sendfile and the calls that open fds. Several -e trace= add up, as strace's do.",
        "Also, as strace's, and only when given: -e inject=SET:error=ERRNO|retval=N[:signal=SIG][:when=EXPR] and "
            + "-e fault=SET[:error=ERRNO][:when=EXPR] (error defaults to ENOSYS) tamper with the recorded calls of SET: "
            + "the kernel skips the call and the program gets -1 with errno ERRNO, or N; signal=SIG is delivered at the "
            + "call; poke_enter=@argN=HEX[,@argM=HEX] and poke_exit=@argN=HEX write the bytes where argument N (1-7) "
            + "points, at the call's entry (before the kernel reads them) or exit (marked \"(INJECTED: args)\"); "
            + "when=FIRST[..LAST][+STEP] counts the calls of each syscall per thread (default: every call). "
            + "Repeatable; a later qualifier replaces an earlier one's rule for the syscalls both name. Without -e "
            + "trace= the tampered syscalls are added to the default set; with it, only the recorded ones are "
            + "tampered with. The trace marks such calls (strace's \"(INJECTED)\")."})
    List<String> qualifiers = new ArrayList<>();

    @Option(names = "-s", paramLabel = "SNAPLEN", defaultValue = "65536",
            description = "Bytes kept of each buffer (default ${DEFAULT-VALUE}; 0 = all, up to "
                    + (BufferReader.MAX_SNAPLEN >> 20) + " MiB, what one record of the trace format holds). "
                    + "Original lengths are always kept.")
    long snaplen;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT recorded syscalls.")
    long count;

    @Option(names = "-G", paramLabel = "SECONDS",
            description = "With -W: rotate every SECONDS. Without -W: stop after SECONDS.")
    long rotateSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after SECONDS.")
    long durationSeconds;

    @Option(names = "-C", paramLabel = "MB", description = "Rotate when a file reaches MB megabytes (10^6 bytes).")
    long rotateMegabytes;

    @Option(names = "-W", paramLabel = "N", description = "Keep at most N rotated files.")
    int maxFiles;

    @Option(names = "-Z", paramLabel = "USER[:GROUP]", description = "Hand the output files to USER.")
    String owner;

    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "zstd", description = "zstd (default), gzip or none.")
    String codec;

    @Option(names = "--seccomp-bpf", description = "With -- CMD and -f: a seccomp filter stops the command's "
            + "processes only at the recorded syscalls, which costs them far less. The filter cannot be removed, so they "
            + "die with the recorder (if it is killed, they are killed), and when the recording ends first the recorder "
            + "stays their tracer, recording nothing, until they exit. Refused with -p.")
    boolean seccompBpf;

    @Option(names = "--drop", description = "When the writer falls behind, drop records (counted as losses) "
            + "instead of making the tracee wait.")
    boolean drop;

    @Option(names = "-q", description = "No status lines: neither the one redrawn on a terminal nor the final one.")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "Command to start traced (after --).")
    List<String> command = new ArrayList<>();

    List<String> rawArgs = List.of();

    /** Set when the launched command was killed by a signal. */
    int killedBy;

    @Override
    public Integer call() throws Exception {
        RecorderConfig config = RecorderConfig.from(this);
        Recorder recorder = new Recorder(config);
        int status = recorder.run();
        killedBy = recorder.killedBy();
        return status;
    }

    Codec codec() {
        try {
            return Codec.parse(codec);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public static void main(String[] args) {
        Warmup.start();
        RecordCommand cmd = new RecordCommand();
        int status = execute(cmd, args);
        if (cmd.killedBy != 0) {
            // A shell, make or CI must see what it would have seen untraced: death by that signal.
            System.out.flush();
            System.err.flush();
            Signals.dieBy(cmd.killedBy);
        }
        System.exit(status);
    }

    /** Runs the command as main does, returning the exit status (tests call this). */
    public static int execute(String... args) {
        return execute(new RecordCommand(), args);
    }

    private static int execute(RecordCommand cmd, String... args) {
        cmd.rawArgs = List.of(args);
        // picocli registers converters for the java.sql and java.time types by reflection at every start,
        // loading those classes; no option here has such a type (BENCHMARKS.md, "Start-up")
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
        // No @FILE expansion: `-- curl --data-binary @body` must reach curl as typed.
        CommandLine cli = new CommandLine(cmd).setStopAtPositional(true).setExpandAtFiles(false);
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("jtrace-record: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UsageException) {
                System.err.println("jtrace-record: " + e.getMessage() + " (see --help)");
                return 2;
            }
            System.err.println("jtrace-record: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (cmd.debug) {
                e.printStackTrace();
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** A command line that cannot work; exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RecordCommand.class.getPackage().getImplementationVersion();
            return new String[] {"jtrace-record " + (v == null ? "dev" : v) + " (trace format " + FormatVersion.current() + ")"};
        }
    }
}
