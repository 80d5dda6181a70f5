package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** strace's print_array over an array the argument's structure points to, as much of it as the recorder could copy. */
final class PrintArray {
    private PrintArray() {
    }

    /** Prints the element at {@code offset} of {@code b}. */
    @FunctionalInterface
    interface Element {
        void append(LineBuffer out, ByteBuffer b, int offset);
    }

    /**
     * NULL, {@code []}, the address when the first element is unreadable, else the elements (at most
     * -s of them without -v, then "...") and {@code ... /* 0xaddress *}{@code /} where the readable
     * memory ended. True, as print_array returns, when every element was printed or abbreviated.
     */
    static boolean array(IoctlCall c, LineBuffer out, byte[] data, long address, long nmemb, int size,
                         Element element) {
        if (address == 0) {
            out.append("NULL");
            return false;
        }
        if (nmemb == 0) {
            out.append("[]");
            return false;
        }
        long bytes = nmemb * size;
        if (Long.compareUnsigned(address + bytes, address) <= 0 || Long.divideUnsigned(bytes, size) != nmemb) {
            Formats.pointer(out, address);
            return false;
        }
        ByteBuffer b = data == null ? null : ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int have = data == null ? 0 : data.length;
        long limit = c.abbrev() && Long.compareUnsigned(c.stringLimit(), nmemb) < 0 ? c.stringLimit() : nmemb;
        for (long i = 0; Long.compareUnsigned(i, nmemb) < 0; i++) {
            if (i > 0) {
                out.append(", ");
            }
            long offset = i * size;
            if (offset + size > have) {
                if (i == 0) {
                    Formats.pointer(out, address);
                    return false;
                }
                Formats.hex(out.append("... /* "), address + offset).append(" */]");
                return false;
            }
            if (i == 0) {
                out.append('[');
            }
            if (i >= limit) {
                out.append("...]");
                return true;
            }
            element.append(out, b, (int) offset);
        }
        out.append(']');
        return true;
    }

    /** print_local_array of {@code n} elements of a structure: at most -s of them without -v, then "...". */
    static void local(IoctlCall c, LineBuffer out, int n, java.util.function.IntConsumer element) {
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (c.abbrev() && i >= c.stringLimit()) {
                out.append("...");
                break;
            }
            element.accept(i);
        }
        out.append(']');
    }

    /** A local array of {@code n} u32s at {@code at}, in hex (print_xint_array_member). */
    static void hex32(IoctlCall c, LineBuffer out, ByteBuffer b, int at, int n) {
        local(c, out, n, i -> Formats.hex(out, b.getInt(at + 4 * i) & 0xffffffffL));
    }
}
