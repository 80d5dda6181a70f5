package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import java.nio.ByteBuffer;

/** Loop device requests (strace's loop.c), abbreviated as without -v. */
final class Loop {
    private static final Flags FLAGS = Flags.of("LO_FLAGS_???", "LO_FLAGS_READ_ONLY", 0x1L, "LO_FLAGS_USE_AOPS", 0x2L,
            "LO_FLAGS_AUTOCLEAR", 0x4L, "LO_FLAGS_PARTSCAN", 0x8L, "LO_FLAGS_DIRECT_IO", 0x10L);
    private static final Flags CRYPT = Flags.of("LO_CRYPT_???", "LO_CRYPT_NONE", 0x0L, "LO_CRYPT_XOR", 0x1L,
            "LO_CRYPT_DES", 0x2L, "LO_CRYPT_FISH2", 0x3L, "LO_CRYPT_BLOW", 0x4L, "LO_CRYPT_CAST128", 0x5L,
            "LO_CRYPT_IDEA", 0x6L, "LO_CRYPT_DUMMY", 0x9L, "LO_CRYPT_SKIPJACK", 0xaL, "LO_CRYPT_CRYPTOAPI", 0x12L);
    private static final int LO_KEY_SIZE = 32;

    private Loop() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x4c03 -> Print.out(c, out, 168, b -> info(c, out, b));                    // LOOP_GET_STATUS
            case 0x4c02 -> Print.in(c, out, 168, b -> info(c, out, b));                     // LOOP_SET_STATUS
            case 0x4c05 -> Print.out(c, out, 232, b -> info64(c, out, b, 0));               // LOOP_GET_STATUS64
            case 0x4c04 -> Print.in(c, out, 232, b -> info64(c, out, b, 0));                // LOOP_SET_STATUS64
            case 0x4c0a -> Print.in(c, out, 304, b -> config(c, out, b));                   // LOOP_CONFIGURE
            case 0x4c01, 0x4c07, 0x4c82 -> true;                                            // no argument
            case 0x4c00, 0x4c06 -> {                                                        // LOOP_SET_FD, LOOP_CHANGE_FD
                c.fd(out.append(", "), (int) c.address());
                yield true;
            }
            case 0x4c80, 0x4c81 -> {                                                        // LOOP_CTL_ADD, LOOP_CTL_REMOVE
                out.append(", ").append((int) c.address());
                yield true;
            }
            case 0x4c08, 0x4c09 -> Print.unsignedArg(c, out);                               // LOOP_SET_DIRECT_IO, _BLOCK_SIZE
            default -> false;
        };
    }

    private static void info(IoctlCall c, LineBuffer out, ByteBuffer b) {
        int type = b.getInt(36);
        boolean all = !c.abbrev();
        out.append("{lo_number=").append(b.getInt(0));
        if (all) {
            dev(out.append(", lo_device="), b.getLong(8));
            out.append(", lo_inode=").appendUnsigned(b.getLong(16));
            dev(out.append(", lo_rdevice="), b.getLong(24));
        }
        Formats.hex(out.append(", lo_offset="), b.getInt(32) & 0xffffffffL);
        if (type != 0 || all) {
            CRYPT.hexValue(out.append(", lo_encrypt_type="), type & 0xffffffffL);
            out.append(", lo_encrypt_key_size=").appendUnsigned(b.getInt(40) & 0xffffffffL);
        }
        FLAGS.flags(out.append(", lo_flags="), b.getInt(44) & 0xffffffffL);
        Print.cstring(c, out.append(", lo_name="), b, 48, 64);
        if (type != 0 || all) {
            key(c, out, b, 112, b.getInt(40));
        }
        if (all) {
            hexArray(out.append(", lo_init="), b, 144, 2, 8);
            hexArray(out.append(", reserved="), b, 160, 4, 1);
            out.append('}');
        } else {
            out.append(", ...}");
        }
    }

    /** PRINT_FIELD_X_ARRAY: {@code count} unsigned values of {@code size} bytes in hex. */
    private static void hexArray(LineBuffer out, ByteBuffer b, int at, int count, int size) {
        out.append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(", ");
            }
            Formats.hex(out, size == 8 ? b.getLong(at + 8 * i) : b.get(at + i) & 0xffL);
        }
        out.append(']');
    }

    /** strace's print_dev_t: makedev(major, minor) of glibc's 64-bit dev_t, the number too unless abbrev. */
    static void dev(LineBuffer out, long dev) {
        ConstStyle.composite(out, dev, o -> {
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            o.append("makedev(");
            Formats.hex(o, major & 0xffffffffL).append(", ");
            Formats.hex(o, minor & 0xffffffffL).append(')');
        });
    }

    private static void info64(IoctlCall c, LineBuffer out, ByteBuffer b, int at) {
        int type = b.getInt(at + 44);
        boolean all = !c.abbrev();
        out.append('{');
        if (all) {
            dev(out.append("lo_device="), b.getLong(at));
            out.append(", lo_inode=").appendUnsigned(b.getLong(at + 8));
            dev(out.append(", lo_rdevice="), b.getLong(at + 16));
            out.append(", ");
        }
        Formats.hex(out.append("lo_offset="), b.getLong(at + 24));
        if (all) {
            out.append(", lo_sizelimit=").appendUnsigned(b.getLong(at + 32));
        }
        out.append(", lo_number=").appendUnsigned(b.getInt(at + 40) & 0xffffffffL);
        if (type != 0 || all) {
            CRYPT.hexValue(out.append(", lo_encrypt_type="), type & 0xffffffffL);
            out.append(", lo_encrypt_key_size=").appendUnsigned(b.getInt(at + 48) & 0xffffffffL);
        }
        FLAGS.flags(out.append(", lo_flags="), b.getInt(at + 52) & 0xffffffffL);
        Print.cstring(c, out.append(", lo_file_name="), b, at + 56, 64);
        if (type != 0 || all) {
            Print.cstring(c, out.append(", lo_crypt_name="), b, at + 120, 64);
            key(c, out, b, at + 184, b.getInt(at + 48));
        }
        if (all) {
            hexArray(out.append(", lo_init="), b, at + 216, 2, 8);
            out.append('}');
        } else {
            out.append(", ...}");
        }
    }

    /** lo_encrypt_key: as many bytes as lo_encrypt_key_size says (at most LO_KEY_SIZE), quoted. */
    private static void key(IoctlCall c, LineBuffer out, ByteBuffer b, int at, int size) {
        int n = Integer.compareUnsigned(size, LO_KEY_SIZE) > 0 ? LO_KEY_SIZE : size;
        byte[] key = new byte[n];
        b.get(at, key);
        out.append(", lo_encrypt_key=");
        Quote.append(out, key, 0, n, c.hex(), false);
    }

    private static void config(IoctlCall c, LineBuffer out, ByteBuffer b) {
        c.fd(out.append("{fd="), b.getInt(0));
        out.append(", block_size=").appendUnsigned(b.getInt(4) & 0xffffffffL).append(", info=");
        info64(c, out, b, 8);
        boolean reserved = false;
        for (int i = 0; i < 8; i++) {
            reserved |= b.getLong(240 + 8 * i) != 0;
        }
        if (reserved) {
            out.append(", __reserved=[");
            for (int i = 0; i < 8; i++) {
                Formats.hex(out.append(i > 0 ? ", " : ""), b.getLong(240 + 8 * i));
            }
            out.append(']');
        }
        out.append('}');
    }
}
