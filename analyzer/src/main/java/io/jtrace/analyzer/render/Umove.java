package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * strace's tfetch_mem and umove_or_printaddr over what the recorder captured: a structure is
 * decoded only when the call is verbose ({@code -e verbose=}), its address is not NULL, an output
 * belongs to a call that succeeded, and all of its bytes were readable; else its address prints.
 */
final class Umove {
    private Umove() {
    }

    /** The structure's bytes in little-endian order, or null when strace would not decode it. */
    static ByteBuffer fetch(Call c, RecordedBuffer b, long address, int size, boolean atExit) {
        if (address == 0 || !c.verbose() || atExit && c.failed()) {
            return null;
        }
        return c.struct(b, size);
    }

    /** {@link #fetch}, printing NULL or the address when it gives nothing. */
    static ByteBuffer orAddress(Call c, LineBuffer out, RecordedBuffer b, long address, int size, boolean atExit) {
        ByteBuffer s = fetch(c, b, address, size, atExit);
        if (s == null) {
            Formats.pointer(out, address);
        }
        return s;
    }

    /** How many bytes of a captured array are readable: the data the recorder could copy. */
    static int readable(Call c, RecordedBuffer b) {
        return b == null || b.getError() != 0 ? 0 : b.getData().size();
    }

    /** The captured data in little-endian order (callers check {@link #readable} first). */
    static ByteBuffer bytes(RecordedBuffer b) {
        return b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Prints one element of an array from {@code data} at {@code offset}. */
    @FunctionalInterface
    interface Element {
        void append(Call c, LineBuffer out, ByteBuffer data, int offset);
    }

    /**
     * strace's print_array: NULL; {@code []} for no element; else the elements, at most -s of them
     * unless -v, then "..."; an element that could not be read ends the array with
     * {@code ... /* 0xaddress *}{@code /}, the whole array prints as its address when the first could not.
     */
    static void array(Call c, LineBuffer out, RecordedBuffer b, long address, long nmemb, int size, boolean atExit,
                      Element element) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        if (nmemb == 0) {
            out.append("[]");
            return;
        }
        long end = address + nmemb * size;
        if (Long.compareUnsigned(end, address) <= 0 || (nmemb * size) / size != nmemb) {
            Formats.pointer(out, address);
            return;
        }
        boolean fetchable = c.verbose() && !(atExit && c.failed());
        int have = fetchable ? readable(c, b) : 0;
        ByteBuffer data = have > 0 ? bytes(b) : null;
        long limit = c.abbrev() && c.options.stringLimit < nmemb ? c.options.stringLimit : nmemb;
        for (long i = 0; i < nmemb; i++) {
            if (i > 0) {
                out.append(", ");
            }
            long offset = i * size;
            if (offset + size > have) {
                if (i == 0) {
                    Formats.pointer(out, address);
                } else {
                    Formats.hex(out.append("... /* "), address + offset).append(" */]");
                }
                return;
            }
            if (i == 0) {
                out.append('[');
            }
            if (i >= limit) {
                out.append("...");
                break;
            }
            element.append(c, out, data, (int) offset);
        }
        out.append(']');
    }
}
