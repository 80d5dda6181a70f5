package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Input device requests (strace's evdev.c and evdev_mpers.c), abbreviated as without -v. */
final class Evdev {
    private static final int EVIOCGVERSION = 0x80044501;
    private static final int EVIOCGEFFECTS = 0x80044584;
    private static final int EVIOCGID = 0x80084502;
    private static final int EVIOCGREP = 0x80084503;
    private static final int EVIOCGKEYCODE = 0x80084504;
    private static final int EVIOCGKEYCODE_V2 = 0x80284504;
    private static final int EVIOCSREP = 0x40084503;
    private static final int EVIOCSKEYCODE = 0x40084504;
    private static final int EVIOCSKEYCODE_V2 = 0x40284504;
    private static final int EVIOCRMFF = 0x40044581;
    private static final int EVIOCGRAB = 0x40044590;
    private static final int EVIOCREVOKE = 0x40044591;
    private static final int EVIOCSCLOCKID = 0x400445a0;
    private static final int EVIOCSFF = 0x40304580;

    private Evdev() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (IoctlNames.dir(code)) {
            case IoctlNames.IOC_READ -> {
                if (!c.unfinished()) {
                    read(c, code, out.append(", "));
                }
                yield true;
            }
            case IoctlNames.IOC_WRITE -> {
                write(c, code, out.append(", "));
                yield true;
            }
            default -> false;
        };
    }

    private static void read(IoctlCall c, int code, LineBuffer out) {
        switch (code) {
            case EVIOCGVERSION -> num(c, out, 4, b -> Formats.hex(out.append('['), b.getInt(0) & 0xffffffffL).append(']'));
            case EVIOCGEFFECTS -> num(c, out, 4, b -> out.append('[').appendUnsigned(b.getInt(0) & 0xffffffffL).append(']'));
            case EVIOCGID -> num(c, out, 8, b -> out.append("{bustype=").append(b.getShort(0) & 0xffff)
                    .append(", vendor=").append(b.getShort(2) & 0xffff).append(", product=").append(b.getShort(4) & 0xffff)
                    .append(", version=").append(b.getShort(6) & 0xffff).append('}'));
            case EVIOCGREP -> num(c, out, 8, b -> pair(out, b));
            case EVIOCGKEYCODE -> num(c, out, 8, b -> keycode(out, b));
            case EVIOCGKEYCODE_V2 -> num(c, out, 40, b -> keymapEntry(c, out, b));
            default -> readVariable(c, code, out);
        }
    }

    private static void readVariable(IoctlCall c, int code, LineBuffer out) {
        int nr = IoctlNames.nr(code);
        switch (nr) {
            case 0x0a -> mtslots(c, code, out, c.out(4));
            case 0x06, 0x07, 0x08 -> {                                          // EVIOCGNAME, PHYS, UNIQ
                if (c.failed()) {
                    c.address(out);
                } else {
                    c.exitString(out, c.ret());
                }
            }
            case 0x09 -> bitset(c, out, EvdevNames.PROP, 0x1f);
            case 0x1a -> bitset(c, out, EvdevNames.SND, 0x07);
            case 0x1b -> bitset(c, out, EvdevNames.SW, 0x10);
            case 0x18 -> bitset(c, out, EvdevNames.KEYS, 0x2ff);
            case 0x19 -> bitset(c, out, EvdevNames.LEDS, 0x0f);
            default -> {
                if ((nr & ~0x3f) == 0x40) {
                    abs(c, code, out, c.address() == 0 ? null : c.out(Math.min(IoctlNames.size(code), 24)));
                } else if ((nr & ~0x1f) == 0x20) {
                    bits(c, nr & 0x1f, out);
                } else {
                    c.address(out);
                }
            }
        }
    }

    private static void bits(IoctlCall c, int ev, LineBuffer out) {
        switch (ev) {
            case 0 -> bitset(c, out, IoctlNames.EV, 0x1f);
            case 1 -> bitset(c, out, EvdevNames.KEYS, 0x2ff);
            case 2 -> bitset(c, out, EvdevNames.REL, 0x0f);
            case 3 -> bitset(c, out, IoctlNames.ABS, 0x3f);
            case 4 -> bitset(c, out, EvdevNames.MSC, 0x07);
            case 5 -> bitset(c, out, EvdevNames.SW, 0x10);
            case 0x11 -> bitset(c, out, EvdevNames.LEDS, 0x0f);
            case 0x12 -> bitset(c, out, EvdevNames.SND, 0x07);
            case 0x14 -> bitset(c, out, EvdevNames.REP, 0x01);
            case 0x15 -> bitset(c, out, EvdevNames.FF_TYPES, 0x7f);
            case 0x16 -> num(c, out, 4, b -> out.append('[').append(b.getInt(0)).append(']'));
            case 0x17 -> bitset(c, out, EvdevNames.FF_STATUS, 0x01);
            default -> c.address(out);
        }
    }

    private static void write(IoctlCall c, int code, LineBuffer out) {
        switch (code) {
            case EVIOCSREP -> in(c, out, 8, b -> pair(out, b));
            case EVIOCSKEYCODE -> in(c, out, 8, b -> keycode(out, b));
            case EVIOCSKEYCODE_V2 -> in(c, out, 40, b -> keymapEntry(c, out, b));
            case EVIOCRMFF -> out.append((int) c.address());
            case EVIOCGRAB, EVIOCREVOKE -> out.appendUnsigned(c.address());
            case EVIOCSCLOCKID -> in(c, out, 4, b -> out.append('[').appendUnsigned(b.getInt(0) & 0xffffffffL).append(']'));
            case EVIOCSFF -> in(c, out, 48, b -> {
                EvdevNames.FF_TYPES.hexValue(out.append("{type="), b.getShort(0) & 0xffff);
                out.append(", id=").append(b.getShort(2)).append(", direction=").append(b.getShort(4) & 0xffff);
                if (c.abbrev()) {
                    out.append(", ...}");
                } else {
                    ffEffect(out, b);
                }
            });
            default -> {
                if ((IoctlNames.nr(code) & ~0x3f) == 0xc0) {
                    abs(c, code, out, c.address() == 0 ? null : c.in(Math.min(IoctlNames.size(code), 24)));
                } else {
                    c.address(out);
                }
            }
        }
    }

    private static void num(IoctlCall c, LineBuffer out, int size, java.util.function.Consumer<ByteBuffer> body) {
        ByteBuffer b = c.address() == 0 ? null : c.out(size);
        if (b == null) {
            c.address(out);
        } else {
            body.accept(b);
        }
    }

    private static void in(IoctlCall c, LineBuffer out, int size, java.util.function.Consumer<ByteBuffer> body) {
        ByteBuffer b = c.address() == 0 ? null : c.in(size);
        if (b == null) {
            c.address(out);
        } else {
            body.accept(b);
        }
    }

    private static void pair(LineBuffer out, ByteBuffer b) {
        out.append('[').appendUnsigned(b.getInt(0) & 0xffffffffL).append(", ").appendUnsigned(b.getInt(4) & 0xffffffffL)
                .append(']');
    }

    private static void keycode(LineBuffer out, ByteBuffer b) {
        out.append('[').appendUnsigned(b.getInt(0) & 0xffffffffL).append(", ");
        EvdevNames.KEYS.hexValue(out, b.getInt(4) & 0xffffffffL);
        out.append(']');
    }

    /** struct input_keymap_entry: flags and len, the rest under -v. */
    private static void keymapEntry(IoctlCall c, LineBuffer out, ByteBuffer b) {
        out.append("{flags=").append(b.get(0) & 0xff).append(", len=").append(b.get(1) & 0xff);
        if (c.abbrev()) {
            out.append(", ...}");
            return;
        }
        out.append(", index=").append(b.getShort(2) & 0xffff).append(", keycode=");
        EvdevNames.KEYS.hexValue(out, b.getInt(4) & 0xffffffffL);
        out.append(", scancode=[");
        for (int i = 0; i < 32; i++) {
            if (i > 0) {
                out.append(", ");
            }
            Formats.hex(out, b.get(8 + i) & 0xff);
        }
        out.append("]}");
    }

    /** struct ff_effect after type, id and direction (-v): trigger, replay and the effect of its type. */
    private static void ffEffect(LineBuffer out, ByteBuffer b) {
        out.append(", trigger={button=").append(b.getShort(6) & 0xffff).append(", interval=")
                .append(b.getShort(8) & 0xffff).append("}, replay={length=").append(b.getShort(10) & 0xffff)
                .append(", delay=").append(b.getShort(12) & 0xffff).append('}');
        switch (b.getShort(0) & 0xffff) {
            case 0x52 -> {
                out.append(", constant={level=").append(b.getShort(16));
                envelope(out, b, 18);
                out.append('}');
            }
            case 0x57 -> {
                out.append(", ramp={start_level=").append(b.getShort(16)).append(", end_level=").append(b.getShort(18));
                envelope(out, b, 20);
                out.append('}');
            }
            case 0x51 -> {
                out.append(", periodic={waveform=").append(b.getShort(16) & 0xffff).append(", period=")
                        .append(b.getShort(18) & 0xffff).append(", magnitude=").append(b.getShort(20))
                        .append(", offset=").append(b.getShort(22)).append(", phase=").append(b.getShort(24) & 0xffff);
                envelope(out, b, 26);
                out.append(", custom_len=").append(b.getInt(36) & 0xffffffffL).append(", custom_data=");
                Formats.pointer(out, b.getLong(40)).append('}');
            }
            case 0x50 -> out.append(", rumble={strong_magnitude=").append(b.getShort(16) & 0xffff)
                    .append(", weak_magnitude=").append(b.getShort(18) & 0xffff).append('}');
            default -> {
            }
        }
        out.append('}');
    }

    private static void envelope(LineBuffer out, ByteBuffer b, int at) {
        out.append(", envelope={attack_length=").append(b.getShort(at) & 0xffff).append(", attack_level=")
                .append(b.getShort(at + 2) & 0xffff).append(", fade_length=").append(b.getShort(at + 4) & 0xffff)
                .append(", fade_level=");
        Formats.hex(out, b.getShort(at + 6) & 0xffff).append('}');
    }

    /** struct input_absinfo: strace needs at least up to flat (20 bytes) in the request's size. */
    private static void abs(IoctlCall c, int code, LineBuffer out, ByteBuffer b) {
        int size = IoctlNames.size(code);
        if (size < 20 || b == null) {
            c.address(out);
            return;
        }
        out.append("{value=").appendUnsigned(b.getInt(0) & 0xffffffffL)
                .append(", minimum=").appendUnsigned(b.getInt(4) & 0xffffffffL);
        if (c.abbrev()) {
            out.append(", ...}");
            return;
        }
        out.append(", maximum=").appendUnsigned(b.getInt(8) & 0xffffffffL)
                .append(", fuzz=").appendUnsigned(b.getInt(12) & 0xffffffffL)
                .append(", flat=").appendUnsigned(b.getInt(16) & 0xffffffffL);
        if (size > 20) {
            if (size >= 24) {
                out.append(", resolution=").appendUnsigned(b.getInt(20) & 0xffffffffL);
            }
            if (size != 24) {
                out.append(", ...");
            }
        }
        out.append('}');
    }

    private static void mtslots(IoctlCall c, int code, LineBuffer out, ByteBuffer head) {
        int size = IoctlNames.size(code) / 4;
        if (size == 0 || head == null) {
            c.address(out);
            return;
        }
        EvdevNames.MTSLOTS.hexValue(out.append("{code="), head.getInt(0) & 0xffffffffL);
        out.append(", values=[");
        int n = Math.min(size - 1, (head.capacity() - 4) / 4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i >= c.stringLimit()) {
                out.append("...");
                break;
            }
            out.append(head.getInt(4 + 4 * i));
        }
        out.append("]}");
    }

    /**
     * strace's decode_bitset: the bits the kernel wrote (the return value's bytes, at most
     * {@code max} bits), as names in brackets, four at most and then "...".
     */
    private static void bitset(IoctlCall c, LineBuffer out, Flags names, int max) {
        long ret = c.ret();
        long sizeBits = Long.compareUnsigned(ret, max / 8) > 0 ? max : ret * 8;
        int size = (int) ((sizeBits + 7) / 8 + 7) / 8 * 8;
        if (c.failed() || size == 0) {
            c.address(out);
            return;
        }
        byte[] copy = c.exitBytes();
        if (c.address() == 0 || copy == null || copy.length < size || !c.verbose()) {
            c.address(out);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(copy, Math.max(copy.length, size)))
                .order(ByteOrder.LITTLE_ENDIAN);
        ConstStyle style = ConstStyle.current();
        if (style != ConstStyle.RAW) {
            bitNames(c, out, b, sizeBits, names);
        }
        // -X raw and verbose: the bits as the words they were read as, in a comment when verbose
        if (style == ConstStyle.VERBOSE) {
            out.append(" /* ");
        }
        if (style != ConstStyle.ABBREV) {
            out.append('[');
            for (int i = 0; i < size / 8; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (i >= c.stringLimit()) {
                    out.append("...");
                    break;
                }
                Formats.hex(out, b.getLong(8 * i));
            }
            out.append(']');
        }
        if (style == ConstStyle.VERBOSE) {
            out.append(" */");
        }
    }

    private static void bitNames(IoctlCall c, LineBuffer out, ByteBuffer b, long sizeBits, Flags names) {
        out.append('[');
        int shown = 0;
        for (int i = 0; i < sizeBits; i++) {
            if ((b.get(i / 8) & (1 << (i % 8))) == 0) {
                continue;
            }
            if (shown > 0) {
                out.append(' ');
            }
            if (shown > 3 && c.abbrev()) {
                out.append("...");
                break;
            }
            names.hexValue(out, i);
            shown++;
        }
        out.append(']');
    }
}
