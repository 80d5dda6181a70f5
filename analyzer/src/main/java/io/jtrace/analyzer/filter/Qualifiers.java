package io.jtrace.analyzer.filter;

import io.jtrace.analyzer.error.UsageException;
import io.jtrace.analyzer.trace.Arch;
import io.jtrace.analyzer.trace.Signals;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.format.syscalls.TraceSet;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * strace's {@code -e} qualifiers, as strace takes them: {@code trace=SET} (or a bare SET),
 * {@code signal=SET}, {@code read=SET}, {@code write=SET}, {@code abbrev=SET} and {@code verbose=SET}
 * (each leading {@code !} negates the set), and {@code kvm=vcpu};
 * a later qualifier of a kind replaces an earlier one ({@code strace -e read=3 -e read=0} dumps fd 0 only).
 *
 * @param trace   the syscalls shown; null: all
 * @param signals the signals shown ({@code --- SIGxxx ---}); null: all
 * @param reads   fds whose data read is dumped in hex below the line; null: none
 * @param writes  fds whose data written is dumped; null: none
 * @param abbrev  the syscalls whose structures print abbreviated ({@code -v} is abbrev=none); null: all
 * @param verbose the syscalls whose structures are decoded, the others' print as addresses; null: all
 * @param kvmVcpu KVM_RUN's return value names the vCPU's exit reason ({@code = 0 (KVM_EXIT_IO)})
 */
public record Qualifiers(TraceSet trace, BitSet signals, FdSet reads, FdSet writes, TraceSet abbrev,
                         TraceSet verbose, boolean kvmVcpu) {
    /** An fd set as strace writes it: numbers separated by commas, all, none, a leading ! negates. */
    public record FdSet(boolean negated, Set<Long> fds) {
        public boolean contains(long fd) {
            return negated != fds.contains(fd);
        }

        static FdSet parse(String qualifier, String set) {
            String body = withoutBangs(set);
            boolean negated = (set.length() - body.length()) % 2 == 1;
            Set<Long> fds = new HashSet<>();
            if (body.equals("all")) {
                return new FdSet(!negated, fds);
            }
            if (body.equals("none")) {
                return new FdSet(negated, fds);
            }
            for (String t : body.split(",", -1)) {
                try {
                    long fd = Long.parseLong(t.trim());
                    if (fd < 0 || fd > Integer.MAX_VALUE) {
                        throw new NumberFormatException();
                    }
                    fds.add(fd);
                } catch (NumberFormatException e) {
                    throw new UsageException("-e " + qualifier + "=: invalid file descriptor '" + t + "'");
                }
            }
            return new FdSet(negated, fds);
        }
    }

    public static final Qualifiers NONE = new Qualifiers(null, null, null, null, null, null, false);

    /** strace's -e expressions, syscall and signal names taken by the trace's architecture. */
    public static Qualifiers parse(List<String> expressions, Arch arch) {
        SyscallTable table = arch.syscalls();
        TraceSet trace = null;
        BitSet signals = null;
        FdSet reads = null;
        FdSet writes = null;
        TraceSet abbrev = null;
        TraceSet verbose = null;
        boolean kvmVcpu = false;
        for (String expression : expressions) {
            int eq = expression.indexOf('=');
            String kind = eq < 0 ? "trace" : expression.substring(0, eq);
            String set = eq < 0 ? expression : expression.substring(eq + 1);
            switch (kind) {
                case "trace", "t" -> trace = traceSet(set, table);
                case "signal", "signals", "s" -> signals = signalSet(set, arch.signals());
                case "read", "reads", "r" -> reads = FdSet.parse("read", set);
                case "write", "writes", "w" -> writes = FdSet.parse("write", set);
                case "abbrev", "a" -> abbrev = traceSet(set, table);
                case "verbose", "v" -> verbose = traceSet(set, table);
                case "kvm" -> kvmVcpu = kvm(set);
                default -> throw new UsageException("-e: unknown qualifier '" + kind
                        + "' (trace=, signal=, read=, write=, abbrev=, verbose= or kvm=)");
            }
        }
        return new Qualifiers(trace, signals, reads, writes, abbrev, verbose, kvmVcpu);
    }

    static TraceSet traceSet(String set, SyscallTable table) {
        try {
            return TraceSet.parse(set, table);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** strace's qualify_kvm: {@code vcpu} is the one value. */
    private static boolean kvm(String set) {
        if (!set.equals("vcpu")) {
            throw new UsageException("invalid -e kvm= argument: '" + set + "'");
        }
        return true;
    }

    /** SIGINT, INT, int, 2, all, none, comma-separated, a leading ! negates. */
    static BitSet signalSet(String set, Signals numbering) {
        String body = withoutBangs(set);
        boolean negated = (set.length() - body.length()) % 2 == 1;
        BitSet signals = new BitSet(numbering.max() + 1);
        if (body.equals("all")) {
            signals.set(1, numbering.max() + 1);
        } else if (!body.equals("none")) {
            for (String t : body.split(",", -1)) {
                int n = numbering.number(t.trim());
                if (n < 0) {
                    throw new UsageException("-e signal=: invalid signal '" + t + "'");
                }
                signals.set(n);
            }
        }
        if (negated) {
            signals.flip(1, numbering.max() + 1);
        }
        return signals;
    }

    /** The set without its leading '!'s: each one negates it, as strace's qualify does. */
    private static String withoutBangs(String set) {
        int i = 0;
        while (i < set.length() && set.charAt(i) == '!') {
            i++;
        }
        return set.substring(i);
    }

    /** True when signal {@code signo}'s line is shown. */
    public boolean showsSignal(long signo) {
        // no bit is set above the architecture's highest signal
        return signals == null || signo >= 0 && signo < signals.length() && signals.get((int) signo);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "trace=%s signals=%s reads=%s writes=%s abbrev=%s verbose=%s kvm=%s", trace,
                signals, reads, writes, abbrev, verbose, kvmVcpu);
    }
}
