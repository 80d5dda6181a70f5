package io.jtrace.recorder;

import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.format.syscalls.TraceSet;
import io.jtrace.recorder.RecordCommand.UsageException;
import io.jtrace.recorder.inject.Injections;
import io.jtrace.recorder.output.OutputPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The recorder's settings, checked: everything a command line can get wrong is a usage error here. */
record RecorderConfig(Set<Integer> pids, List<String> command, boolean followForks, TraceSet traceSet,
                      SyscallTable table, long snaplen, long count, long durationSeconds, OutputPolicy output,
                      boolean drop, boolean quiet, List<String> commandLine, boolean seccompBpf,
                      Injections injections) {

    static RecorderConfig from(RecordCommand c) {
        Set<Integer> pids = parsePids(c.pids);
        if (pids.isEmpty() == c.command.isEmpty()) {
            throw new UsageException(pids.isEmpty() ? "give -p PID or -- CMD" : "give -p PID or -- CMD, not both");
        }
        if (c.seccompBpf && !pids.isEmpty()) {
            throw new UsageException("--seccomp-bpf cannot be used with -p: a filter cannot be removed from a process "
                    + "the recorder did not start");
        }
        if (c.seccompBpf && !c.followForks) {
            throw new UsageException("--seccomp-bpf needs -f: child processes inherit the filter and must be traced");
        }
        SyscallTable table = SyscallTable.forArch(arch());
        String traceSet = null;
        Injections injections = Injections.none();
        TraceSet set;
        try {
            for (String q : c.qualifiers) {
                if (q.startsWith("inject=") || q.startsWith("fault=")) {
                    boolean fault = q.startsWith("fault=");
                    injections = injections.with(q.substring(q.indexOf('=') + 1), fault, table);
                } else if (traceSet == null) {
                    traceSet = q;
                } else {
                    // several -e trace= add up, as strace's do
                    String more = q.startsWith("trace=") ? q.substring(6) : q;
                    String first = traceSet.startsWith("trace=") ? traceSet.substring(6) : traceSet;
                    if (more.startsWith("!") || first.startsWith("!")) {
                        throw new IllegalArgumentException("several trace= with a negation among them are not supported");
                    }
                    traceSet = first + "," + more;
                }
            }
            if (traceSet != null) {
                set = TraceSet.parse(traceSet, table);
            } else if (injections.isEmpty()) {
                set = TraceSet.defaults(table);
            } else {
                // strace traces every call by default, so whatever it tampers with it shows: record them too
                set = TraceSet.parse(TraceSet.DEFAULT + "," + injections.names(table), table);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("-e: " + e.getMessage());
        }
        nonNegative("-s", c.snaplen);
        nonNegative("-c", c.count);
        nonNegative("-G", c.rotateSeconds);
        nonNegative("--duration", c.durationSeconds);
        nonNegative("-C", c.rotateMegabytes);
        nonNegative("-W", c.maxFiles);
        boolean rotateByTime = c.rotateSeconds > 0 && c.maxFiles > 0;
        long duration = c.durationSeconds > 0 ? c.durationSeconds : (rotateByTime ? 0 : c.rotateSeconds);
        if ("-".equals(c.output) && (c.rotateSeconds > 0 && c.maxFiles > 0 || c.rotateMegabytes > 0)) {
            throw new UsageException("cannot rotate standard output (-w -)");
        }
        if (c.maxFiles > 0 && !rotateByTime && c.rotateMegabytes == 0) {
            throw new UsageException("-W needs -G or -C");
        }
        OutputPolicy output = new OutputPolicy(c.output, c.codec(), rotateByTime ? c.rotateSeconds : 0,
                c.rotateMegabytes * 1_000_000L, c.maxFiles, c.owner);
        List<String> commandLine = new ArrayList<>(List.of("jtrace-record"));
        commandLine.addAll(c.rawArgs);
        return new RecorderConfig(pids, List.copyOf(c.command), c.followForks, set, table, c.snaplen, c.count,
                duration, output, c.drop, c.quiet, commandLine, c.seccompBpf, injections);
    }

    static Set<Integer> parsePids(List<String> args) {
        Set<Integer> pids = new LinkedHashSet<>();
        for (String arg : args) {
            for (String p : arg.trim().split("[\\s,]+")) {
                if (p.isEmpty()) {
                    continue;
                }
                try {
                    int pid = Integer.parseInt(p);
                    if (pid <= 0) {
                        throw new NumberFormatException();
                    }
                    pids.add(pid);
                } catch (NumberFormatException e) {
                    throw new UsageException("-p: invalid process id '" + p + "'");
                }
            }
        }
        return pids;
    }

    private static void nonNegative(String option, long value) {
        if (value < 0) {
            throw new UsageException(option + " must not be negative");
        }
    }

    static String arch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            default -> throw new IllegalStateException("unsupported architecture " + arch + " (x86_64 only for now)");
        };
    }
}
