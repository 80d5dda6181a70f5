package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** GPIO character device requests (strace's gpio_ioctl.c), v1 and v2 of the ABI. */
final class Gpio {
    private static final Flags LINE_FLAGS = IoctlXlat.table("gpio_line_flags", "GPIOLINE_FLAG_???");
    private static final Flags HANDLE_FLAGS = IoctlXlat.table("gpio_handle_flags", "GPIOHANDLE_REQUEST_???");
    private static final Flags EVENT_FLAGS = IoctlXlat.table("gpio_event_flags", "GPIOEVENT_REQUEST_???");
    private static final Flags V2_FLAGS = IoctlXlat.table("gpio_v2_line_flags", "GPIO_V2_LINE_FLAG_???");
    private static final int NAME = 32;
    private static final int ATTRS_MAX = 10;

    private Gpio() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        switch (code) {
            case 0x8044b401 -> Print.out(c, out, 68, b -> chipInfo(c, out, b));        // GPIO_GET_CHIPINFO_IOCTL
            case 0xc004b40c -> Print.in(c, out, 4, b ->                                 // GPIO_GET_LINEINFO_UNWATCH_IOCTL
                    out.append("{offset=").appendUnsigned(b.getInt(0) & 0xffffffffL).append('}'));
            case 0xc100b405, 0xc100b406 -> inOut(c, out, 256,                          // GPIO_V2_GET_LINEINFO(_WATCH)_IOCTL
                    b -> out.append("{offset=").appendUnsigned(b.getInt(64) & 0xffffffffL).append('}'),
                    b -> v2LineInfo(c, out, b));
            case 0xc250b407 -> inOut(c, out, 592, b -> v2LineRequest(c, out, b),       // GPIO_V2_GET_LINE_IOCTL
                    b -> fd(c, out, b.getInt(588)));
            case 0xc110b40d -> Print.in(c, out, 272, b -> v2LineConfig(c, out, b, 0)); // GPIO_V2_LINE_SET_CONFIG_IOCTL
            case 0xc010b40e -> inOut(c, out, 16,                                        // GPIO_V2_LINE_GET_VALUES_IOCTL
                    b -> Formats.hex(out.append("{mask="), b.getLong(8)).append('}'),
                    b -> Formats.hex(out.append("{bits="), b.getLong(0)).append('}'));
            case 0xc010b40f -> Print.in(c, out, 16, b -> {                              // GPIO_V2_LINE_SET_VALUES_IOCTL
                Formats.hex(out.append("{bits="), b.getLong(0));
                Formats.hex(out.append(", mask="), b.getLong(8)).append('}');
            });
            case 0xc048b402, 0xc048b40b -> inOut(c, out, 72,                           // GPIO_GET_LINEINFO(_WATCH)_IOCTL
                    b -> out.append("{line_offset=").appendUnsigned(b.getInt(0) & 0xffffffffL).append('}'),
                    b -> lineInfo(c, out, b));
            case 0xc16cb403 -> inOut(c, out, 364, b -> handleRequest(c, out, b),       // GPIO_GET_LINEHANDLE_IOCTL
                    b -> fd(c, out, b.getInt(360)));
            case 0xc030b404 -> inOut(c, out, 48, b -> eventRequest(c, out, b),         // GPIO_GET_LINEEVENT_IOCTL
                    b -> fd(c, out, b.getInt(44)));
            case 0xc040b408 -> Print.out(c, out, 64, b -> values(c, out, b, 0));       // GPIOHANDLE_GET_LINE_VALUES_IOCTL
            case 0xc040b409 -> Print.in(c, out, 64, b -> values(c, out, b, 0));        // GPIOHANDLE_SET_LINE_VALUES_IOCTL
            case 0xc054b40a -> Print.in(c, out, 84, b -> {                              // GPIOHANDLE_SET_CONFIG_IOCTL
                HANDLE_FLAGS.flags(out.append("{flags="), b.getInt(0) & 0xffffffffL);
                out.append(", default_values=");
                bytes(c, out, b, 4, 64, 64);
                out.append('}');
            });
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A structure strace prints at entry and, when the call succeeded, again after " => " as the kernel rewrote it. */
    private static void inOut(IoctlCall c, LineBuffer out, int size, Consumer<ByteBuffer> entry,
                              Consumer<ByteBuffer> exit) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(size);
        if (in == null) {
            c.address(out);
            return;
        }
        entry.accept(in);
        if (c.unfinished() || c.failed()) {
            return;
        }
        out.append(" => ");
        ByteBuffer after = c.out(size);
        if (after == null) {
            c.address(out);
        } else {
            exit.accept(after);
        }
    }

    private static void fd(IoctlCall c, LineBuffer out, int fd) {
        c.fd(out.append("{fd="), fd);
        out.append('}');
    }

    private static void chipInfo(IoctlCall c, LineBuffer out, ByteBuffer b) {
        Print.cstring(c, out.append("{name="), b, 0, NAME);
        Print.cstring(c, out.append(", label="), b, NAME, NAME);
        out.append(", lines=").appendUnsigned(b.getInt(64) & 0xffffffffL).append('}');
    }

    private static void lineInfo(IoctlCall c, LineBuffer out, ByteBuffer b) {
        LINE_FLAGS.flags(out.append("{flags="), b.getInt(4) & 0xffffffffL);
        Print.cstring(c, out.append(", name="), b, 8, NAME);
        Print.cstring(c, out.append(", consumer="), b, 40, NAME);
        out.append('}');
    }

    private static void handleRequest(IoctlCall c, LineBuffer out, ByteBuffer b) {
        long lines = b.getInt(356) & 0xffffffffL;
        out.append("{lines=").append(lines).append(", lineoffsets=");
        uints(c, out, b, 0, lines, 64);
        HANDLE_FLAGS.flags(out.append(", flags="), b.getInt(256) & 0xffffffffL);
        out.append(", default_values=");
        bytes(c, out, b, 260, lines, 64);
        Print.cstring(c, out.append(", consumer_label="), b, 324, NAME);
        out.append('}');
    }

    private static void eventRequest(IoctlCall c, LineBuffer out, ByteBuffer b) {
        out.append("{lineoffset=").appendUnsigned(b.getInt(0) & 0xffffffffL);
        HANDLE_FLAGS.flags(out.append(", handleflags="), b.getInt(4) & 0xffffffffL);
        EVENT_FLAGS.flags(out.append(", eventflags="), b.getInt(8) & 0xffffffffL);
        Print.cstring(c, out.append(", consumer_label="), b, 12, NAME);
        out.append('}');
    }

    private static void values(IoctlCall c, LineBuffer out, ByteBuffer b, int at) {
        out.append("{values=");
        bytes(c, out, b, at, 64, 64);
        out.append('}');
    }

    private static void v2LineInfo(IoctlCall c, LineBuffer out, ByteBuffer b) {
        Print.cstring(c, out.append("{name="), b, 0, NAME);
        Print.cstring(c, out.append(", consumer="), b, NAME, NAME);
        V2_FLAGS.flags(out.append(", flags="), b.getLong(72));
        long count = b.getInt(68) & 0xffffffffL;
        out.append(", num_attrs=").append(count);
        if (count != 0) {
            out.append(", attrs=");
            local(c, out, Math.min(count, ATTRS_MAX), i -> {
                out.append('{');
                attribute(out, b, 80 + 16 * i, false);
                out.append('}');
            });
        }
        padding(out, b, 240, 4);
        out.append('}');
    }

    private static void v2LineRequest(IoctlCall c, LineBuffer out, ByteBuffer b) {
        long lines = b.getInt(560) & 0xffffffffL;
        out.append("{num_lines=").append(lines).append(", offsets=");
        uints(c, out, b, 0, lines, 64);
        Print.cstring(c, out.append(", consumer="), b, 256, NAME);
        out.append(", config=");
        v2LineConfig(c, out, b, 288);
        long events = b.getInt(564) & 0xffffffffL;
        if (events != 0) {
            out.append(", event_buffer_size=").append(events);
        }
        padding(out, b, 568, 5);
        out.append('}');
    }

    private static void v2LineConfig(IoctlCall c, LineBuffer out, ByteBuffer b, int at) {
        V2_FLAGS.flags(out.append("{flags="), b.getLong(at));
        long count = b.getInt(at + 8) & 0xffffffffL;
        out.append(", num_attrs=").append(count);
        padding(out, b, at + 12, 5);
        if (count != 0) {
            out.append(", attrs=");
            local(c, out, Math.min(count, ATTRS_MAX), i -> {
                int a = at + 32 + 24 * i;
                out.append('{');
                attribute(out, b, a, true);
                Formats.hex(out.append(", mask="), b.getLong(a + 16)).append('}');
            });
        }
        out.append('}');
    }

    /** struct gpio_v2_line_attribute by its id; raw (id, padding, data) for an unknown id or a non-zero padding. */
    private static void attribute(LineBuffer out, ByteBuffer b, int at, boolean asField) {
        long id = b.getInt(at) & 0xffffffffL;
        int pad = b.getInt(at + 4);
        long value = b.getLong(at + 8);
        if (pad == 0 && id == 1) {
            V2_FLAGS.flags(out.append("flags="), value);
        } else if (pad == 0 && id == 2) {
            Formats.hex(out.append("values="), value);
        } else if (pad == 0 && id == 3) {
            out.append("debounce_period_us=").append(value & 0xffffffffL);
        } else {
            if (asField) {
                out.append("attr={");
            }
            out.append("id=").append(id);
            if (pad != 0) {
                Formats.hex(out.append(", padding="), pad & 0xffffffffL);
            }
            Formats.hex(out.append(", data="), value);
            if (asField) {
                out.append('}');
            }
        }
    }

    /** PRINT_FIELD_X_ARRAY of a padding that is not all zero. */
    private static void padding(LineBuffer out, ByteBuffer b, int at, int count) {
        boolean zero = true;
        for (int i = 0; i < count; i++) {
            zero &= b.getInt(at + 4 * i) == 0;
        }
        if (zero) {
            return;
        }
        out.append(", padding=[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            Formats.hex(out, b.getInt(at + 4 * i) & 0xffffffffL);
        }
        out.append(']');
    }

    private interface Element {
        void print(int index);
    }

    /** print_local_array_ex: {@code count} elements of a structure's array, cut at -s when abbreviated. */
    private static void local(IoctlCall c, LineBuffer out, long count, Element element) {
        out.append('[');
        long shown = c.abbrev() && c.stringLimit() < count ? c.stringLimit() : count;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i >= shown) {
                out.append("...");
                break;
            }
            element.print(i);
        }
        out.append(']');
    }

    /** An array of u32 (print_uint_array_member) of min(count, max) elements. */
    private static void uints(IoctlCall c, LineBuffer out, ByteBuffer b, int at, long count, int max) {
        local(c, out, Math.min(count, max), i -> out.appendUnsigned(b.getInt(at + 4 * i) & 0xffffffffL));
    }

    /** An array of u8 printed as unsigned ints, of min(count, max) elements. */
    private static void bytes(IoctlCall c, LineBuffer out, ByteBuffer b, int at, long count, int max) {
        local(c, out, Math.min(count, max), i -> out.append(b.get(at + i) & 0xff));
    }
}
