package io.jtrace.analyzer.render;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.output.LineBuffer;
import java.io.IOException;
import java.io.OutputStream;

/** strace's {@code -e read=}/{@code -e write=} dump: offset, 16 hex bytes in two groups, ASCII. */
final class HexDump {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexDump() {
    }

    /** Lines dumped into the buffer before it is written out. */
    private static final int LINES = 4096;

    /** Dumps {@code data} to {@code to}, {@link #LINES} lines at a time through {@code out}. */
    static void write(LineBuffer out, ByteString data, OutputStream to) throws IOException {
        int length = data.size();
        byte[] piece = new byte[Math.min(length, LINES * 16)];
        for (int from = 0; from < length; from += piece.length) {
            int n = Math.min(piece.length, length - from);
            data.copyTo(piece, from, 0, n);
            append(out.clear(), piece, from, n, length);
            out.writeTo(to);
        }
    }

    /** strace's dumpstr reads the tracee's memory this many bytes at a time. */
    private static final int FETCH = 1 << 16;

    /**
     * strace's dumpstr of {@code length} bytes at {@code address} of which only {@code data} could be
     * read (the memory ends): the 64 KiB pieces it read whole, then
     * {@code <Cannot fetch 2 bytes from pid 20790 @0x7fde2709e000>}; nothing when the first piece failed.
     */
    static void writeReadable(LineBuffer out, ByteString data, long length, long address, int tid, OutputStream to)
            throws IOException {
        int read = data.size() / FETCH * FETCH;
        int digitsOf = (int) Math.min(length, Integer.MAX_VALUE);
        byte[] piece = new byte[FETCH];
        for (int from = 0; from < read; from += FETCH) {
            data.copyTo(piece, from, 0, FETCH);
            append(out.clear(), piece, from, FETCH, digitsOf);
            out.writeTo(to);
        }
        if (read > 0) {
            long fetch = Math.min(length - read, FETCH);
            out.clear().append(" | <Cannot fetch ").append(fetch).append(fetch == 1 ? " byte" : " bytes")
                    .append(" from pid ").append(tid).append(" @");
            Formats.hex(out, address + read).append(">\n").writeTo(to);
        }
    }

    /** Dumps {@code data[0..n)}, the bytes at offset {@code at} of a buffer of {@code length} bytes. */
    static void append(LineBuffer out, byte[] data, int at, int n, int length) {
        int offsetDigits = length > 1 << 20 ? 1 + (63 - Long.numberOfLeadingZeros(length - 1)) / 4 : 5;
        for (int line = 0; line < n; line += 16) {
            out.append(" | ");
            String offset = Integer.toHexString(at + line);
            for (int k = offset.length(); k < offsetDigits; k++) {
                out.append('0');
            }
            out.append(offset).append("  ");
            for (int k = 0; k < 16; k++) {
                int i = line + k;
                if (i < n) {
                    int c = data[i] & 0xff;
                    out.append(DIGITS[c >> 4]).append(DIGITS[c & 0xf]);
                } else {
                    out.append("  ");
                }
                out.append(' ');
                if (k == 7 || k == 15) {
                    out.append(' ');
                }
            }
            for (int k = 0; k < 16; k++) {
                int i = line + k;
                out.append(i < n ? (Quote.printable(data[i] & 0xff) ? (char) (data[i] & 0xff) : '.') : ' ');
            }
            out.append(" |\n");
        }
    }
}
