package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Dates;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.time.ZoneId;

/** PTP hardware clock requests (strace's ptp.c). */
final class Ptp {
    private static final Flags EXTTS = Flags.of("PTP_???", "PTP_ENABLE_FEATURE", 0x1L, "PTP_RISING_EDGE", 0x2L,
            "PTP_FALLING_EDGE", 0x4L, "PTP_STRICT_FLAGS", 0x8L);
    private static final Flags PEROUT = Flags.of("PTP_PEROUT_???", "PTP_PEROUT_ONE_SHOT", 0x1L,
            "PTP_PEROUT_DUTY_CYCLE", 0x2L, "PTP_PEROUT_PHASE", 0x4L);
    private static final Flags PIN_FUNCS = Flags.of("PTP_PF_???", "PTP_PF_NONE", 0x0L, "PTP_PF_EXTTS", 0x1L,
            "PTP_PF_PEROUT", 0x2L, "PTP_PF_PHYSYNC", 0x3L);
    private static final int MAX_SAMPLES = 25;

    private Ptp() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x80503d01, 0x80503d0a -> Print.out(c, out, 80, b -> caps(out, b));       // GETCAPS, GETCAPS2
            case 0x40103d02, 0x40103d0b -> Print.in(c, out, 16, b -> {                      // EXTTS_REQUEST(2)
                out.append("{index=").appendUnsigned(b.getInt(0) & 0xffffffffL);
                EXTTS.flags(out.append(", flags="), b.getInt(4) & 0xffffffffL);
                if (code == 0x40103d0b) {
                    rsv(out, b, 8, 2);
                }
                out.append('}');
            });
            case 0x40383d03, 0x40383d0c -> Print.in(c, out, 56, b -> perout(out, b, code == 0x40383d0c));
            case 0x40043d04, 0x40043d0d -> Print.hexArg(c, out);                            // ENABLE_PPS(2)
            case 0x43403d05, 0x43403d0e -> samples(c, out, 832, 1);                         // SYS_OFFSET(2)
            case 0xc4c03d09, 0xc4c03d12 -> samples(c, out, 1216, 3);                        // SYS_OFFSET_EXTENDED(2)
            case 0xc0603d06, 0xc0603d0f, 0x40603d07, 0x40603d10 -> pin(c, code, out);
            case 0xc0403d08, 0xc0403d11 -> Print.out(c, out, 64, b -> {                     // SYS_OFFSET_PRECISE(2)
                time(out.append("{device="), b, 0, true);
                time(out.append(", sys_realtime="), b, 16, true);
                time(out.append(", sys_monoraw="), b, 32, false);
                rsv(out, b, 48, 4);
                out.append('}');
            });
            default -> false;
        };
    }

    private static void caps(LineBuffer out, ByteBuffer b) {
        String[] names = {"max_adj", "n_alarm", "n_ext_ts", "n_per_out", "pps", "n_pins", "cross_timestamping",
            "adjust_phase"};
        for (int i = 0; i < names.length; i++) {
            out.append(i == 0 ? "{" : ", ").append(names[i]).append('=').append(b.getInt(4 * i));
        }
        rsv(out, b, 32, 12);
        out.append('}');
    }

    private static void perout(LineBuffer out, ByteBuffer b, boolean two) {
        long flags = b.getInt(36) & 0xffffffffL;
        if ((flags & 0x4) != 0) {
            time(out.append("{phase="), b, 0, false);
        } else {
            time(out.append("{start="), b, 0, true);
        }
        time(out.append(", period="), b, 16, false);
        out.append(", index=").appendUnsigned(b.getInt(32) & 0xffffffffL);
        PEROUT.flags(out.append(", flags="), flags);
        if ((flags & 0x2) != 0) {
            time(out.append(", on="), b, 40, false);
        } else if (two) {
            rsv(out, b, 40, 4);
        }
        out.append('}');
    }

    /** struct ptp_sys_offset(_extended): n_samples in; after a successful call, the timestamps (groups of {@code per}). */
    private static boolean samples(IoctlCall c, LineBuffer out, int size, int per) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(size);   // strace reads the whole structure
        if (in == null) {
            c.address(out);
            return true;
        }
        out.append("{n_samples=").appendUnsigned(in.getInt(0) & 0xffffffffL);
        rsv(out, in, 4, 3);
        if (c.unfinished()) {
            return true;
        }
        if (!c.failed()) {
            ByteBuffer b = c.out(size);
            if (b == null) {
                out.append(", ???");
            } else {
                long n = Math.min(b.getInt(0) & 0xffffffffL, MAX_SAMPLES);
                long count = per == 1 ? 2 * n + 1 : n;
                out.append(", ts=[");
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    if (i >= c.stringLimit()) {
                        out.append("...");
                        break;
                    }
                    if (per > 1) {
                        out.append('[');
                    }
                    for (int j = 0; j < per; j++) {
                        time(out.append(j > 0 ? ", " : ""), b, 16 + 16 * (per * i + j), true);
                    }
                    if (per > 1) {
                        out.append(']');
                    }
                }
                out.append(']');
            }
        }
        out.append('}');
        return true;
    }

    /** struct ptp_pin_desc: index in; the getters' name, function and channel out, the setters' in. */
    private static boolean pin(IoctlCall c, int code, LineBuffer out) {
        boolean get = code == 0xc0603d06 || code == 0xc0603d0f;
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(96);
        if (in == null) {
            c.address(out);
            return true;
        }
        out.append("{index=").appendUnsigned(in.getInt(64) & 0xffffffffL);
        ByteBuffer b = in;
        if (get) {
            if (code == 0xc0603d0f) {
                rsv(out, in, 76, 5);
            }
            if (c.unfinished()) {
                return true;
            }
            if (c.failed()) {
                out.append('}');
                return true;
            }
            b = c.out(96);
            if (b == null) {
                out.append(", ???}");
                return true;
            }
            Print.cstring(c, out.append(", name="), b, 0, 64);
        }
        PIN_FUNCS.hexValue(out.append(", func="), b.getInt(68) & 0xffffffffL);
        out.append(", chan=").appendUnsigned(b.getInt(72) & 0xffffffffL);
        if (code == 0x40603d10) {
            rsv(out, b, 76, 5);
        }
        out.append('}');
        return true;
    }

    /** {@code {sec=1, nsec=2}}, with reserved when set and, for wall-clock times, strace's local date comment. */
    private static void time(LineBuffer out, ByteBuffer b, int at, boolean wall) {
        long sec = b.getLong(at);
        long nsec = b.getInt(at + 8) & 0xffffffffL;
        int reserved = b.getInt(at + 12);
        out.append("{sec=").append(sec).append(", nsec=").append(nsec);
        if (reserved != 0) {
            Formats.hex(out.append(", reserved="), reserved & 0xffffffffL);
        }
        out.append('}');
        if (wall && ConstStyle.current() != ConstStyle.RAW) {   // strace's ptp.c: no date under -X raw
            String date = Dates.sprinttime(sec, nsec, 999_999_999L, 9, ZoneId.systemDefault());
            if (date != null) {
                out.append(" /* ").append(date).append(" */");
            }
        }
    }

    /** A reserved array, printed only when not all zero. */
    private static void rsv(LineBuffer out, ByteBuffer b, int at, int n) {
        boolean zero = true;
        for (int i = 0; i < n; i++) {
            zero &= b.getInt(at + 4 * i) == 0;
        }
        if (zero) {
            return;
        }
        out.append(", rsv=[");
        for (int i = 0; i < n; i++) {
            Formats.hex(out.append(i > 0 ? ", " : ""), b.getInt(at + 4 * i) & 0xffffffffL);
        }
        out.append(']');
    }
}
