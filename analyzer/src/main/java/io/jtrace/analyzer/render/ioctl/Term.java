package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** Terminal requests (strace's term.c): termios, termios2, termio, winsize, modem flags, ints. */
final class Term {
    private static final Flags IFLAGS = Flags.of(null, "IGNBRK", 0x1L, "BRKINT", 0x2L, "IGNPAR", 0x4L,
            "PARMRK", 0x8L, "INPCK", 0x10L, "ISTRIP", 0x20L, "INLCR", 0x40L, "IGNCR", 0x80L, "ICRNL", 0x100L,
            "IUCLC", 0x200L, "IXON", 0x400L, "IXANY", 0x800L, "IXOFF", 0x1000L, "IMAXBEL", 0x2000L, "IUTF8", 0x4000L);
    private static final Flags OFLAGS = Flags.of(null, "OPOST", 0x1L, "OLCUC", 0x2L, "ONLCR", 0x4L,
            "OCRNL", 0x8L, "ONOCR", 0x10L, "ONLRET", 0x20L, "OFILL", 0x40L, "OFDEL", 0x80L);
    private static final Flags LFLAGS = Flags.of(null, "ISIG", 0x1L, "ICANON", 0x2L, "XCASE", 0x4L,
            "ECHO", 0x8L, "ECHOE", 0x10L, "ECHOK", 0x20L, "ECHONL", 0x40L, "NOFLSH", 0x80L, "IEXTEN", 0x8000L,
            "ECHOCTL", 0x200L, "ECHOPRT", 0x400L, "ECHOKE", 0x800L, "FLUSHO", 0x1000L, "PENDIN", 0x4000L,
            "TOSTOP", 0x100L, "EXTPROC", 0x10000L);
    private static final Flags CFLAGS = Flags.of(null, "CSTOPB", 0x40L, "CREAD", 0x80L, "PARENB", 0x100L,
            "PARODD", 0x200L, "HUPCL", 0x400L, "CLOCAL", 0x800L, "CMSPAR", 0x40000000L, "CRTSCTS", 0x80000000L);
    private static final Flags CSIZE = Flags.of("CS?", "CS5", 0x0L, "CS6", 0x10L, "CS7", 0x20L, "CS8", 0x30L);
    private static final Flags BAUD = Flags.of("B???", "B0", 0x0L, "B50", 0x1L, "B75", 0x2L, "B110", 0x3L,
            "B134", 0x4L, "B150", 0x5L, "B200", 0x6L, "B300", 0x7L, "B600", 0x8L, "B1200", 0x9L, "B1800", 0xaL,
            "B2400", 0xbL, "B4800", 0xcL, "B9600", 0xdL, "B19200", 0xeL, "B38400", 0xfL, "B57600", 0x1001L,
            "B115200", 0x1002L, "B230400", 0x1003L, "B460800", 0x1004L, "B500000", 0x1005L, "B576000", 0x1006L,
            "B921600", 0x1007L, "B1000000", 0x1008L, "B1152000", 0x1009L, "B1500000", 0x100aL,
            "B2000000", 0x100bL, "B2500000", 0x100cL, "B3000000", 0x100dL, "B3500000", 0x100eL,
            "B4000000", 0x100fL, "EXTA", 0xeL, "EXTB", 0xfL, "BOTHER", 0x1000L);
    /** The delay fields of c_oflag: table, mask; in decode_oflag's order. */
    private static final Flags[] DELAYS = {
        Flags.of("NL?", "NL0", 0x0L, "NL1", 0x100L),
        Flags.of("CR?", "CR0", 0x0L, "CR1", 0x200L, "CR2", 0x400L, "CR3", 0x600L),
        Flags.of("TAB?", "XTABS", 0x1800L, "TAB0", 0x0L, "TAB1", 0x800L, "TAB2", 0x1000L, "TAB3", 0x1800L),
        Flags.of("BS?", "BS1", 0x2000L, "BS0", 0x0L),
        Flags.of("VT?", "VT0", 0x0L, "VT1", 0x4000L),
        Flags.of("FF?", "FF0", 0x0L, "FF1", 0x8000L),
    };
    private static final long[] DELAY_MASKS = {0x100, 0x600, 0x1800, 0x2000, 0x4000, 0x8000};
    static final Flags MODEM = Flags.of("TIOCM_???", "TIOCM_LE", 0x1L, "TIOCM_DTR", 0x2L, "TIOCM_RTS", 0x4L,
            "TIOCM_ST", 0x8L, "TIOCM_SR", 0x10L, "TIOCM_CTS", 0x20L, "TIOCM_CAR", 0x40L, "TIOCM_RNG", 0x80L,
            "TIOCM_DSR", 0x100L, "TIOCM_OUT1", 0x2000L, "TIOCM_OUT2", 0x4000L, "TIOCM_LOOP", 0x8000L);
    private static final Flags TCXONC = Flags.of("TC???", "TCOOFF", 0x0L, "TCOON", 0x1L, "TCIOFF", 0x2L, "TCION", 0x3L);
    private static final Flags TCFLSH = Flags.of("TC???", "TCIFLUSH", 0x0L, "TCOFLUSH", 0x1L, "TCIOFLUSH", 0x2L);
    private static final long CBAUD = 0x100f;
    private static final long CIBAUD = 0x100f0000L;
    private static final int IBSHIFT = 16;

    private static final int TERMIO = 0;
    private static final int TERMIOS = 1;
    private static final int TERMIOS2 = 2;
    /** x86_64's c_cc indices by name (asm-generic/termbits.h), as strace's termios_cc names them. */
    private static final String[] CC_NAMES = {"VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VTIME", "VMIN",
        "VSWTC", "VSTART", "VSTOP", "VSUSP", "VEOL", "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2"};
    private static final Flags LINE_DISCS = Flags.of("N_???", "N_TTY", 0L, "N_SLIP", 1L, "N_MOUSE", 2L, "N_PPP", 3L,
            "N_STRIP", 4L, "N_AX25", 5L, "N_X25", 6L, "N_6PACK", 7L, "N_MASC", 8L, "N_R3964", 9L, "N_PROFIBUS_FDL", 10L,
            "N_IRDA", 11L, "N_SMSBLOCK", 12L, "N_HDLC", 13L, "N_SYNC_PPP", 14L, "N_HCI", 15L, "N_GIGASET_M101", 16L,
            "N_SLCAN", 17L, "N_PPS", 18L, "N_V253", 19L, "N_CAIF", 20L, "N_GSM0710", 21L, "N_TI_WL", 22L,
            "N_TRACESINK", 23L, "N_TRACEROUTER", 24L, "N_NCI", 25L, "N_SPEAKUP", 26L, "N_NULL", 27L);
    private static final int TCGETS2 = 0x802c542a;
    private static final int TCSETS2 = 0x402c542b;
    private static final int TCSETSW2 = 0x402c542c;
    private static final int TCSETSF2 = 0x402c542d;
    private static final int TIOCGPTN = 0x80045430;
    private static final int TIOCSPTLCK = 0x40045431;
    private static final int TIOCGDEV = 0x80045432;
    private static final int TIOCGEXCL = 0x80045440;
    private static final int TIOCVHANGUP = 0x5437;
    private static final int TIOCSSERIAL = 0x541f;

    private Term() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case TCGETS2 -> Print.out(c, out, 44, b -> termios(c, out, b, TERMIOS2));
            case TCSETS2, TCSETSW2, TCSETSF2 -> Print.in(c, out, 44, b -> termios(c, out, b, TERMIOS2));
            case 0x5401, 0x5456 -> Print.out(c, out, 36, b -> termios(c, out, b, TERMIOS));     // TCGETS, TIOCGLCKTRMIOS
            case 0x5402, 0x5403, 0x5404, 0x5457 -> Print.in(c, out, 36, b -> termios(c, out, b, TERMIOS));
            case 0x5405 -> Print.out(c, out, 18, b -> termios(c, out, b, TERMIO));              // TCGETA
            case 0x5406, 0x5407, 0x5408 -> Print.in(c, out, 18, b -> termios(c, out, b, TERMIO));
            case 0x5413 -> Print.out(c, out, 8, b -> winsize(out, b));                          // TIOCGWINSZ
            case 0x5414 -> Print.in(c, out, 8, b -> winsize(out, b));                           // TIOCSWINSZ
            case 0x540a -> {                                                                    // TCXONC
                TCXONC.hexValue(out.append(", "), c.address());
                yield true;
            }
            case 0x540b -> {                                                                    // TCFLSH
                TCFLSH.hexValue(out.append(", "), c.address());
                yield true;
            }
            case 0x5409, 0x5425, 0x540e -> {                                                    // TCSBRK, TCSBRKP, TIOCSCTTY
                out.append(", ").append((int) c.address());
                yield true;
            }
            case 0x5415 -> Print.out(c, out, 4, b -> modem(out, b));                            // TIOCMGET
            case 0x5416, 0x5417, 0x5418 -> Print.in(c, out, 4, b -> modem(out, b));             // TIOCMBIS, TIOCMBIC, TIOCMSET
            case 0x540f, 0x5429, 0x5424, 0x5419, TIOCGPTN, 0x541b, 0x5411, TIOCGEXCL, TIOCGDEV ->
                    Print.intOut(c, out);                                                       // TIOCGPGRP ... TIOCOUTQ
            case 0x5410, 0x5423, 0x5421, 0x5452, 0x5420, 0x541a, TIOCSPTLCK -> Print.intIn(c, out); // TIOCSPGRP ... FIONBIO
            case 0x5412 -> Print.in(c, out, 1, b -> {                                           // TIOCSTI
                byte[] one = {b.get(0)};
                io.jtrace.analyzer.render.Quote.append(out, one, 0, 1, c.hex(), false);
            });
            case 0x5427, 0x5428, 0x541d, 0x5422, 0x540c, 0x540d, 0x5451, 0x5450, TIOCVHANGUP, TIOCSSERIAL -> true;
            default -> false;
        };
    }

    /** termios, termios2 (same fields first) or termio (16-bit flags); c_line and c_cc (and termios2's speeds) under -v. */
    private static void termios(IoctlCall c, LineBuffer out, ByteBuffer b, int kind) {
        boolean termio = kind == TERMIO;
        long iflag = termio ? b.getShort(0) & 0xffffL : b.getInt(0) & 0xffffffffL;
        long oflag = termio ? b.getShort(2) & 0xffffL : b.getInt(4) & 0xffffffffL;
        long cflag = termio ? b.getShort(4) & 0xffffL : b.getInt(8) & 0xffffffffL;
        long lflag = termio ? b.getShort(6) & 0xffffL : b.getInt(12) & 0xffffffffL;
        out.append("{c_iflag=");
        bits(IFLAGS, out, iflag);
        out.append(", c_oflag=");
        long o = oflag;
        for (int i = 0; i < DELAYS.length; i++) {
            DELAYS[i].hexValue(out, o & DELAY_MASKS[i]);
            out.append('|');
            o &= ~DELAY_MASKS[i];
        }
        bits(OFLAGS, out, o);
        out.append(", c_cflag=");
        BAUD.hexValue(out, cflag & CBAUD);
        out.append('|');
        if ((cflag & CIBAUD) != 0) {
            BAUD.hexValue(out, (cflag & CIBAUD) >>> IBSHIFT);
            out.append("<<IBSHIFT|");
        }
        CSIZE.hexValue(out, cflag & 0x30);
        out.append('|');
        bits(CFLAGS, out, cflag & ~(CBAUD | CIBAUD | 0x30));
        out.append(", c_lflag=");
        bits(LFLAGS, out, lflag);
        if (c.abbrev()) {
            out.append(", ...}");
            return;
        }
        int line = termio ? 8 : 16;
        LINE_DISCS.hexValue(out.append(", c_line="), b.get(line) & 0xff);
        out.append(", c_cc=[");
        int count = termio ? 8 : 19;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('[').append(i < CC_NAMES.length ? CC_NAMES[i] : Integer.toString(i)).append("]=");
            Formats.hex(out, b.get(line + 1 + i) & 0xff);
        }
        out.append(']');
        if (kind == TERMIOS2) {
            out.append(", c_ispeed=").appendUnsigned(b.getInt(36) & 0xffffffffL)
                    .append(", c_ospeed=").appendUnsigned(b.getInt(40) & 0xffffffffL);
        }
        out.append('}');
    }

    /** printflags64 with no default name: nothing at all for 0. */
    private static void bits(Flags names, LineBuffer out, long value) {
        if (value != 0) {
            names.bits(out, value);
        }
    }

    private static void winsize(LineBuffer out, ByteBuffer b) {
        out.append("{ws_row=").append(b.getShort(0) & 0xffff).append(", ws_col=").append(b.getShort(2) & 0xffff)
                .append(", ws_xpixel=").append(b.getShort(4) & 0xffff)
                .append(", ws_ypixel=").append(b.getShort(6) & 0xffff).append('}');
    }

    private static void modem(LineBuffer out, ByteBuffer b) {
        out.append('[');
        MODEM.flags(out, b.getInt(0) & 0xffffffffL);
        out.append(']');
    }
}
