package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/** strace's print_mac_addr: a hardware address as "aa:bb:cc", its bytes in hex unless abbrev. */
public final class MacAddr {
    /** strace's MAX_ADDR_LEN: longer addresses print as bytes only. */
    private static final int MAX_ADDR_LEN = 32;

    private MacAddr() {
    }

    /** {@code size} bytes of {@code b} from {@code off}, in the line's {@link ConstStyle}. */
    public static void append(LineBuffer out, byte[] b, int off, int size) {
        ConstStyle style = ConstStyle.current();
        if (style != ConstStyle.ABBREV || size > MAX_ADDR_LEN) {
            Quote.append(out, b, off, size, Quote.Hex.ALL, false);
        }
        if (style == ConstStyle.RAW || size > MAX_ADDR_LEN) {
            return;
        }
        LineBuffer text = new LineBuffer(size * 3);
        for (int i = 0; i < size; i++) {
            int v = b[off + i] & 0xff;
            text.append(i > 0 ? ":" : "").append(v < 16 ? "0" : "").appendHex(v);
        }
        if (style == ConstStyle.VERBOSE) {
            ConstStyle.comment(out, text.toString());
        } else {
            out.append(text.toString());
        }
    }
}
