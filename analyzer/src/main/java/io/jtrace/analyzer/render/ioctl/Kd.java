package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Virtual terminal and keyboard requests (strace's kd_ioctl.c and kd_mpers_ioctl.c). */
final class Kd {
    private static final Flags LEDS = IoctlXlat.table("kd_led_flags", "LED_???");
    private static final Flags DEFAULT_LEDS = IoctlXlat.table("kd_default_led_flags", "LED_???");
    private static final Flags KBD_TYPES = IoctlXlat.table("kd_kbd_types", "KB_???");
    private static final Flags MODES = IoctlXlat.table("kd_modes", "KD_???");
    private static final Flags KBD_MODES = IoctlXlat.table("kd_kbd_modes", "K_???");
    private static final Flags META = IoctlXlat.table("kd_meta_vals", "K_???");
    private static final Flags FN_KEY_VALS = IoctlXlat.table("kd_key_fn_key_vals", "KVAL(K_???)");
    private static final int PIT_TICK_RATE = 1193182;
    private static final int KIOCSOUND = 0x4b2f;
    private static final int KDMKTONE = 0x4b30;
    private static final int KDGETLED = 0x4b31;
    private static final int KDSETLED = 0x4b32;
    private static final int KDGKBTYPE = 0x4b33;
    private static final int KDADDIO = 0x4b34;
    private static final int KDDELIO = 0x4b35;
    private static final int KDSETMODE = 0x4b3a;
    private static final int KDGETMODE = 0x4b3b;
    private static final int GIO_SCRNMAP = 0x4b40;
    private static final int PIO_SCRNMAP = 0x4b41;
    private static final int KDGKBMODE = 0x4b44;
    private static final int KDSKBMODE = 0x4b45;
    private static final int KDGKBENT = 0x4b46;
    private static final int KDSKBENT = 0x4b47;
    private static final int KDGKBSENT = 0x4b48;
    private static final int KDSKBSENT = 0x4b49;
    private static final int KDGKBDIACR = 0x4b4a;
    private static final int KDSKBDIACR = 0x4b4b;
    private static final int KDGETKEYCODE = 0x4b4c;
    private static final int KDSETKEYCODE = 0x4b4d;
    private static final int KDSIGACCEPT = 0x4b4e;
    private static final int KDKBDREP = 0x4b52;
    private static final int GIO_FONT = 0x4b60;
    private static final int PIO_FONT = 0x4b61;
    private static final int KDGKBMETA = 0x4b62;
    private static final int KDSKBMETA = 0x4b63;
    private static final int KDGKBLED = 0x4b64;
    private static final int KDSKBLED = 0x4b65;
    private static final int GIO_UNIMAP = 0x4b66;
    private static final int PIO_UNIMAP = 0x4b67;
    private static final int PIO_UNIMAPCLR = 0x4b68;
    private static final int GIO_UNISCRNMAP = 0x4b69;
    private static final int PIO_UNISCRNMAP = 0x4b6a;
    private static final int GIO_FONTX = 0x4b6b;
    private static final int PIO_FONTX = 0x4b6c;
    private static final int GIO_CMAP = 0x4b70;
    private static final int PIO_CMAP = 0x4b71;
    private static final int KDFONTOP = 0x4b72;
    private static final int KDGKBDIACRUC = 0x4bfa;
    private static final int KDSKBDIACRUC = 0x4bfb;
    private static final int MAX_DIACR = 256;

    private Kd() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        long arg = c.address();
        switch (code) {
            case KIOCSOUND -> {
                long freq = arg == 0 ? 0 : Long.divideUnsigned(PIT_TICK_RATE, arg) & 0xffffffffL;
                out.append(", ").appendUnsigned(arg);
                if (ConstStyle.current() != ConstStyle.RAW) {
                    ConstStyle.comment(out, freq != 0 ? freq + " Hz" : "off");
                }
            }
            case KDMKTONE -> tone(out, arg & 0xffffffffL);
            case KDGETLED, KDGKBLED -> get(c, out, 1, b -> {
                (code == KDGKBLED ? DEFAULT_LEDS : LEDS).flags(out.append('['), b.get(0) & 0xff);
                out.append(']');
            });
            case KDSETLED, KDSKBLED -> (code == KDSKBLED ? DEFAULT_LEDS : LEDS).flags(out.append(", "), arg & 0xff);
            case KDGKBTYPE -> get(c, out, 1, b -> bracketed(out, KBD_TYPES, b.get(0) & 0xff, true));
            case KDADDIO, KDDELIO -> {
                Formats.hex(out.append(", "), arg);
                if (arg >= 0x3b4 && arg <= 0x3df && ConstStyle.current() != ConstStyle.RAW) {
                    ConstStyle.comment(out, "GPFIRST + " + (arg - 0x3b4));
                }
            }
            case KDSETMODE -> MODES.hexValue(out.append(", "), arg & 0xffffffffL);   // printxval: an unsigned int
            case KDGETMODE -> get(c, out, 4, b -> bracketed(out, MODES, b.getInt(0) & 0xffffffffL, true));
            case GIO_SCRNMAP, PIO_SCRNMAP -> string(c, out, code == GIO_SCRNMAP, 256);
            case GIO_UNISCRNMAP, PIO_UNISCRNMAP -> uniScreenMap(c, out, code == GIO_UNISCRNMAP);
            case KDGKBMODE -> get(c, out, 4, b -> bracketed(out, KBD_MODES, b.getInt(0), false));
            case KDSKBMODE -> KBD_MODES.value(out.append(", "), (int) arg);
            case KDGKBENT, KDSKBENT -> KdKeys.entry(c, out, code == KDGKBENT);
            case KDGKBSENT, KDSKBSENT -> KdKeys.stringEntry(c, out, code == KDGKBSENT);
            case KDGKBDIACR, KDSKBDIACR -> diacr(c, out, code == KDGKBDIACR, 3, "kbdiacr");
            case KDGKBDIACRUC, KDSKBDIACRUC -> diacr(c, out, code == KDGKBDIACRUC, 12, "kbdiacruc");
            case KDGETKEYCODE, KDSETKEYCODE -> keycode(c, out, code == KDGETKEYCODE);
            case KDSIGACCEPT -> {
                out.append(", ");
                if (arg >= 0 && arg < Integer.MAX_VALUE) {
                    ConstStyle.value(out, arg, false, arg > 0 && arg <= c.signals().max() ? c.signals().name(arg) : null, null);
                } else {
                    out.appendUnsigned(arg);
                }
            }
            case KDKBDREP -> kbdRepeat(c, out);
            case GIO_FONT, PIO_FONT -> string(c, out, code == GIO_FONT, 8192);
            case KDGKBMETA -> get(c, out, 4, b -> bracketed(out, META, b.getInt(0) & 0xffffffffL, true));
            case KDSKBMETA -> META.hexValue(out.append(", "), arg & 0xffffffffL);
            case PIO_UNIMAPCLR -> Print.in(c, out, 6, b -> out.append("{advised_hashsize=").append(b.getShort(0) & 0xffff)
                    .append(", advised_hashstep=").append(b.getShort(2) & 0xffff)
                    .append(", advised_hashlevel=").append(b.getShort(4) & 0xffff).append('}'));
            case GIO_CMAP, PIO_CMAP -> string(c, out, code == GIO_CMAP, 48);
            case GIO_UNIMAP, PIO_UNIMAP -> KdFonts.unimap(c, out, code == GIO_UNIMAP);
            case GIO_FONTX, PIO_FONTX -> KdFonts.fontx(c, out, code == GIO_FONTX);
            case KDFONTOP -> KdFonts.fontOp(c, out);
            // KDENABIO, KDDISABIO, KDMAPDISP, KDUNMAPDISP, PIO_FONTRESET: no argument
            case 0x4b36, 0x4b37, 0x4b3c, 0x4b3d, 0x4b6d -> {
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A value the kernel writes: printed at exit, the address when the call failed or it was not readable. */
    static void get(IoctlCall c, LineBuffer out, int size, java.util.function.Consumer<ByteBuffer> body) {
        Print.out(c, out, size, body);
    }

    private static void bracketed(LineBuffer out, Flags names, long value, boolean hex) {
        out.append('[');
        if (hex) {
            names.hexValue(out, value);
        } else {
            names.value(out, value);
        }
        out.append(']');
    }

    private static void tone(LineBuffer out, long arg) {
        long ticks = arg >>> 16;
        long count = arg & 0xffff;
        long freq = ticks != 0 && count != 0 ? PIT_TICK_RATE / count : 0;
        out.append(", ");
        if (ticks != 0) {
            out.append(ticks).append("<<16|");
        }
        out.append(count);
        if (ConstStyle.current() != ConstStyle.RAW) {
            ConstStyle.comment(out, freq != 0 ? freq + " Hz, " + ticks + " ms" : "off");
        }
    }

    /** printstr_ex(arg, size, QUOTE_FORCE_HEX): at entry (PIO_*) or at exit (GIO_*, the address when it failed). */
    private static void string(IoctlCall c, LineBuffer out, boolean get, long size) {
        if (get && c.unfinished()) {
            return;
        }
        c.argString(out.append(", "), get, size, true);
    }

    /** 256 unsigned shorts, the direct-font ones as UNI_DIRECT_BASE+n. */
    private static void uniScreenMap(IoctlCall c, LineBuffer out, boolean get) {
        if (get && c.unfinished()) {
            return;
        }
        byte[] b = get ? (c.failed() ? null : c.exitBytes()) : c.entryBytes();
        IoctlArrays.print(c, out.append(", "), b, c.address(), 256, 2, false, (o, bb, at) -> {
            int v = bb.getShort(at) & 0xffff;
            boolean direct = (v & ~0x1ff) == 0xf000;
            ConstStyle style = ConstStyle.current();
            if (style != ConstStyle.ABBREV || !direct) {
                Formats.hex(o, v);
            }
            if (style == ConstStyle.RAW || !direct) {
                return;
            }
            String text = "UNI_DIRECT_BASE+" + hexShort(v & 0x1ff);
            if (style == ConstStyle.VERBOSE) {
                ConstStyle.comment(o, text);
            } else {
                o.append(text);
            }
        });
    }

    private static String hexShort(int v) {
        return v == 0 ? "0" : "0x" + Integer.toHexString(v);
    }

    /** struct kbdiacrs / kbdiacrsuc: kb_cnt, then at most 256 entries. */
    private static void diacr(IoctlCall c, LineBuffer out, boolean get, int size, String field) {
        if (get && c.unfinished()) {
            return;
        }
        out.append(", ");
        ByteBuffer head = c.address() == 0 ? null : get ? c.out(4) : c.in(4);
        if (head == null) {
            c.address(out);
            return;
        }
        long count = head.getInt(0) & 0xffffffffL;
        out.append("{kb_cnt=").append(count).append(", ").append(field).append('=');
        byte[] all = get ? c.exitBytes() : c.entryBytes();
        byte[] entries = all.length > 4 ? java.util.Arrays.copyOfRange(all, 4, all.length) : null;
        IoctlArrays.print(c, out, entries, c.address() + 4, Math.min(count, MAX_DIACR), size, count > MAX_DIACR,
                size == 3 ? Kd::diacrChars : Kd::diacrCodes);
        out.append('}');
    }

    private static void diacrChars(LineBuffer out, ByteBuffer b, int at) {
        out.append("{diacr=");
        KdKeys.quotedChar(out, b.get(at) & 0xff);
        out.append(", base=");
        KdKeys.quotedChar(out, b.get(at + 1) & 0xff);
        out.append(", result=");
        KdKeys.quotedChar(out, b.get(at + 2) & 0xff);
        out.append('}');
    }

    private static void diacrCodes(LineBuffer out, ByteBuffer b, int at) {
        Formats.hex(out.append("{diacr="), b.getInt(at) & 0xffffffffL);
        Formats.hex(out.append(", base="), b.getInt(at + 4) & 0xffffffffL);
        Formats.hex(out.append(", result="), b.getInt(at + 8) & 0xffffffffL);
        out.append('}');
    }

    /** struct kbkeycode: both at entry, the keycode the kernel wrote after " => " (KDGETKEYCODE). */
    private static void keycode(IoctlCall c, LineBuffer out, boolean get) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(8);
        if (in == null) {
            c.address(out);
            return;
        }
        Formats.hex(out.append("{scancode="), in.getInt(0) & 0xffffffffL);
        Formats.hex(out.append(", keycode="), in.getInt(4) & 0xffffffffL);
        if (get && !c.unfinished()) {
            ByteBuffer after = c.out(8);
            if (after != null) {
                Formats.hex(out.append(" => "), after.getInt(4) & 0xffffffffL);
            }
        }
        out.append('}');
    }

    /** struct kbd_repeat: at entry, and after " => " as the kernel rewrote it. */
    private static void kbdRepeat(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(8);
        if (in == null) {
            c.address(out);
            return;
        }
        repeat(out, in);
        ByteBuffer after = c.unfinished() ? null : c.out(8);
        if (after != null) {
            repeat(out.append(" => "), after);
        }
    }

    private static void repeat(LineBuffer out, ByteBuffer b) {
        out.append("{delay=").append(b.getInt(0)).append(", period=").append(b.getInt(4)).append('}');
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void fnKeyVal(LineBuffer out, int v) {
        FN_KEY_VALS.hexValue(out, v);
    }
}
