package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** Real-time clock requests (strace's rtc.c), abbreviated as without -v. */
final class Rtc {
    private static final Flags VL = Flags.of("RTC_VL_???", "RTC_VL_DATA_INVALID", 0x1L, "RTC_VL_BACKUP_LOW", 0x2L,
            "RTC_VL_BACKUP_EMPTY", 0x4L, "RTC_VL_ACCURACY_LOW", 0x8L, "RTC_VL_BACKUP_SWITCH", 0x10L);
    private static final Flags PARAMS = Flags.of("RTC_PARAM_???", "RTC_PARAM_FEATURES", 0x0L,
            "RTC_PARAM_CORRECTION", 0x1L, "RTC_PARAM_BACKUP_SWITCH_MODE", 0x2L);
    private static final Flags BSM = Flags.of("RTC_BSM_???", "RTC_BSM_DISABLED", 0x0L, "RTC_BSM_DIRECT", 0x1L,
            "RTC_BSM_LEVEL", 0x2L, "RTC_BSM_STANDBY", 0x3L);
    private static final Flags FEATURES = Flags.of("1<<RTC_FEATURE_???", "1<<RTC_FEATURE_ALARM", 1L << 0,
            "1<<RTC_FEATURE_ALARM_RES_MINUTE", 1L << 1, "1<<RTC_FEATURE_NEED_WEEK_DAY", 1L << 2,
            "1<<RTC_FEATURE_ALARM_RES_2S", 1L << 3, "1<<RTC_FEATURE_UPDATE_INTERRUPT", 1L << 4,
            "1<<RTC_FEATURE_CORRECTION", 1L << 5, "1<<RTC_FEATURE_BACKUP_SWITCH_MODE", 1L << 6,
            "1<<RTC_FEATURE_ALARM_WAKEUP_ONLY", 1L << 7);
    private static final int RTC_PARAM_GET = 0x40187013;
    private static final int RTC_PARAM_SET = 0x40187014;

    private Rtc() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x80247008, 0x80247009 -> Print.out(c, out, 36, b -> time(c, out, b, 0));      // RTC_ALM_READ, RTC_RD_TIME
            case 0x40247007, 0x4024700a -> Print.in(c, out, 36, b -> time(c, out, b, 0));       // RTC_ALM_SET, RTC_SET_TIME
            case 0x4008700c, 0x4008700e -> Print.unsignedArg(c, out);                       // RTC_IRQP_SET, RTC_EPOCH_SET
            case 0x8008700b, 0x8008700d ->                                                  // RTC_IRQP_READ, RTC_EPOCH_READ
                    Print.out(c, out, 8, b -> out.append('[').appendUnsigned(b.getLong(0)).append(']'));
            case 0x80287010 -> Print.out(c, out, 40, b -> wkalrm(c, out, b));                  // RTC_WKALM_RD
            case 0x4028700f -> Print.in(c, out, 40, b -> wkalrm(c, out, b));                   // RTC_WKALM_SET
            case 0x80207011 -> Print.out(c, out, 32, b -> pll(out, b));                     // RTC_PLL_GET
            case 0x40207012 -> Print.in(c, out, 32, b -> pll(out, b));                      // RTC_PLL_SET
            case 0x80047013 -> Print.out(c, out, 4, b -> {                                  // RTC_VL_READ
                out.append('[');
                VL.flags(out, b.getInt(0) & 0xffffffffL);
                out.append(']');
            });
            case RTC_PARAM_GET, RTC_PARAM_SET -> param(c, code == RTC_PARAM_GET, out);
            case 0x7001, 0x7002, 0x7003, 0x7004, 0x7005, 0x7006, 0x700f, 0x7010, 0x7014 -> true;
            default -> false;
        };
    }

    private static void time(IoctlCall c, LineBuffer out, ByteBuffer b, int at) {
        out.append("{tm_sec=").append(b.getInt(at)).append(", tm_min=").append(b.getInt(at + 4))
                .append(", tm_hour=").append(b.getInt(at + 8)).append(", tm_mday=").append(b.getInt(at + 12))
                .append(", tm_mon=").append(b.getInt(at + 16)).append(", tm_year=").append(b.getInt(at + 20));
        if (c.abbrev()) {
            out.append(", ...}");
        } else {
            out.append(", tm_wday=").append(b.getInt(at + 24)).append(", tm_yday=").append(b.getInt(at + 28))
                    .append(", tm_isdst=").append(b.getInt(at + 32)).append('}');
        }
    }

    private static void wkalrm(IoctlCall c, LineBuffer out, ByteBuffer b) {
        out.append("{enabled=").append(b.get(0) & 0xff).append(", pending=").append(b.get(1) & 0xff).append(", time=");
        time(c, out, b, 4);
        out.append('}');
    }

    private static void pll(LineBuffer out, ByteBuffer b) {
        out.append("{pll_ctrl=").append(b.getInt(0)).append(", pll_value=").append(b.getInt(4))
                .append(", pll_max=").append(b.getInt(8)).append(", pll_min=").append(b.getInt(12))
                .append(", pll_posmult=").append(b.getInt(16)).append(", pll_negmult=").append(b.getInt(20))
                .append(", pll_clock=").append(b.getLong(24)).append('}');
    }

    /** struct rtc_param: the parameter and index at entry, its value at entry (SET) or after " => " (GET). */
    private static boolean param(IoctlCall c, boolean get, LineBuffer out) {
        out.append(", ");
        ByteBuffer b = c.address() == 0 ? null : c.in(24);
        if (b == null) {
            c.address(out);
            return true;
        }
        out.append("{param=");
        PARAMS.hexValue(out, b.getLong(0));
        if (!get) {
            value(out.append(", "), b);
        }
        out.append(", index=").appendUnsigned(b.getInt(16) & 0xffffffffL);
        pad(out, b);
        out.append('}');
        if (!get || c.unfinished()) {
            return true;
        }
        out.append(" => ");
        ByteBuffer after = c.out(24);
        if (after == null) {
            c.address(out);
        } else {
            value(out.append('{'), after);
            pad(out, after);
            out.append('}');
        }
        return true;
    }

    private static void value(LineBuffer out, ByteBuffer b) {
        long v = b.getLong(8);
        long param = b.getLong(0);
        if (param == 0) {
            FEATURES.flags(out.append("uvalue="), v);
        } else if (param == 1) {
            out.append("svalue=").append(v);
        } else if (param == 2) {
            BSM.hexValue(out.append("uvalue="), v);
        } else {
            Formats.hex(out.append("uvalue="), v);
        }
    }

    private static void pad(LineBuffer out, ByteBuffer b) {
        int pad = b.getInt(20);
        if (pad != 0) {
            Formats.hex(out.append(", __pad="), pad & 0xffffffffL);
        }
    }
}
