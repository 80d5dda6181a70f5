package io.jtrace.analyzer.render;

/** How lines are rendered: strace's -a, -s, -t/-tt/-ttt, -r, -T, -x/-xx, -X, -y/-yy, -v, -e read=/write=/abbrev=/verbose=. */
public final class RenderOptions {
    public enum Time {
        NONE, SECONDS, MICROS, EPOCH, RELATIVE
    }

    /** The column " = " is aligned to (strace -a, default 40). */
    public int column = 40;
    /** Bytes shown of each string (strace -s, default 32). */
    public int stringLimit = 32;
    public Time time = Time.NONE;
    /** Append the time spent in each call (-T). */
    public boolean durations;
    public Quote.Hex hex = Quote.Hex.NONE;
    /** Hex and ASCII dumps of every captured data buffer after the line (-X). */
    public boolean dump;
    /** -e read=FDS, -e write=FDS: dumps of the data read from or written to these fds; null: none. */
    public io.jtrace.analyzer.filter.Qualifiers.FdSet reads;
    public io.jtrace.analyzer.filter.Qualifiers.FdSet writes;
    /** Each line starts with the syscall's number, {@code [  41] } (strace's -n). */
    public boolean syscallNumbers;
    /** No "+++ exited with N +++" or "+++ killed by SIG +++" lines (strace's -qq, --quiet=exit). */
    public boolean quietExit;
    /** No "+++ superseded by execve in pid N +++" lines (strace's --quiet=thread-execve). */
    public boolean quietSuperseded;
    /**
     * A non-leader thread's execve as one line after the "superseded" one, not split as strace
     * splits it: for views that compare calls line by line (diff).
     */
    public boolean wholeThreadExecve;
    /** How named constants print (strace's --const-print-style, -X). */
    public ConstStyle constStyle = ConstStyle.ABBREV;
    /** 0: plain fds; 1: paths (-y); 2: socket endpoints too (-yy); more than 0 whenever {@link #decodeFds} is. */
    public int fdDecoration;
    /** strace's --decode-fds set: what {@code <...>} after an fd shows; -y is {@link #DECODE_PATH}, -yy all. */
    public int decodeFds;
    public static final int DECODE_PATH = 1;
    public static final int DECODE_SOCKET = 2;
    public static final int DECODE_DEV = 4;
    public static final int DECODE_PIDFD = 8;
    public static final int DECODE_ALL = 15;
    /** Time zone for -t/-tt; tests fix it, users get the system's. */
    public java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    /** -v (--no-abbrev): every syscall's structures printed whole, as -e abbrev=none. */
    public boolean noAbbrev;
    /** -e abbrev=SET: the syscalls whose structures print abbreviated; null: all. */
    public io.jtrace.format.syscalls.TraceSet abbrev;
    /** -e verbose=SET: the syscalls whose structures are decoded, the others' print as addresses; null: all. */
    public io.jtrace.format.syscalls.TraceSet verbose;
    /** strace's -e kvm=vcpu: KVM_RUN's return value names the exit reason of the vCPU's struct kvm_run. */
    public boolean kvmVcpu;
    /** strace's --decode-pids=pidns (--pidns-translation): a pid of another pid namespace gets the recorder's number. */
    public boolean pidnsTranslation;
    /** strace's --decode-pids=comm: a pid gets its process's name. */
    public boolean pidComm;
    /** How fd numbers print; null: as numbers. The diff view names them so that runs compare. */
    public FdNames fdNames;

    /** Prints a name in place of an fd's number. */
    @FunctionalInterface
    public interface FdNames {
        void append(io.jtrace.analyzer.output.LineBuffer out, int pid, int fd);
    }
}
