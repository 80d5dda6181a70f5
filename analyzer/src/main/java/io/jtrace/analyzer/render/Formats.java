package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/** Numbers as strace's printf formats write them. */
public final class Formats {
    private Formats() {
    }

    /** {@code %#lx}: "0" for zero, else "0x" and lower-case hex. */
    public static LineBuffer hex(LineBuffer out, long v) {
        return v == 0 ? out.append('0') : out.append("0x").appendHex(v);
    }

    /** A pointer: NULL or its hex address. */
    public static LineBuffer pointer(LineBuffer out, long v) {
        return v == 0 ? out.append("NULL") : out.append("0x").appendHex(v);
    }

    /** {@code %#03o} of a umode_t (16 bits, as strace's print_numeric_umode_t): a mode such as 0644; zero as 000. */
    public static LineBuffer mode(LineBuffer out, long v) {
        String o = Long.toOctalString(v & 0xffffL);
        out.append('0');
        for (int i = o.length(); i < 2; i++) {
            out.append('0');
        }
        return out.append(o);
    }

    /** Unsigned decimal of a 64-bit register. */
    public static LineBuffer unsigned(LineBuffer out, long v) {
        return out.appendUnsigned(v);
    }
}
