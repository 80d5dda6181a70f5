package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** UBI requests (strace's ubi.c), types 'o' and 'O'. */
final class Ubi {
    private static final Flags VOLUME_TYPES = IoctlXlat.table("ubi_volume_types", "UBI_???_VOLUME");
    private static final Flags VOLUME_FLAGS = IoctlXlat.table("ubi_volume_flags", "UBI_VOL_???");
    private static final Flags VOLUME_PROPS = IoctlXlat.table("ubi_volume_props", "UBI_VOL_PROP_???");
    private static final Flags DATA_TYPES = IoctlXlat.table("ubi_data_types", "UBI_???");
    private static final int NAME_MAX = 127;
    private static final int MAX_VOLUMES = 32;

    private Ubi() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x40986f00 -> withNumber(c, out, 152, b -> {                                     // UBI_IOCMKVOL
                out.append("{vol_id=").append(b.getInt(0)).append(", alignment=").append(b.getInt(4));
                out.append(", bytes=").append(b.getLong(8));
                VOLUME_TYPES.hexValue(out.append(", vol_type="), b.get(16));
                VOLUME_FLAGS.flags(out.append(", flags="), b.get(17) & 0xff);
                short len = b.getShort(18);
                out.append(", name_len=").append(len);
                Print.cstring(c, out.append(", name="), b, 24, 1 + Math.max(0, Math.min(len, NAME_MAX)));
                out.append('}');
            });
            case 0x40186f40 -> withNumber(c, out, 24, b -> {                                      // UBI_IOCATT
                out.append("{ubi_num=").append(b.getInt(0)).append(", mtd_num=").append(b.getInt(4));
                out.append(", vid_hdr_offset=").append(b.getInt(8));
                out.append(", max_beb_per1024=").append(b.getShort(12)).append('}');
            });
            case 0x400c6f02 -> Print.in(c, out, 12, b ->                                          // UBI_IOCRSVOL
                    out.append("{bytes=").append(b.getLong(0)).append(", vol_id=").append(b.getInt(8)).append('}'));
            case 0x51106f03 -> Print.in(c, out, 4368, b -> {                                      // UBI_IOCRNVOL
                int count = b.getInt(0);
                out.append("{count=").append(count).append(", ents=");
                PrintArray.local(c, out, Math.max(0, Math.min(count, MAX_VOLUMES)), i -> {
                    int at = 16 + 136 * i;
                    short len = b.getShort(at + 4);
                    out.append("{vol_id=").append(b.getInt(at)).append(", name_len=").append(len);
                    Print.cstring(c, out.append(", name="), b, at + 8, 1 + Math.max(0, Math.min(len, NAME_MAX)));
                    out.append('}');
                });
                out.append('}');
            });
            case 0x40044f02 -> Print.in(c, out, 16, b -> {                                        // UBI_IOCEBCH
                out.append("{lnum=").append(b.getInt(0)).append(", bytes=").append(b.getInt(4));
                DATA_TYPES.hexValue(out.append(", dtype="), b.get(8) & 0xff);
                out.append('}');
            });
            case 0x40084f03 -> Print.in(c, out, 8, b -> {                                         // UBI_IOCEBMAP
                out.append("{lnum=").append(b.getInt(0));
                DATA_TYPES.hexValue(out.append(", dtype="), b.get(4) & 0xff);
                out.append('}');
            });
            case 0x40104f06 -> Print.in(c, out, 16, b -> {                                        // UBI_IOCSETVOLPROP
                VOLUME_PROPS.hexValue(out.append("{property="), b.get(0) & 0xff);
                Formats.hex(out.append(", value="), b.getLong(8)).append('}');
            });
            case 0x40084f00 -> Print.in(c, out, 8, b -> out.append('[').append(b.getLong(0)).append(']')); // UBI_IOCVOLUP
            case 0x40046f41, 0x40044f01, 0x80044f05, 0x40044f04, 0x40046f01, 0x40046f04, 0x40046f05 ->
                    Print.intIn(c, out);                                                          // UBI_IOCDET ... SPEB
            case 0x40804f07, 0x00004f08 -> true;                                                  // UBI_IOCVOL{CR,RM}BLK: none
            default -> false;
        };
    }

    /** A request structure printed at entry, then at exit of a successful call {@code => [N]}, the number the kernel wrote back. */
    private static boolean withNumber(IoctlCall c, LineBuffer out, int size, java.util.function.Consumer<ByteBuffer> body) {
        Print.in(c, out, size, body);
        if (c.address() == 0 || c.in(size) == null || c.unfinished() || c.failed()) {
            return true;
        }
        ByteBuffer b = c.out(4);
        out.append(" => ");
        if (b == null) {
            c.address(out);
        } else {
            out.append('[').append(b.getInt(0)).append(']');
        }
        return true;
    }
}
