package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * execve's and execveat's argv and envp as strace 6.1's execve.c prints them: printargv's
 * {@code ["a", "b", ...]} (at most -s strings unless -v, {@code ... /* 0x7f... *}{@code /} where
 * memory ended before the NULL) and, for envp without -v, printargc's address and
 * {@code /* 5 vars *}{@code /}. The recorder keeps each array as the argument's WHOLE buffer and
 * string {@code i} as its IOV buffer {@code i} (recorder/capture/ExecCaptures).
 */
final class Exec {
    private Exec() {
    }

    static final Arg ARGV = Arg.in((c, i, out) -> argv(c, i, out));

    /** envp: its strings under -v, else how many there are. */
    static final Arg ENVP = Arg.in((c, i, out) -> {
        if (c.abbrev()) {
            argc(c, i, out);
        } else {
            argv(c, i, out);
        }
    });

    /** printargv. */
    private static void argv(Call c, int i, LineBuffer out) {
        long address = c.arg(i);
        RecordedBuffer array = c.atEntry(i);
        if (address == 0 || !c.verbose() || array == null) {
            Formats.pointer(out, address);
            return;
        }
        ByteBuffer words = words(array);
        int count = words.limit() / Long.BYTES;
        if (count == 0) {
            Formats.pointer(out, address); // the first word was unreadable
            return;
        }
        out.append('[');
        for (int n = 0; n < count; n++) {
            long word = words.getLong(n * Long.BYTES);
            if (word == 0) {
                out.append(']');
                return;
            }
            if (n != 0) {
                out.append(", ");
            }
            if (c.abbrev() && n >= c.options.stringLimit) {
                out.append("...]");
                return;
            }
            string(c, out, c.part(i, Buffer.Part.IOV, n, false), word);
        }
        if (array.getError() != 0) {
            out.append(", ... /* ");
            Formats.pointer(out, address + (long) count * Long.BYTES).append(" */");
        } else {
            out.append(", ..."); // more pointers than the recorder keeps
        }
        out.append(']');
    }

    /** printargc: the address, then the count of strings in a comment. */
    private static void argc(Call c, int i, LineBuffer out) {
        long address = c.arg(i);
        Formats.pointer(out, address);
        RecordedBuffer array = c.atEntry(i);
        if (address == 0 || !c.verbose() || array == null) {
            return;
        }
        ByteBuffer words = words(array);
        int count = words.limit() / Long.BYTES;
        if (count == 0) {
            return;
        }
        int n = 0;
        while (n < count && words.getLong(n * Long.BYTES) != 0) {
            n++;
        }
        out.append(" /* ").append(n).append(n == 1 ? " var" : " vars")
                .append(n == count && array.getError() != 0 ? ", unterminated */" : " */");
    }

    private static ByteBuffer words(RecordedBuffer array) {
        return array.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** printstr of a NUL-terminated string: cut at -s with "...", the address when unreadable. */
    private static void string(Call c, LineBuffer out, RecordedBuffer b, long address) {
        if (b == null || b.getError() != 0) {
            Formats.pointer(out, address);
            return;
        }
        int limit = c.options.stringLimit;
        int n = (int) Math.min(limit, b.getData().size());
        byte[] bytes = new byte[n];
        b.getData().copyTo(bytes, 0, 0, n);
        Quote.append(out, bytes, 0, n, c.options.hex, false);
        if (b.getLength() > limit) {
            out.append("...");
        }
    }
}
