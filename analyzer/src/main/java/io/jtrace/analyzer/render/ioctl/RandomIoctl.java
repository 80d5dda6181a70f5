package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;

/** /dev/random's requests (strace's random_ioctl.c). */
final class RandomIoctl {
    private static final int RNDGETENTCNT = 0x80045200;
    private static final int RNDADDTOENTCNT = 0x40045201;
    private static final int RNDADDENTROPY = 0x40085203;
    private static final int RNDZAPENTCNT = 0x5204;
    private static final int RNDCLEARPOOL = 0x5206;
    private static final int RNDRESEEDCRNG = 0x5207;

    private RandomIoctl() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case RNDGETENTCNT -> Print.intOut(c, out);
            case RNDADDTOENTCNT -> Print.intIn(c, out);
            // struct rand_pool_info: two ints, then buf_size bytes (the recorder copies them too)
            case RNDADDENTROPY -> Print.in(c, out, 8, b -> {
                int size = b.getInt(4);
                out.append("{entropy_count=").append(b.getInt(0)).append(", buf_size=").append(size).append(", buf=");
                c.pointedString(out, false, c.address() + 8, size);
                out.append('}');
            });
            case RNDZAPENTCNT, RNDCLEARPOOL, RNDRESEEDCRNG -> true;
            default -> false;
        };
    }
}
