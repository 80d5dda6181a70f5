package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** LIRC requests (strace's lirc_ioctl.c): an unsigned int, the getters' at exit, the setters' at entry. */
final class Lirc {
    private static final Flags FEATURES = IoctlXlat.table("lirc_features", "LIRC_CAN_???");
    private static final Flags MODES = IoctlXlat.table("lirc_modes", "LIRC_MODE_???");

    private Lirc() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x80046900, 0x80046901, 0x80046902, 0x80046907, 0x80046908, 0x80046909, 0x8004690f, 0x80046924 ->
                    Print.out(c, out, 4, b -> value(out, code, b));
            case 0x40046911, 0x40046912, 0x40046913, 0x40046914, 0x40046915, 0x40046917, 0x40046918, 0x40046919,
                 0x4004691d, 0x4004691f, 0x40046923 -> Print.in(c, out, 4, b -> value(out, code, b));
            default -> false;
        };
    }

    private static void value(LineBuffer out, int code, ByteBuffer b) {
        long v = u32(b, 0);
        out.append('[');
        switch (code) {
            case 0x80046900 -> FEATURES.flags(out, v);                                       // LIRC_GET_FEATURES
            case 0x80046901, 0x80046902, 0x40046911, 0x40046912 -> MODES.hexValue(out, v);   // [GS]ET_{SEND,REC}_MODE
            case 0x40046917 -> Formats.hex(out, v);                                          // SET_TRANSMITTER_MASK
            default -> out.appendUnsigned(v);
        }
        out.append(']');
    }
}
