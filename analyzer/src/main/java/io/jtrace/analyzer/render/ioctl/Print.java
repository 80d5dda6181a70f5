package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** The argument printers strace's ioctl decoders share (umove_or_printaddr, printnum_int, printstrn...). */
final class Print {
    private Print() {
    }

    /**
     * A structure the kernel reads: ", {...}" from the entry copy, NULL, or the address when not all
     * of it was copied or -e verbose= leaves the call out (strace's umove_or_printaddr).
     */
    static boolean in(IoctlCall c, LineBuffer out, int size, Consumer<ByteBuffer> body) {
        out.append(", ");
        ByteBuffer b = c.address() == 0 || !c.verbose() ? null : c.in(size);
        if (b == null) {
            c.address(out);
        } else {
            body.accept(b);
        }
        return true;
    }

    /**
     * A structure the kernel fills, printed at exit: nothing for an unfinished call (strace's entry
     * printed nothing yet); the address for a failed call or one whose result was not copied.
     */
    static boolean out(IoctlCall c, LineBuffer out, int size, Consumer<ByteBuffer> body) {
        if (c.unfinished()) {
            return true;
        }
        out.append(", ");
        ByteBuffer b = c.address() == 0 || !c.verbose() ? null : c.out(size);
        if (b == null) {
            c.address(out);
        } else {
            body.accept(b);
        }
        return true;
    }

    /** printnum_int(..., "%d") of an input: {@code [6]}. */
    static boolean intIn(IoctlCall c, LineBuffer out) {
        return in(c, out, 4, b -> out.append('[').append(b.getInt(0)).append(']'));
    }

    static boolean intOut(IoctlCall c, LineBuffer out) {
        return out(c, out, 4, b -> out.append('[').append(b.getInt(0)).append(']'));
    }

    static boolean uintOut(IoctlCall c, LineBuffer out) {
        return out(c, out, 4, b -> out.append('[').appendUnsigned(b.getInt(0) & 0xffffffffL).append(']'));
    }

    static boolean uintIn(IoctlCall c, LineBuffer out) {
        return in(c, out, 4, b -> out.append('[').appendUnsigned(b.getInt(0) & 0xffffffffL).append(']'));
    }

    /** The raw argument in hex (strace's generic print of an undecoded argument). */
    static boolean hexArg(IoctlCall c, LineBuffer out) {
        Formats.hex(out.append(", "), c.address());
        return true;
    }

    /** The argument as an unsigned number (PRINT_VAL_U of a kernel_ulong_t). */
    static boolean unsignedArg(IoctlCall c, LineBuffer out) {
        out.append(", ").appendUnsigned(c.address());
        return true;
    }

    /**
     * {@code "abc"}: a fixed-size char array up to its NUL, as PRINT_FIELD_CSTRING prints it; an
     * array with no NUL prints its first {@code size - 1} bytes and "...".
     */
    static void cstring(IoctlCall c, LineBuffer out, ByteBuffer b, int offset, int size) {
        int n = 0;
        while (n < size && b.get(offset + n) != 0) {
            n++;
        }
        boolean cut = n == size;
        if (cut) {
            n--;
        }
        byte[] bytes = new byte[n];
        b.get(offset, bytes);
        Quote.append(out, bytes, 0, n, c.hex(), false);
        if (cut) {
            out.append("...");
        }
    }
}
