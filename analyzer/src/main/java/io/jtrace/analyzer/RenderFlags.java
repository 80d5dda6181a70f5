package io.jtrace.analyzer;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Quote;
import io.jtrace.analyzer.render.RenderOptions;
import picocli.CommandLine.Option;

/** strace's display options (picocli mixin); -r stays the input file, as in tcpdump. */
final class RenderFlags {
    @Option(names = "-s", paramLabel = "STRSIZE", description = "Bytes of each string to show (default 32).")
    int stringLimit = 32;

    @Option(names = {"-a", "--columns"}, paramLabel = "COLUMN",
            description = "Align return values in this column (default 40), as strace -a.")
    int column = 40;

    @Option(names = "-t", description = "Time of day; -tt adds microseconds; -ttt prints seconds since the epoch.")
    boolean[] time = new boolean[0];

    @Option(names = "--relative-timestamps", description = "Time since the previous line (strace's -r).")
    boolean relative;

    @Option(names = "-T", description = "Time spent in each syscall.")
    boolean durations;

    @Option(names = "-x", description = "Non-ASCII strings in hex; -xx all strings in hex.")
    boolean[] hex = new boolean[0];

    @Option(names = "-X", description = "Hex and ASCII dump of every captured data buffer.")
    boolean dump;

    @Option(names = {"-n", "--syscall-number"}, description = "Start each line with the syscall's number, as strace -n.")
    boolean syscallNumbers;

    @Option(names = "-q", description = "Accepted for strace's -q (jtrace prints no attach messages); -qq: no "
            + "+++ exited with N +++ lines, as --quiet=exit.")
    boolean[] quiet = new boolean[0];

    @Option(names = "--quiet", paramLabel = "SET", description = "strace's --quiet: exit (no +++ exited or +++ "
            + "killed lines), thread-execve or superseded (no +++ superseded by execve lines), all, none; attach, "
            + "personality and path-resolution are messages jtrace never prints. Comma-separated, ! negates.")
    String quietSet;

    @Option(names = "--const-print-style", paramLabel = "STYLE",
            description = "Named constants as strace -X prints them: abbrev (names, the default), raw (numbers) "
                    + "or verbose (numbers with the names in a comment); in arguments, structures' fields, "
                    + "ioctl requests and netlink messages alike.")
    String constStyle = "abbrev";

    @Option(names = "-y", description = "Print fd paths; -yy socket endpoints too.")
    boolean[] fds = new boolean[0];

    @Option(names = "--decode-fds", paramLabel = "SET", description = "What to print after fds, as strace 6.1: a "
            + "comma-separated set of path (-y), socket (endpoints), dev (a device's type and numbers), pidfd, all "
            + "(-yy), none.")
    String decodeFds;

    @Option(names = "--decode-pids", paramLabel = "SET", description = "What to print after pids, as strace 6.1: "
            + "pidns (a pid of another pid namespace gets the recorder's number in a comment, as the recorder saw "
            + "it there), comm (the process's name), comma-separated; none.")
    String decodePids;

    @Option(names = "--pidns-translation", description = "--decode-pids=pidns: the recorder's number of a pid "
            + "the tracee passed in its own pid namespace, as \"2 /* 6454 in strace's PID NS */\".")
    boolean pidnsTranslation;

    @Option(names = {"-v", "--no-abbrev"},
            description = "Print structures whole (struct stat, poll arrays...), as strace -v (-e abbrev=none).")
    boolean noAbbrev;

    /** The options, {@code quietQualifier} the set of an -e quiet=SET (null: none). */
    RenderOptions options(String quietQualifier) {
        return options(quietQualifier, null);
    }

    /** Also {@code pidsQualifier}, the set of an -e decode-pids=SET (null: none). */
    RenderOptions options(String quietQualifier, String pidsQualifier) {
        if (stringLimit < 0) {
            throw new UsageException("-s must be 0 or more, not " + stringLimit);
        }
        if (time.length > 3) {
            throw new UsageException("-t may be given at most three times");
        }
        if (column < 0) {
            throw new UsageException("-a must be 0 or more, not " + column);
        }
        RenderOptions o = new RenderOptions();
        o.column = column;
        o.stringLimit = stringLimit;
        o.time = relative ? RenderOptions.Time.RELATIVE : switch (time.length) {
            case 0 -> RenderOptions.Time.NONE;
            case 1 -> RenderOptions.Time.SECONDS;
            case 2 -> RenderOptions.Time.MICROS;
            default -> RenderOptions.Time.EPOCH;
        };
        if (relative && time.length > 0) {
            throw new UsageException("--relative-timestamps and -t exclude each other");
        }
        o.durations = durations;
        o.hex = hex.length == 0 ? Quote.Hex.NONE : hex.length == 1 ? Quote.Hex.NON_ASCII : Quote.Hex.ALL;
        o.dump = dump;
        o.noAbbrev = noAbbrev;
        o.fdDecoration = Math.min(fds.length, 2);
        o.syscallNumbers = syscallNumbers;
        String set = quietSet != null ? quietSet : quietQualifier;
        if (quiet.length > 0 && set != null) {
            throw new UsageException("-q and -e quiet/--quiet exclude each other");
        }
        Quiet.apply(set != null ? set : quiet.length == 1 ? "attach,personality"
                : quiet.length == 2 ? "exit,attach,personality" : quiet.length > 2 ? "all" : "none", o);
        o.constStyle = switch (constStyle) {
            case "abbrev" -> ConstStyle.ABBREV;
            case "raw" -> ConstStyle.RAW;
            case "verbose" -> ConstStyle.VERBOSE;
            default -> throw new UsageException("--const-print-style must be raw, abbrev or verbose, not '"
                    + constStyle + "'");
        };
        o.pidnsTranslation = pidnsTranslation;
        for (String pids : new String[] {pidsQualifier, decodePids}) {
            if (pids != null) {
                decodePidSet(pids, o);
            }
        }
        if (decodeFds != null) {
            o.decodeFds = decodeFdSet(decodeFds);
            o.fdDecoration = o.decodeFds == 0 ? 0 : o.decodeFds == RenderOptions.DECODE_PATH ? 1 : 2;
        }
        return o;
    }

    /** strace's --decode-pids set: pidns, comm, all, none, comma-separated. */
    static void decodePidSet(String set, RenderOptions o) {
        for (String item : set.split(",", -1)) {
            switch (item.trim()) {
                case "pidns" -> o.pidnsTranslation = true;
                case "comm" -> o.pidComm = true;
                case "all" -> {
                    o.pidnsTranslation = true;
                    o.pidComm = true;
                }
                case "none" -> { }
                default -> throw new UsageException("invalid --decode-pids '" + item + "' (pidns, comm, all or none)");
            }
        }
    }

    /** strace's --decode-fds set: path, socket, dev, pidfd, all, none, comma-separated. */
    static int decodeFdSet(String set) {
        int bits = 0;
        for (String item : set.split(",", -1)) {
            bits |= switch (item.trim()) {
                case "path" -> RenderOptions.DECODE_PATH;
                case "socket" -> RenderOptions.DECODE_SOCKET;
                case "dev" -> RenderOptions.DECODE_DEV;
                case "pidfd" -> RenderOptions.DECODE_PIDFD;
                case "all" -> RenderOptions.DECODE_ALL;
                case "none" -> 0;
                default -> throw new UsageException("invalid --decode-fds '" + item
                        + "' (path, socket, dev, pidfd, all or none)");
            };
        }
        return bits;
    }
}
