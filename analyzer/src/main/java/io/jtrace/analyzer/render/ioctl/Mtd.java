package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** MTD requests (strace's mtd.c), type 'M' (shared with the sound mixer's, which strace does not decode). */
final class Mtd {
    private static final Flags MODES = IoctlXlat.table("mtd_mode_options", "MTD_OPS_???");
    private static final Flags FILE_MODES = IoctlXlat.table("mtd_file_mode_options", "MTD_FILE_MODE_???");
    private static final Flags TYPES = IoctlXlat.table("mtd_type_options", "MTD_???");
    private static final Flags FLAGS = IoctlXlat.table("mtd_flags_options", "MTD_???");
    private static final Flags OTP = IoctlXlat.table("mtd_otp_options", "MTD_OTP_???");
    private static final Flags NANDECC = IoctlXlat.table("mtd_nandecc_options", "MTD_NANDECC_???");

    private Mtd() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x40084d02, 0x40084d05, 0x40084d06, 0x80084d17 -> Print.in(c, out, 8, b -> {      // MEMERASE ... MEMISLOCKED
                Formats.hex(out.append("{start="), u32(b, 0));
                Formats.hex(out.append(", length="), u32(b, 4)).append('}');
            });
            case 0x40104d14 -> Print.in(c, out, 16, b -> {                                         // MEMERASE64
                Formats.hex(out.append("{start="), b.getLong(0));
                Formats.hex(out.append(", length="), b.getLong(8)).append('}');
            });
            case 0xc0104d03, 0xc0104d04 -> Print.in(c, out, 16, b -> {                             // MEM{WRITE,READ}OOB
                Formats.hex(out.append("{start="), u32(b, 0));
                Formats.hex(out.append(", length="), u32(b, 4));
                Formats.pointer(out.append(", ptr="), b.getLong(8)).append('}');
            });
            case 0xc0184d15, 0xc0184d16 -> Print.in(c, out, 24, b -> {                             // MEM{WRITE,READ}OOB64
                Formats.hex(out.append("{start="), b.getLong(0));
                Formats.hex(out.append(", length="), u32(b, 12));
                Formats.pointer(out.append(", usr_ptr="), b.getLong(16)).append('}');
            });
            case 0xc0304d18 -> Print.in(c, out, 48, b -> {                                         // MEMWRITE
                Formats.hex(out.append("{start="), b.getLong(0));
                Formats.hex(out.append(", len="), b.getLong(8));
                Formats.hex(out.append(", ooblen="), b.getLong(16));
                Formats.pointer(out.append(", usr_data="), b.getLong(24));
                Formats.pointer(out.append(", usr_oob="), b.getLong(32));
                MODES.hexValue(out.append(", mode="), b.get(40) & 0xff);
                out.append('}');
            });
            case 0x400c4d0f -> Print.out(c, out, 12, b -> otpInfo(out, b));                        // OTPGETREGIONINFO
            case 0x800c4d10 -> Print.in(c, out, 12, b -> otpInfo(out, b));                         // OTPLOCK
            case 0x80044d0d -> Print.in(c, out, 4, b -> {                                          // OTPSELECT
                OTP.hexValue(out.append('['), u32(b, 0));
                out.append(']');
            });
            case 0x00004d13 -> {                                                                   // MTDFILEMODE
                FILE_MODES.hexValue(out.append(", "), c.address());
                yield true;
            }
            case 0x40084d0b, 0x40084d0c -> Print.in(c, out, 8,                                     // MEM{GET,SET}BADBLOCK
                    b -> out.append('[').appendUnsigned(b.getLong(0)).append(']'));
            case 0x80204d01 -> Print.out(c, out, 32, b -> {                                        // MEMGETINFO
                TYPES.hexValue(out.append("{type="), b.get(0) & 0xff);
                FLAGS.flags(out.append(", flags="), u32(b, 4));
                Formats.hex(out.append(", size="), u32(b, 8));
                Formats.hex(out.append(", erasesize="), u32(b, 12));
                Formats.hex(out.append(", writesize="), u32(b, 16));
                Formats.hex(out.append(", oobsize="), u32(b, 20));
                Formats.hex(out.append(", padding="), b.getLong(24)).append('}');
            });
            case 0x80c84d0a -> Print.out(c, out, 200, b -> {                                       // MEMGETOOBSEL
                NANDECC.hexValue(out.append("{useecc="), u32(b, 0));
                Formats.hex(out.append(", eccbytes="), u32(b, 4));
                PrintArray.local(c, out.append(", oobfree="), 8, i -> PrintArray.hex32(c, out, b, 8 + 8 * i, 2));
                PrintArray.hex32(c, out.append(", eccpos="), b, 72, 32);
                out.append('}');
            });
            case 0x81484d11 -> Print.out(c, out, 328, b -> {                                       // ECCGETLAYOUT
                Formats.hex(out.append("{eccbytes="), u32(b, 0));
                PrintArray.hex32(c, out.append(", eccpos="), b, 4, 64);
                Formats.hex(out.append(", oobavail="), u32(b, 260));
                PrintArray.local(c, out.append(", oobfree="), 8, i -> {
                    Formats.hex(out.append("{offset="), u32(b, 264 + 8 * i));
                    Formats.hex(out.append(", length="), u32(b, 268 + 8 * i)).append('}');
                });
                out.append('}');
            });
            case 0x80104d12 -> Print.out(c, out, 16, b -> {                                        // ECCGETSTATS
                Formats.hex(out.append("{corrected="), u32(b, 0));
                Formats.hex(out.append(", failed="), u32(b, 4));
                Formats.hex(out.append(", badblocks="), u32(b, 8));
                Formats.hex(out.append(", bbtblocks="), u32(b, 12)).append('}');
            });
            case 0x40044d0e -> Print.uintOut(c, out);                                              // OTPGETREGIONCOUNT
            case 0x80044d07 -> Print.intOut(c, out);                                               // MEMGETREGIONCOUNT
            case 0xc0104d08 -> regionInfo(c, out);                                                 // MEMGETREGIONINFO
            default -> false;
        };
    }

    private static void otpInfo(LineBuffer out, ByteBuffer b) {
        Formats.hex(out.append("{start="), u32(b, 0));
        Formats.hex(out.append(", length="), u32(b, 4));
        out.append(", locked=").appendUnsigned(u32(b, 8)).append('}');
    }

    private static boolean regionInfo(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(16);
        if (in == null) {
            c.address(out);
            return true;
        }
        Formats.hex(out.append("{regionindex="), u32(in, 12));
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer b = c.out(16);
        if (b != null) {
            Formats.hex(out.append(", offset="), u32(b, 0));
            Formats.hex(out.append(", erasesize="), u32(b, 4));
            Formats.hex(out.append(", numblocks="), u32(b, 8));
        }
        out.append('}');
        return true;
    }
}
