package io.jtrace.recorder.inject;

/**
 * What one {@code -e inject=} or {@code -e fault=} qualifier does to each syscall of its set, as
 * strace's {@code struct inject_opts}: on the calls numbered {@code first}, {@code first + step},
 * ... up to {@code last} (counted per syscall and per thread), make the kernel skip the call and
 * return {@link #returnValue()} (when {@link #tampers()}), and deliver {@link #signal()} (when not 0).
 *
 * @param first  the first call to tamper with, counting from 1 ({@code when=FIRST})
 * @param last   the last call that may be tampered with, {@link #LAST_INF} for no end
 * @param step   calls between two tampered ones; 0: only the first
 * @param tampers the call is skipped and {@code value} returned (error= or retval=)
 * @param retval {@code value} is a return value (retval=), else an errno (error=)
 * @param value  the errno of error= (positive) or the value of retval=
 * @param signal the signal delivered at the call (signal=), 0 for none
 * @param pokes  memory written where arguments point (poke_enter=, poke_exit=)
 */
public record InjectRule(int first, int last, int step, boolean tampers, boolean retval, long value, int signal,
                         Pokes pokes) {
    public InjectRule(int first, int last, int step, boolean tampers, boolean retval, long value, int signal) {
        this(first, last, step, tampers, retval, value, signal, Pokes.NONE);
    }

    /** strace's INJECT_LAST_INF: {@code when=} without an end. */
    public static final int LAST_INF = 0xffff;

    /** The raw return value the tracee sees: {@code -errno}, or the retval= value. */
    public long returnValue() {
        return retval ? value : -value;
    }
}
