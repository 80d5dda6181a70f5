package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** struct v4l2_format's union by buffer type, and pixel formats as v4l2_fourcc (strace's v4l2.c). */
final class V4l2Formats {
    static final Flags PIX_FMTS = IoctlXlat.table("v4l2_pix_fmts", null);
    private static final Flags SDR_FMTS = IoctlXlat.table("v4l2_sdr_fmts", null);
    private static final Flags META_FMTS = IoctlXlat.table("v4l2_meta_fmts", null);
    private static final Flags FIELDS = IoctlXlat.table("v4l2_fields", "V4L2_FIELD_???");
    private static final Flags COLORSPACES = IoctlXlat.table("v4l2_colorspaces", "V4L2_COLORSPACE_???");
    private static final Flags VBI_FLAGS = IoctlXlat.table("v4l2_vbi_flags", "V4L2_VBI_???");
    private static final Flags SLICED_FLAGS = IoctlXlat.table("v4l2_sliced_flags", "V4L2_SLICED_???");
    private static final int CLIP = 24;
    private static final int MAX_PLANES = 8;

    private V4l2Formats() {
    }

    /** {@code v4l2_fourcc('S', '5', '0', '8') /* V4L2_PIX_FMT_SPCA508 *}{@code /}; hex in the raw style. */
    static void pixelformat(LineBuffer out, long fourcc, Flags names) {
        if (ConstStyle.current() == ConstStyle.RAW) {
            Formats.hex(out, fourcc);
            return;
        }
        out.append("v4l2_fourcc(");
        for (int i = 0; i < 4; i++) {
            int ch = (int) (fourcc >>> (8 * i)) & 0xff;
            out.append(i > 0 ? ", '" : "'");
            if (ch >= 0x20 && ch < 0x7f) {
                if (ch == '\'' || ch == '\\') {
                    out.append('\\');
                }
                out.append((char) ch);
            } else {
                out.append("\\x").append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 0xf, 16));
            }
            out.append('\'');
        }
        out.append(')');
        String name = names == null ? null : names.name(fourcc);
        if (name != null) {
            out.append(" /* ").append(name).append(" */");
        }
    }

    /**
     * strace's print_v4l2_format_fmt: {@code prefix} and the union member the type at {@code at - 8}
     * selects (the union starts at {@code at}); false for a type it does not know, and, as
     * print_array returns, for an overlay window whose clips could not all be printed.
     */
    static boolean fmt(IoctlCall c, LineBuffer out, ByteBuffer b, int at, String prefix, boolean atExit) {
        long type = u32(b, at - 8);
        if (type == 1 || type == 2) {
            out.append(prefix).append("fmt.pix=");
            pix(out, b, at);
        } else if (type == 9 || type == 10) {
            out.append(prefix).append("fmt.pix_mp=");
            pixMp(c, out, b, at);
        } else if (type == 8 || type == 3) {
            out.append(prefix).append("fmt.win=");
            return win(c, out, b, at, atExit);
        } else if (type == 4 || type == 5) {
            out.append(prefix).append("fmt.vbi=");
            vbi(out, b, at);
        } else if (type == 6 || type == 7) {
            out.append(prefix).append("fmt.sliced=");
            sliced(out, b, at);
        } else if (type == 11 || type == 12) {
            out.append(prefix).append("fmt.sdr=");
            pixelformat(out.append("{pixelformat="), u32(b, at), SDR_FMTS);
            if (u32(b, at + 4) != 0) {
                out.append(", buffersize=").appendUnsigned(u32(b, at + 4));
            }
            out.append('}');
        } else if (type == 13 || type == 14) {
            out.append(prefix).append("fmt.meta=");
            pixelformat(out.append("{dataformat="), u32(b, at), META_FMTS);
            out.append(", buffersize=").appendUnsigned(u32(b, at + 4)).append('}');
        } else {
            return false;
        }
        return true;
    }

    private static void pix(LineBuffer out, ByteBuffer b, int at) {
        out.append("{width=").appendUnsigned(u32(b, at)).append(", height=").appendUnsigned(u32(b, at + 4));
        pixelformat(out.append(", pixelformat="), u32(b, at + 8), PIX_FMTS);
        FIELDS.hexValue(out.append(", field="), u32(b, at + 12));
        out.append(", bytesperline=").appendUnsigned(u32(b, at + 16));
        out.append(", sizeimage=").appendUnsigned(u32(b, at + 20));
        COLORSPACES.hexValue(out.append(", colorspace="), u32(b, at + 24));
        out.append('}');
    }

    private static void pixMp(IoctlCall c, LineBuffer out, ByteBuffer b, int at) {
        out.append("{width=").appendUnsigned(u32(b, at)).append(", height=").appendUnsigned(u32(b, at + 4));
        pixelformat(out.append(", pixelformat="), u32(b, at + 8), PIX_FMTS);
        FIELDS.hexValue(out.append(", field="), u32(b, at + 12));
        COLORSPACES.hexValue(out.append(", colorspace="), u32(b, at + 16));
        int planes = b.get(at + 180) & 0xff;
        // PRINT_FIELD_ARRAY_UPTO: num_planes clamped to the array's 8 elements
        out.append(", plane_fmt=[");
        int n = Math.min(planes, MAX_PLANES);
        for (int i = 0; i < n; i++) {
            out.append(i > 0 ? ", " : "");
            if (c.abbrev() && i >= c.stringLimit()) {
                out.append("...");
                break;
            }
            int p = at + 20 + 20 * i;
            out.append("{sizeimage=").appendUnsigned(u32(b, p))
                    .append(", bytesperline=").appendUnsigned(u32(b, p + 4)).append('}');
        }
        out.append("], num_planes=").append(planes).append('}');
    }

    private static boolean win(IoctlCall c, LineBuffer out, ByteBuffer b, int at, boolean atExit) {
        V4l2.rect(out.append("{w="), b, at);
        FIELDS.hexValue(out.append(", field="), u32(b, at + 16));
        Formats.hex(out.append(", chromakey="), u32(b, at + 20));
        long clips = b.getLong(at + 24);
        long count = u32(b, at + 32);
        boolean whole = PrintArray.array(c, out.append(", clips="), c.pointed(atExit), clips, count, CLIP,
                (o, e, i) -> V4l2.rect(o.append("{c="), e, i).append('}'));
        out.append(", clipcount=").appendUnsigned(count);
        Formats.pointer(out.append(", bitmap="), b.getLong(at + 40));
        int alpha = b.get(at + 48) & 0xff;
        if (alpha != 0) {
            Formats.hex(out.append(", global_alpha="), alpha);
        }
        out.append('}');
        return whole;
    }

    private static void vbi(LineBuffer out, ByteBuffer b, int at) {
        out.append("{sampling_rate=").appendUnsigned(u32(b, at));
        out.append(", offset=").appendUnsigned(u32(b, at + 4));
        out.append(", samples_per_line=").appendUnsigned(u32(b, at + 8));
        pixelformat(out.append(", sample_format="), u32(b, at + 12), PIX_FMTS);
        out.append(", start=[").append(b.getInt(at + 16)).append(", ").append(b.getInt(at + 20)).append(']');
        out.append(", count=[").appendUnsigned(u32(b, at + 24)).append(", ").appendUnsigned(u32(b, at + 28)).append(']');
        VBI_FLAGS.flags(out.append(", flags="), u32(b, at + 32));
        out.append('}');
    }

    private static void sliced(LineBuffer out, ByteBuffer b, int at) {
        SLICED_FLAGS.flags(out.append("{service_set="), b.getShort(at) & 0xffff);
        out.append(", service_lines=[");
        for (int i = 0; i < 2; i++) {
            out.append(i > 0 ? ", [" : "[");
            for (int j = 0; j < 24; j++) {
                Formats.hex(out.append(j > 0 ? ", " : ""), b.getShort(at + 2 + 2 * (24 * i + j)) & 0xffff);
            }
            out.append(']');
        }
        out.append("], io_size=").appendUnsigned(u32(b, at + 100)).append('}');
    }
}
