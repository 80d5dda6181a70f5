package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;

/** Counter device requests (strace's counter_ioctl.c). */
final class Counter {
    private static final Flags TYPES = Flags.of("COUNTER_COMPONENT_???", "COUNTER_COMPONENT_NONE", 0x0L,
            "COUNTER_COMPONENT_SIGNAL", 0x1L, "COUNTER_COMPONENT_COUNT", 0x2L, "COUNTER_COMPONENT_FUNCTION", 0x3L,
            "COUNTER_COMPONENT_SYNAPSE_ACTION", 0x4L, "COUNTER_COMPONENT_EXTENSION", 0x5L);
    private static final Flags SCOPES = Flags.of("COUNTER_SCOPE_???", "COUNTER_SCOPE_DEVICE", 0x0L,
            "COUNTER_SCOPE_SIGNAL", 0x1L, "COUNTER_SCOPE_COUNT", 0x2L);
    private static final Flags EVENTS = Flags.of("COUNTER_EVENT_???", "COUNTER_EVENT_OVERFLOW", 0x0L,
            "COUNTER_EVENT_UNDERFLOW", 0x1L, "COUNTER_EVENT_OVERFLOW_UNDERFLOW", 0x2L, "COUNTER_EVENT_THRESHOLD", 0x3L,
            "COUNTER_EVENT_INDEX", 0x4L, "COUNTER_EVENT_CHANGE_OF_STATE", 0x5L, "COUNTER_EVENT_CAPTURE", 0x6L);

    private Counter() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x40063e00 -> Print.in(c, out, 6, b -> {                  // COUNTER_ADD_WATCH_IOCTL
                TYPES.hexValue(out.append("{component={type="), b.get(0) & 0xff);
                SCOPES.hexValue(out.append(", scope="), b.get(1) & 0xff);
                out.append(", parent=").append(b.get(2) & 0xff).append(", id=").append(b.get(3) & 0xff).append("}, event=");
                EVENTS.hexValue(out, b.get(4) & 0xff);
                out.append(", channel=").append(b.get(5) & 0xff).append('}');
            });
            case 0x3e01, 0x3e02 -> true;                                    // ENABLE/DISABLE_EVENTS
            default -> false;
        };
    }
}
