package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.filter.FilterOptions;
import io.jtrace.analyzer.print.PrintView;
import io.jtrace.analyzer.trace.TraceStream;
import io.jtrace.format.FormatVersion;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * jtrace-analyze: without a subcommand prints the trace as strace does (the default view); lists
 * the other views and maps errors to exit codes.
 */
@Command(name = "jtrace-analyze", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "io.jtrace.analyzer.Help", versionProvider = AnalyzeCommand.Version.class, scope = CommandLine.ScopeType.INHERIT,
        description = {"Read a .jtr trace written by jtrace-record.",
            "Without a view, prints the syscalls as strace -f would have, with the filters below."},
        footer = {"", "Examples:", "  jtrace-analyze -r app.jtr --grep POST",
            "  jtrace-analyze -r app.jtr -e trace=%%net -yy -tt -T",
            "  jtrace-analyze -r app.jtr --pid 3314 --fd 7 -X",
            "  jtrace-analyze -r app.jtr --json | jq 'select(.errno != null)'",
            "  jtrace-analyze -r app.jtr --grep /api/orders -w orders.jtr",
            "  jtrace-analyze info -r app.jtr", "  jtrace-analyze summary -r app.jtr",
            "  jtrace-analyze diff --level http baseline.jtr run.jtr",
            "", "strace's -r (relative timestamps) is --relative-timestamps here:",
            "-r names the file, as in tcpdump.",
            "", "Exit status: 0 ok (a truncated file too, with a warning), 1 unreadable or corrupt input, 2 usage " +
            "error; diff exits as diff(1) does: 0 equal, 1 different, 2 trouble."})
