package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Signals;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;

/**
 * Signal masks as strace's sprintsigmask_n prints them: {@code [USR2 CHLD]}, {@code ~[HUP KILL STOP]},
 * {@code []}; numbers under -X raw ({@code [12 17]}), numbers with the names under -X verbose.
 */
final class Sigsets {

    private Sigsets() {
    }

    /** The size of the kernel's sigset_t: a bit per signal (NSIG_BYTES). */
    private static int nsigBytes(Signals signals) {
        return signals.max() / 8;
    }

    /** {@code bytes} bytes of a mask: the signals set in it, or those not set after '~' when 2/3 or more are. */
    static void mask(LineBuffer out, Signals signals, ByteBuffer b, int bytes) {
        int words = (Math.min(bytes, nsigBytes(signals)) + 3) / 4;
        int bits = words * 32;
        long mask = 0;
        for (int w = 0; w < words; w++) {
            mask |= (b.getInt(w * 4) & 0xffffffffL) << (32 * w);
        }
        if (Long.bitCount(mask) >= bits * 2 / 3) {
            mask = ~mask & (bits == 64 ? -1L : (1L << bits) - 1);
            out.append('~');
        }
        char sep = '[';
        for (int i = 0; i < bits; i++) {
            if ((mask & (1L << i)) == 0) {
                continue;
            }
            int signo = i + 1;
            out.append(sep);
            // -X raw: the number; -X verbose: the number and the name in a comment
            ConstStyle style = ConstStyle.current();
            if (style != ConstStyle.ABBREV) {
                out.append(signo);
            }
            if (style == ConstStyle.VERBOSE) {
                out.append(" /* ");
            }
            if (style != ConstStyle.RAW) {
                out.append(signals.name(signo).substring(3)); // RTMIN, RT_1...
            }
            if (style == ConstStyle.VERBOSE) {
                out.append(" */");
            }
            sep = ' ';
        }
        if (sep == '[') {
            out.append('[');
        }
        out.append(']');
    }

    /** strace's print_sigset_addr_len: the mask of {@code length} bytes, or NULL / the address. */
    static void addrLen(Call c, LineBuffer out, RecordedBuffer b, long address, long length) {
        if (length < 8 || length > nsigBytes(c.arch.signals)) {
            Formats.pointer(out, address);
            return;
        }
        ByteBuffer m = Umove.orAddress(c, out, b, address, (int) length, false);
        if (m != null) {
            mask(out, c.arch.signals, m, (int) length);
        }
    }

    /** A mask the call reads, its length in argument {@code lengthArg}. */
    static Arg sigset(int lengthArg) {
        return Arg.in((c, i, out) -> addrLen(c, out, c.atEntry(i), c.arg(i), c.arg(lengthArg)));
    }

    /** pselect6's sixth argument: {@code {sigmask=[HUP], sigsetsize=8}}, the mask in the buffer with index 1. */
    static final Arg KERNEL_SIGSET = Arg.in((c, i, out) -> {
        ByteBuffer sas = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), 16, false);
        if (sas == null) {
            return;
        }
        out.append("{sigmask=");
        addrLen(c, out, c.part(i, Buffer.Part.WHOLE, 1, false), sas.getLong(0), sas.getLong(8));
        out.append(", sigsetsize=").appendUnsigned(sas.getLong(8)).append('}');
    });
}
