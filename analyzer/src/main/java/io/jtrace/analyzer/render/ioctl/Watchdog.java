package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;

/** Watchdog requests (strace's watchdog_ioctl.c): ints in and out. */
final class Watchdog {
    private Watchdog() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            // WDIOC_GETSTATUS, GETBOOTSTATUS, GETTEMP, GETTIMEOUT, GETPRETIMEOUT, GETTIMELEFT
            case 0x80045701, 0x80045702, 0x80045703, 0x80045707, 0x80045709, 0x8004570a -> Print.intOut(c, out);
            case 0xc0045706, 0xc0045708 -> Print.intIn(c, out);                     // WDIOC_SETTIMEOUT, SETPRETIMEOUT
            case 0x80045705 -> true;                                                // WDIOC_KEEPALIVE
            default -> false;
        };
    }
}