public final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    TraceInput.Optional input;

    @Option(names = "-w", paramLabel = "OUT", description = "Write the records that pass the filters to a new trace.")
    Path copyTo;

    @Mixin
    OutputFormat output;

    @Option(names = "--base64", description = "With --json: buffers in base64 instead of escaped text.")
    boolean base64;

    @Mixin
    RenderFlags render;

    @Mixin
    FilterOptions filters;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (input.none()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name a trace with -r FILE, or a view (info, summary)");
        }
        if (copyTo != null && output.json) {
            throw new UsageException("-w writes a trace; it does not combine with --json");
        }
        input.refuseOverwrite("-w", copyTo);
        // -e quiet=SET and decode-pids=SET are display options, -e status=SET is --status, the other -e
        // qualifiers the filters'
        FilterOptions records = filters.copy();
        var options = render.options(Quiet.qualifier(records.expressions),
                Quiet.take(records.expressions, "decode-pids", "decode-pid"));
        String status = Quiet.take(records.expressions, "status");
        if (status != null) {
            records.status = status;
        }
        PrintView.Output out = copyTo != null ? PrintView.Output.copy(copyTo) : output.writer(
                () -> PrintView.Output.text(System.out), () -> PrintView.Output.json(base64, System.out));
        try (TraceStream stream = input.open()) {
            PrintView.run(stream, records, options, out, System.err);
        }
        return 0;
    }

    public static void main(String[] args) {
        Warmup.start(views(args).isEmpty());
        // Output is UTF-8 whatever the locale, as the views that write bytes always wrote it: JDK 17 takes
        // System.out's charset from the locale, and a shell without LANG printed "caf?.txt" for café.txt.
        System.setOut(utf8(FileDescriptor.out));
        System.setErr(utf8(FileDescriptor.err));
        int status = execute(args);
        // the exit does not flush them: what a view printed without a line end would be lost
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** A stream like System.out (flushed at each line), writing UTF-8. */
    private static PrintStream utf8(FileDescriptor fd) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd), 8192), true, StandardCharsets.UTF_8);
    }

    /** Runs as main does and returns the exit status; tests call this. */
    public static int execute(String... args) {
        CommandLine cli = commandLine(views(args));
        cli.setExpandAtFiles(false) // --grep @user is a pattern
                .setOverwrittenOptionsAllowed(true); // as strace: a repeated -a, -s or -e kind, the last wins
        cli.setCaseInsensitiveEnumValuesAllowed(true);   // --level http as well as HTTP
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("jtrace-analyze: " + lowerFirst(e.getMessage()) + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            boolean debug = parsed.matchedOption("--debug") != null
                    || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--debug") != null);
            int status = e instanceof UsageException ? 2
                    : c.getCommand() instanceof DataErrorStatus d ? d.dataErrorStatus() : 1;
            System.err.println("jtrace-analyze: " + message(e));
            if (debug) {
                e.printStackTrace();
            }
            return status;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // the reader bounds what it holds (FORMAT.md, "Limits"); should a view still run out,
            // the user gets one line, not the JVM's stack trace
            System.err.println("jtrace-analyze: out of memory (heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB); raise it with JAVA_OPTS=-Xmx... (run with --debug for details)");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace();
            }
            return 1;
        } catch (LinkageError e) {
            // a native library that cannot load: zstd-jni's, copied to the temporary directory when started without
            // the launcher's copy (a read-only or noexec /tmp). When the warm-up thread met it first, this thread
            // gets only "Could not initialize class": the warm-up's error has the reason.
            Throwable first = Warmup.failure() != null ? Warmup.failure() : e;
            Throwable cause = first.getCause() != null ? first.getCause() : first;
            System.err.println("jtrace-analyze: cannot load a native library: " + cause.getMessage()
                    + " (run with --debug for details)");
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    /** The command with every view, as --help shows it (the man pages, the completion script and tests walk it). */
    public static CommandLine commandLine() {
        return commandLine(VIEWS);
    }

    private static CommandLine commandLine(List<Class<?>> views) {
        skipUnusedConverters();
        CommandLine cli = new CommandLine(new AnalyzeCommand());
        for (Class<?> view : views) {
            cli.addSubcommand(view);
        }
        return cli;
    }

    /**
     * picocli registers, for every command, converters for the java.sql and java.time types by reflection, which
     * loads those classes at every start; no option here has such a type (BENCHMARKS.md, "Start-up").
     */
    static void skipUnusedConverters() {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    /** The views, in the order --help lists them. */
    private static final List<Class<?>> VIEWS = List.of(InfoCommand.class, SummaryCommand.class, FdsCommand.class,
            HttpCommand.class, DiffCommand.class, PcapCommand.class);

    /**
     * The views picocli must know to parse {@code args}: building a view's model (its options, mixins and
     * their annotations, by reflection) took about a third of a short run's start-up, so a run gets only
     * the view it names first, or none for the default view; any other mention of a view's name (after an
     * inherited option such as --debug) or of --help gets them all, as before.
     */
    static List<Class<?>> views(String... args) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> v : VIEWS) {
            byName.put(v.getAnnotation(Command.class).name(), v);
        }
        if (args.length > 0 && byName.containsKey(args[0])) {
            return List.of(byName.get(args[0]));
        }
        boolean named = Arrays.stream(args).anyMatch(a -> byName.containsKey(a) || a.equals("-h") || a.equals("--help"));
        return named ? VIEWS : List.of();
    }

    /** The one line a user sees: the file and the reason for I/O errors, the message otherwise. */
    static String message(Exception e) {
        if (e instanceof java.io.UncheckedIOException u) {
            e = u.getCause();   // an output's write error (ParquetWriter's), as an IOException says it
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String reason = f instanceof NoSuchFileException ? "No such file or directory"
                    : f instanceof AccessDeniedException ? "Permission denied"
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
        }
        String m = e.getMessage();
        if (e instanceof IOException || e instanceof UsageException) {
            return m == null ? "read error" : m;
        }
        // anything else is a bug of ours: say so in one line, the stack trace is --debug's
        return "internal error: " + (m == null ? e.getClass().getSimpleName() : m) + " (run with --debug for details)";
    }

    /** picocli's messages start upper case; ours are lower case. */
    static String lowerFirst(String m) {
        if (m == null || m.isEmpty() || m.length() > 1 && Character.isUpperCase(m.charAt(1))) {
            return m;
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** A view whose exit status 1 means something else (diff: "different"); its data errors exit with this. */
    interface DataErrorStatus {
        int dataErrorStatus();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AnalyzeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"jtrace-analyze " + (v == null ? "dev" : v) + " (trace format "
                    + FormatVersion.current() + ")"};
        }
    }
}
