package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ioctl request names as strace 6.1 prints them on x86_64 (ioctl.c): the names of strace's ioctlent
 * table (ioctlent.tsv, scripts/gen-ioctl-table) joined by " or " when several share a code, after
 * the few whose size or number is a parameter ({@code EVIOCGBIT(EV_KEY, 8)}, {@code MIXER_READ(13)});
 * an unknown request as {@code _IOC(_IOC_READ, 0xde, 0xad, 0x8)}.
 */
public final class IoctlNames {
    static final int IOC_NONE = 0;
    static final int IOC_WRITE = 1;
    static final int IOC_READ = 2;

    private static final Map<Integer, String[]> NAMES = load();
    static final Flags EV = Flags.of("EV_???", "EV_SYN", 0x0L, "EV_KEY", 0x1L, "EV_REL", 0x2L,
            "EV_ABS", 0x3L, "EV_MSC", 0x4L, "EV_SW", 0x5L, "EV_LED", 0x11L, "EV_SND", 0x12L, "EV_REP", 0x14L,
            "EV_FF", 0x15L, "EV_PWR", 0x16L, "EV_FF_STATUS", 0x17L);
    static final Flags ABS = Flags.of("ABS_???", "ABS_X", 0x0L, "ABS_Y", 0x1L, "ABS_Z", 0x2L,
            "ABS_RX", 0x3L, "ABS_RY", 0x4L, "ABS_RZ", 0x5L, "ABS_THROTTLE", 0x6L, "ABS_RUDDER", 0x7L,
            "ABS_WHEEL", 0x8L, "ABS_GAS", 0x9L, "ABS_BRAKE", 0xaL, "ABS_HAT0X", 0x10L, "ABS_HAT0Y", 0x11L,
            "ABS_HAT1X", 0x12L, "ABS_HAT1Y", 0x13L, "ABS_HAT2X", 0x14L, "ABS_HAT2Y", 0x15L, "ABS_HAT3X", 0x16L,
            "ABS_HAT3Y", 0x17L, "ABS_PRESSURE", 0x18L, "ABS_DISTANCE", 0x19L, "ABS_TILT_X", 0x1aL,
            "ABS_TILT_Y", 0x1bL, "ABS_TOOL_WIDTH", 0x1cL, "ABS_VOLUME", 0x20L, "ABS_PROFILE", 0x21L,
            "ABS_MISC", 0x28L, "ABS_RESERVED", 0x2eL, "ABS_MT_SLOT", 0x2fL, "ABS_MT_TOUCH_MAJOR", 0x30L,
            "ABS_MT_TOUCH_MINOR", 0x31L, "ABS_MT_WIDTH_MAJOR", 0x32L, "ABS_MT_WIDTH_MINOR", 0x33L,
            "ABS_MT_ORIENTATION", 0x34L, "ABS_MT_POSITION_X", 0x35L, "ABS_MT_POSITION_Y", 0x36L,
            "ABS_MT_TOOL_TYPE", 0x37L, "ABS_MT_BLOB_ID", 0x38L, "ABS_MT_TRACKING_ID", 0x39L,
            "ABS_MT_PRESSURE", 0x3aL, "ABS_MT_DISTANCE", 0x3bL, "ABS_MT_TOOL_X", 0x3cL, "ABS_MT_TOOL_Y", 0x3dL);

    private IoctlNames() {
    }

