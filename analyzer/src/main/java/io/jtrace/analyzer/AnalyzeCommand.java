package io.jtrace.analyzer;

import io.jtrace.format.FormatVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jtrace-analyze: lists the views and maps errors to exit codes; holds no analysis itself. */
@Command(name = "jtrace-analyze", mixinStandardHelpOptions = true,
        versionProvider = AnalyzeCommand.Version.class,
        description = "Read a .jtr trace written by jtrace-record.",
        subcommands = {InfoCommand.class},
        footer = {"", "Examples:", "  jtrace-analyze info -r app.jtr", "  jtrace-analyze info -r app.jtr --json",
            "", "Exit status: 0 ok (a truncated file too, with a warning), 1 unreadable or corrupt input, 2 usage error."})
public final class AnalyzeCommand implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a view (info) and -r FILE");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs as main does and returns the exit status; tests call this. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new AnalyzeCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("jtrace-analyze: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            boolean debug = parsed.matchedOption("--debug") != null
                    || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--debug") != null);
            int status = e instanceof UsageException ? 2 : 1;
            System.err.println("jtrace-analyze: " + message(e));
            if (debug) {
                e.printStackTrace();
            }
            return status;
        });
        return cli.execute(args);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return m + ": No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return m + ": Permission denied";
        }
        return m == null ? e.toString() : m;
    }

    /** A command line that cannot work: exit status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
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
