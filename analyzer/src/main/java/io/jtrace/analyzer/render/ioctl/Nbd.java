package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;

/** Network block device requests (strace's nbd_ioctl.c): arguments by value. */
final class Nbd {
    private static final Flags FLAGS = Flags.of("NBD_IOC_FLAG_???", "NBD_FLAG_HAS_FLAGS", 1L << 0,
            "NBD_FLAG_READ_ONLY", 1L << 1, "NBD_FLAG_SEND_FLUSH", 1L << 2, "NBD_FLAG_SEND_FUA", 1L << 3,
            "NBD_FLAG_ROTATIONAL", 1L << 4, "NBD_FLAG_SEND_TRIM", 1L << 5, "NBD_FLAG_SEND_WRITE_ZEROES", 1L << 6,
            "NBD_FLAG_SEND_DF", 1L << 7, "NBD_FLAG_CAN_MULTI_CONN", 1L << 8, "NBD_FLAG_SEND_RESIZE", 1L << 9,
            "NBD_FLAG_SEND_CACHE", 1L << 10);

    private Nbd() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0xab08, 0xab04, 0xab03, 0xab05, 0xab06 -> true;            // DISCONNECT, CLEAR_SOCK, DO_IT ...
            case 0xab00 -> {                                                // NBD_SET_SOCK
                c.fd(out.append(", "), (int) c.address());
                yield true;
            }
            case 0xab01, 0xab02, 0xab07, 0xab09 -> Print.unsignedArg(c, out); // SET_BLKSIZE, SET_SIZE ...
            case 0xab0a -> {                                                // NBD_SET_FLAGS: printflags, an unsigned int
                FLAGS.flags(out.append(", "), c.address() & 0xffffffffL);
                yield true;
            }
            default -> false;
        };
    }
}
