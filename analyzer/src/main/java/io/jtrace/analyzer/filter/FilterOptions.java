package io.jtrace.analyzer.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The filters every view accepts (picocli mixin). */
public final class FilterOptions {
    @Option(names = "--grep", paramLabel = "REGEX",
            description = "Keep records whose captured bytes (all of them, not the -s cut) or rendered line match.")
    public String grep;

    @Option(names = {"-i", "--ignore-case"}, description = "--grep ignores case.")
    public boolean ignoreCase;

    @Option(names = "-e", paramLabel = "EXPR",
            description = "strace's qualifiers, repeatable: trace=SET (or just SET: names, %%net, %%file, %%desc, "
                    + "%%process, all, ! to negate), signal=SET (the --- SIG --- lines shown), read=FDS and "
                    + "write=FDS (hex dumps of the data read from or written to those fds), quiet=SET (as "
                    + "--quiet), abbrev=SET (the calls whose structures print abbreviated; none is -v), "
                    + "verbose=SET (the calls whose structures are decoded, the others' print as addresses) and "
                    + "kvm=vcpu (KVM_RUN's result names the vCPU's exit reason: = 0 (KVM_EXIT_IO)); a later one "
                    + "of a kind replaces an earlier one.")
    public List<String> expressions = new ArrayList<>();

    @Option(names = {"-P", "--trace-path"}, paramLabel = "PATH",
            description = "Only syscalls that access PATH, by a path argument or an fd that refers to it "
                    + "(strace's -P; repeatable).")
    public List<String> paths = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "PID[,PID...]", split = ",", description = "Only these processes.")
    public List<Integer> pids = new ArrayList<>();

    @Option(names = "--tid", paramLabel = "TID[,TID...]", split = ",", description = "Only these threads.")
    public List<Integer> tids = new ArrayList<>();

    @Option(names = "--fd", paramLabel = "FD[,FD...]", split = ",",
            description = "Only syscalls taking or returning these fds.")
    public List<Integer> fds = new ArrayList<>();

    @Option(names = "--comm", paramLabel = "NAME", split = ",",
            description = "Only threads named NAME, or threads of processes named NAME: exact, or a glob with *, ? or "
                    + "[...]. Names are the kernel's (ps -L, top -H), at most 15 bytes.")
    public List<String> comms = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Start at TIME: seconds into the recording (5, 1.5s, 200ms), HH:MM:SS[.frac] or an ISO date-time.")
    public String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Stop after TIME (same forms as --since).")
    public String until;

    @Option(names = "--status", paramLabel = "SET", description = "Only syscalls that ended so, as strace's "
            + "--status (-e status=): successful, failed, unfinished, unavailable (= ?), detached, all, none; "
            + "comma-separated, ! negates.")
    public String status;

    @Option(names = {"-z", "--successful-only"}, description = "Only syscalls that succeeded.")
    public boolean successfulOnly;

    @Option(names = {"-Z", "--failed-only"}, description = "Only syscalls that failed.")
    public boolean failedOnly;

    /** These filters but --grep, for a view whose --grep selects other things than records (http's exchanges). */
    public FilterOptions withoutGrep() {
        FilterOptions o = copy();
        o.grep = null;
        return o;
    }

    /** A copy to change, so that the options picocli bound stay as the user gave them. */
    public FilterOptions copy() {
        FilterOptions o = new FilterOptions();
        o.grep = grep;
        o.ignoreCase = ignoreCase;
        o.expressions = new ArrayList<>(expressions);
        o.paths = new ArrayList<>(paths);
        o.pids = new ArrayList<>(pids);
        o.tids = new ArrayList<>(tids);
        o.fds = new ArrayList<>(fds);
        o.comms = new ArrayList<>(comms);
        o.since = since;
        o.until = until;
        o.status = status;
        o.successfulOnly = successfulOnly;
        o.failedOnly = failedOnly;
        return o;
    }

    /** --grep's pattern (with -i), or null without --grep; a usage error when it does not compile. */
    public Pattern grepPattern() {
        return grep == null ? null : Filters.pattern(grep, ignoreCase);
    }
}
