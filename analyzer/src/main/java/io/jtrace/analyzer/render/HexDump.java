package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/** strace's {@code -e read=}/{@code -e write=} dump: offset, 16 hex bytes in two groups, ASCII. */
final class HexDump {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexDump() {
    }

    static void append(LineBuffer out, byte[] data, int length) {
        int offsetDigits = length > 1 << 20 ? 1 + (63 - Long.numberOfLeadingZeros(length - 1)) / 4 : 5;
        for (int line = 0; line < length; line += 16) {
            out.append(" | ");
            String offset = Integer.toHexString(line);
            for (int k = offset.length(); k < offsetDigits; k++) {
                out.append('0');
            }
            out.append(offset).append("  ");
            for (int k = 0; k < 16; k++) {
                int i = line + k;
                if (i < length) {
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
                out.append(i < length ? (Quote.printable(data[i] & 0xff) ? (char) (data[i] & 0xff) : '.') : ' ');
            }
            out.append(" |\n");
        }
    }
}
