package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** strace's print_array_ex over the bytes the recorder copied: the copy ends where the tracee's memory ended. */
final class IoctlArrays {
    private IoctlArrays() {
    }

    /** Prints one element that starts at {@code at} of {@code b}. */
    interface Element {
        void print(LineBuffer out, ByteBuffer b, int at);
    }

    /**
     * {@code count} elements of {@code size} bytes at {@code address}, of which {@code bytes} holds
     * the readable start; cut at -s elements when abbreviated; {@code truncated} (PAF_ARRAY_TRUNCATED)
     * adds "..." after the last element.
     */
    static void print(IoctlCall c, LineBuffer out, byte[] bytes, long address, long count, int size,
                      boolean truncated, Element element) {
        print(c, out, bytes, address, count, size, truncated, count, element);
    }

    /** {@link #print}, "..." after {@code limit} elements too (a decoder's own limit, FIDEDUPERANGE's). */
    static void print(IoctlCall c, LineBuffer out, byte[] bytes, long address, long count, int size,
                      boolean truncated, long limit, Element element) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        if (count == 0) {
            out.append(truncated ? "[...]" : "[]");
            return;
        }
        long abbrevEnd = c.abbrev() && c.stringLimit() < count ? c.stringLimit() : count;
        abbrevEnd = Math.min(abbrevEnd, limit);
        int readable = bytes == null ? 0 : bytes.length / size;
        ByteBuffer b = bytes == null ? null : ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean cut = false;
        long i = 0;
        for (; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i >= readable) {
                if (i == 0) {
                    Formats.pointer(out, address);
                    return;
                }
                out.append("... /* ");
                Formats.hex(out, address + i * size).append(" */");
                cut = true;
                break;
            }
            if (i == 0) {
                out.append('[');
            }
            if (i >= abbrevEnd) {
                out.append("...");
                cut = true;
                break;
            }
            element.print(out, b, (int) (i * size));
        }
        if (truncated && !cut) {
            out.append(", ...");
        }
        out.append(']');
    }

    /** A u32 in hex (print_xint_array_member). */
    static void xint(LineBuffer out, ByteBuffer b, int at) {
        Formats.hex(out, b.getInt(at) & 0xffffffffL);
    }
}