    private static Map<Integer, String[]> load() {
        Map<Integer, List<String>> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                IoctlNames.class.getResourceAsStream("ioctlent.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                int code = (int) Long.parseLong(line.substring(2, tab), 16);
                m.computeIfAbsent(code, k -> new ArrayList<>(1)).add(line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, String[]> names = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> names.put(k, v.toArray(new String[0])));
        return names;
    }

    static int dir(int code) {
        return code >>> 30;
    }

    static int type(int code) {
        return (code >>> 8) & 0xff;
    }

    static int nr(int code) {
        return code & 0xff;
    }

    /** strace's _IOC_SIZE: 14 bits, or 16 when no direction is set. */
    static int size(int code) {
        return dir(code) != IOC_NONE ? (code >>> 16) & 0x3fff : (code >>> 16) & 0xffff;
    }

    /** The names strace's ioctlent table gives a code, in its order; null when it has none. */
    static String[] names(int code) {
        return NAMES.get(code);
    }

    /**
     * The request in the line's {@link ConstStyle}, as strace's SYS_FUNC(ioctl) prints it: the
     * number in hex (raw), the names (abbrev), or both with the names in a comment (verbose), where
     * an unknown {@code EVIOCGBIT}'s event type has no "EV_???" comment.
     */
    public static void request(LineBuffer out, int code) {
        ConstStyle style = ConstStyle.current();
        if (style != ConstStyle.ABBREV) {
            hex(out, Integer.toUnsignedLong(code));
        }
        if (style == ConstStyle.RAW) {
            return;
        }
        boolean verbose = style == ConstStyle.VERBOSE;
        if (verbose) {
            out.append(" /* ");
        }
        ConstStyle.abbrev(out, o -> names(o, code, verbose));
        if (verbose) {
            out.append(" */");
        }
    }

    private static void names(LineBuffer out, int code, boolean verbose) {
        boolean numbered = numbered(out, code, verbose);
        String[] names = names(code);
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (numbered || i > 0) {
                    out.append(" or ");
                }
                out.append(names[i]);
            }
        } else if (!numbered) {
            out.append("_IOC(");
            switch (dir(code)) {
                case IOC_NONE -> out.append("_IOC_NONE");
                case IOC_READ -> out.append("_IOC_READ");
                case IOC_WRITE -> out.append("_IOC_WRITE");
                default -> out.append("_IOC_READ|_IOC_WRITE");
            }
            hex(out.append(", "), type(code));
            hex(out.append(", "), nr(code));
            hex(out.append(", "), size(code));
            out.append(')');
        }
    }

    private static void hex(LineBuffer out, long v) {
        io.jtrace.analyzer.render.Formats.hex(out, v);
    }

    /** strace's ioctl_decode_command_number: requests whose number or size is a parameter. */
    private static boolean numbered(LineBuffer out, int code, boolean verbose) {
        int dir = dir(code);
        int nr = nr(code);
        int size = size(code);
        switch (type(code)) {
            case '!' -> {
                if (code == (IOC_READ << 30 | 8 << 16 | '!' << 8 | 2)) {
                    out.append("SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR");
                    return true;
                }
                return false;
            }
            case 'E' -> {
                return evdev(out, dir, nr, size, verbose);
            }
            case 'H' -> {
                String name = null;
                if (dir == IOC_READ) {
                    name = switch (nr) {
                        case 0x04 -> "HIDIOCGRAWNAME";
                        case 0x05 -> "HIDIOCGRAWPHYS";
                        case 0x06 -> "HIDIOCSFEATURE";
                        case 0x08 -> "HIDIOCGRAWUNIQ";
                        case 0x12 -> "HIDIOCGPHYS";
                        default -> null;
                    };
                } else if (dir == (IOC_READ | IOC_WRITE)) {
                    name = nr == 0x06 ? "HIDIOCSFEATURE" : nr == 0x07 ? "HIDIOCGFEATURE" : null;
                }
                return sized(out, name, size);
            }
            case 'M' -> {
                String name = dir == IOC_WRITE ? "MIXER_WRITE" : dir == IOC_READ ? "MIXER_READ" : null;
                return sized(out, name, nr);
            }
            case 'U' -> {
                return sized(out, dir == IOC_READ && nr == 0x2c ? "UI_GET_SYSNAME" : null, size);
            }
            case 'j' -> {
                return sized(out, dir == IOC_READ && nr == 0x13 ? "JSIOCGNAME" : null, size);
            }
            case 'k' -> {
                return sized(out, dir == IOC_WRITE && nr == 0 ? "SPI_IOC_MESSAGE" : null, size);
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean sized(LineBuffer out, String name, int n) {
        if (name == null) {
            return false;
        }
        out.append(name).append('(').append(n).append(')');
        return true;
    }

    private static boolean evdev(LineBuffer out, int dir, int nr, int size, boolean verbose) {
        if (dir == IOC_WRITE && nr >= 0xc0 && nr <= 0xc0 + 0x3f) {
            parameter(out.append("EVIOCSABS("), ABS, nr - 0xc0, verbose);
            out.append(')');
            return true;
        }
        if (dir != IOC_READ) {
            return false;
        }
        if (nr >= 0x20 && nr <= 0x20 + 0x1f) {
            out.append("EVIOCGBIT(");
            if (nr == 0x20) {
                out.append(0);
            } else {
                parameter(out, EV, nr - 0x20, verbose);
            }
            out.append(", ").append(size).append(')');
            return true;
        }
        if (nr >= 0x40 && nr <= 0x40 + 0x3f) {
            parameter(out.append("EVIOCGABS("), ABS, nr - 0x40, verbose);
            out.append(')');
            return true;
        }
        String name = switch (nr) {
            case 0x06 -> "EVIOCGNAME";
            case 0x07 -> "EVIOCGPHYS";
            case 0x08 -> "EVIOCGUNIQ";
            case 0x09 -> "EVIOCGPROP";
            case 0x0a -> "EVIOCGMTSLOTS";
            case 0x18 -> "EVIOCGKEY";
            case 0x19 -> "EVIOCGLED";
            case 0x1a -> "EVIOCGSND";
            case 0x1b -> "EVIOCGSW";
            default -> null;
        };
        return sized(out, name, size);
    }

    /** An event type or axis in the request's name: in a verbose comment, no "EV_???" of its own. */
    private static void parameter(LineBuffer out, Flags table, int value, boolean verbose) {
        if (verbose) {
            ConstStyle.value(out, value, true, table.name(value), null);
        } else {
            table.hexValue(out, value);
        }
    }
}
