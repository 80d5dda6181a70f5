package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/**
 * Video4Linux2 requests (strace's v4l2.c): what the kernel reads printed from the entry copy, what
 * it fills appended at exit of a successful call ({@code => {...}} where strace shows a change).
 */
final class V4l2 {
    static final Flags BUF_TYPES = IoctlXlat.table("v4l2_buf_types", "V4L2_BUF_TYPE_???");
    private static final Flags CAPS = IoctlXlat.table("v4l2_device_capabilities_flags", "V4L2_CAP_???");
    private static final Flags FMT_FLAGS = IoctlXlat.table("v4l2_format_description_flags", "V4L2_FMT_FLAG_???");
    private static final Flags MEMORIES = IoctlXlat.table("v4l2_memories", "V4L2_MEMORY_???");
    private static final Flags BUF_FLAGS = IoctlXlat.table("v4l2_buf_flags", "V4L2_BUF_FLAG_???");
    private static final Flags TS_TYPE = IoctlXlat.table("v4l2_buf_flags_ts_type", "V4L2_BUF_FLAG_TIMESTAMP_???");
    private static final Flags TS_SRC = IoctlXlat.table("v4l2_buf_flags_ts_src", "V4L2_BUF_FLAG_TSTAMP_SRC_???");
    private static final Flags STREAMING = IoctlXlat.table("v4l2_streaming_capabilities", "V4L2_CAP_???");
    private static final Flags MODES = IoctlXlat.table("v4l2_capture_modes", "V4L2_MODE_???");
    private static final Flags INPUT_TYPES = IoctlXlat.table("v4l2_input_types", "V4L2_INPUT_TYPE_???");
    private static final Flags TUNER_TYPES = IoctlXlat.table("v4l2_tuner_types", "V4L2_TUNER_???");
    private static final Flags TUNER_CAPS = IoctlXlat.table("v4l2_tuner_capabilities", "V4L2_TUNER_CAP_???");
    private static final Flags RXSUBCHANS = IoctlXlat.table("v4l2_tuner_rxsubchanses", "V4L2_TUNER_SUB_???");
    private static final Flags AUDMODES = IoctlXlat.table("v4l2_tuner_audmodes", "V4L2_TUNER_MODE_???");
    private static final Flags CTRL_TYPES = IoctlXlat.table("v4l2_control_types", "V4L2_CTRL_TYPE_???");
    private static final Flags CTRL_FLAGS = IoctlXlat.table("v4l2_control_flags", "V4L2_CTRL_FLAG_???");
    private static final Flags FRMSIZE_TYPES = IoctlXlat.table("v4l2_framesize_types", "V4L2_FRMSIZE_TYPE_???");
    private static final Flags FRMIVAL_TYPES = IoctlXlat.table("v4l2_frameinterval_types", "V4L2_FRMIVAL_TYPE_???");
    private static final int QUERYCAP = 0x80685600;
    private static final int ENUM_FMT = 0xc0405602;
    private static final int G_FMT = 0xc0d05604;
    private static final int S_FMT = 0xc0d05605;
    private static final int TRY_FMT = 0xc0d05640;
    private static final int REQBUFS = 0xc0145608;
    private static final int QUERYBUF = 0xc0585609;
    private static final int QBUF = 0xc058560f;
    private static final int DQBUF = 0xc0585611;
    private static final int G_FBUF = 0x8030560a;
    private static final int S_FBUF = 0x4030560b;
    private static final int STREAMON = 0x40045612;
    private static final int STREAMOFF = 0x40045613;
    private static final int G_PARM = 0xc0cc5615;
    private static final int S_PARM = 0xc0cc5616;
    private static final int G_STD = 0x80085617;
    private static final int S_STD = 0x40085618;
    private static final int ENUMSTD = 0xc0485619;
    private static final int ENUMINPUT = 0xc050561a;
    private static final int G_CTRL = 0xc008561b;
    private static final int S_CTRL = 0xc008561c;
    private static final int G_TUNER = 0xc054561d;
    private static final int S_TUNER = 0x4054561e;
    private static final int QUERYCTRL = 0xc0445624;
    private static final int QUERY_EXT_CTRL = 0xc0e85667;
    private static final int G_INPUT = 0x80045626;
    private static final int S_INPUT = 0xc0045627;
    private static final int CROPCAP = 0xc02c563a;
    private static final int G_CROP = 0xc014563b;
    private static final int S_CROP = 0x4014563c;
    private static final int G_EXT_CTRLS = 0xc0205647;
    private static final int S_EXT_CTRLS = 0xc0205648;
    private static final int TRY_EXT_CTRLS = 0xc0205649;
    private static final int ENUM_FRAMESIZES = 0xc02c564a;
    private static final int ENUM_FRAMEINTERVALS = 0xc034564b;
    private static final int CREATE_BUFS = 0xc100565c;
    private static final int MEMORY_MMAP = 1;
    private static final int MEMORY_USERPTR = 2;
    private static final long TIMESTAMP_MASK = 0xe000;
    private static final long TSTAMP_SRC_MASK = 0x70000;

    private V4l2() {
    }

    /** What is printed of a structure at entry; false when strace's entry ended the argument. */
    @FunctionalInterface
    private interface Entry {
        boolean print(ByteBuffer in);
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case QUERYCAP -> Print.out(c, out, 104, b -> capability(c, out, b));
            case ENUM_FMT -> inOut(c, out, 64, in -> {
                out.append("{index=").appendUnsigned(u32(in, 0));
                BUF_TYPES.hexValue(out.append(", type="), u32(in, 4));
                return true;
            }, b -> {
                FMT_FLAGS.flags(out.append(", flags="), u32(b, 8));
                Print.cstring(c, out.append(", description="), b, 12, 32);
                V4l2Formats.pixelformat(out.append(", pixelformat="), u32(b, 44), V4l2Formats.PIX_FMTS);
            });
            case G_FMT, S_FMT, TRY_FMT -> format(c, code == G_FMT, out);
            case REQBUFS -> inOut(c, out, 20, in -> {
                BUF_TYPES.hexValue(out.append("{type="), u32(in, 4));
                MEMORIES.hexValue(out.append(", memory="), u32(in, 8));
                out.append(", count=").appendUnsigned(u32(in, 0));
                return true;
            }, b -> out.append(" => ").appendUnsigned(u32(b, 0)));
            case QUERYBUF, QBUF, DQBUF -> buffer(c, code, out);
            case G_FBUF -> Print.out(c, out, 48, b -> framebuffer(out, b));
            case S_FBUF -> Print.in(c, out, 48, b -> framebuffer(out, b));
            case STREAMON, STREAMOFF -> Print.in(c, out, 4, b -> {
                BUF_TYPES.hexValue(out.append('['), u32(b, 0));
                out.append(']');
            });
            case G_PARM, S_PARM -> streamparm(c, code == G_PARM, out);
            case G_STD -> Print.out(c, out, 8, b -> Formats.hex(out.append('['), b.getLong(0)).append(']'));
            case S_STD -> Print.in(c, out, 8, b -> Formats.hex(out.append('['), b.getLong(0)).append(']'));
            case ENUMSTD -> inOut(c, out, 72, in -> {
                out.append("{index=").appendUnsigned(u32(in, 0));
                return true;
            }, b -> {
                Print.cstring(c, out.append(", name="), b, 16, 24);
                fract(out.append(", frameperiod="), b, 40);
                out.append(", framelines=").appendUnsigned(u32(b, 48));
            });
            case ENUMINPUT -> inOut(c, out, 80, in -> {
                out.append("{index=").appendUnsigned(u32(in, 0));
                return true;
            }, b -> {
                Print.cstring(c, out.append(", name="), b, 4, 32);
                INPUT_TYPES.hexValue(out.append(", type="), u32(b, 36));
            });
            case G_CTRL, S_CTRL -> {
                boolean get = code == G_CTRL;
                yield inOut(c, out, 8, in -> {
                    V4l2Controls.cid(out.append("{id="), u32(in, 0), false);
                    if (!get) {
                        out.append(", value=").append(in.getInt(4));
                    }
                    return true;
                }, b -> out.append(get ? ", value=" : " => ").append(b.getInt(4)));
            }
            case G_TUNER, S_TUNER -> tuner(c, code == G_TUNER, out);
            case QUERYCTRL, QUERY_EXT_CTRL -> V4l2Controls.query(c, code == QUERY_EXT_CTRL, out);
            case G_INPUT -> Print.uintOut(c, out);
            case S_INPUT -> Print.uintIn(c, out);
            case CROPCAP -> inOut(c, out, 44, in -> {
                BUF_TYPES.hexValue(out.append("{type="), u32(in, 0));
                return true;
            }, b -> {
                rect(out.append(", bounds="), b, 4);
                rect(out.append(", defrect="), b, 20);
                fract(out.append(", pixelaspect="), b, 36);
            });
            case G_CROP, S_CROP -> {
                boolean get = code == G_CROP;
                yield inOut(c, out, 20, in -> {
                    BUF_TYPES.hexValue(out.append("{type="), u32(in, 0));
                    if (!get) {
                        rect(out.append(", c="), in, 4);
                    }
                    return get;
                }, b -> rect(out.append(", c="), b, 4));
            }
            case G_EXT_CTRLS, S_EXT_CTRLS, TRY_EXT_CTRLS -> V4l2Controls.extControls(c, code == G_EXT_CTRLS, out);
            case ENUM_FRAMESIZES -> inOut(c, out, 44, in -> {
                out.append("{index=").appendUnsigned(u32(in, 0));
                V4l2Formats.pixelformat(out.append(", pixel_format="), u32(in, 4), V4l2Formats.PIX_FMTS);
                return true;
            }, b -> frmsize(out, b));
            case ENUM_FRAMEINTERVALS -> inOut(c, out, 52, in -> {
                out.append("{index=").appendUnsigned(u32(in, 0));
                V4l2Formats.pixelformat(out.append(", pixel_format="), u32(in, 4), V4l2Formats.PIX_FMTS);
                out.append(", width=").appendUnsigned(u32(in, 8));
                out.append(", height=").appendUnsigned(u32(in, 12));
                return true;
            }, b -> frmival(out, b));
            case CREATE_BUFS -> createBuffers(c, out);
            default -> false;
        };
    }

    /**
     * The common shape: NULL or the address when not readable at entry; {@code entry} (which opens
     * the structure); at exit of a successful call, {@code exit} from the copy the kernel filled;
     * then the closing brace.
     */
    private static boolean inOut(IoctlCall c, LineBuffer out, int size, Entry entry,
                                 java.util.function.Consumer<ByteBuffer> exit) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(size);
        if (in == null) {
            c.address(out);
            return true;
        }
        if (!entry.print(in)) {
            out.append('}');
            return true;
        }
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer b = exitCopy(c, size);
        if (b != null) {
            exit.accept(b);
        }
        out.append('}');
        return true;
    }

    /** The structure at exit of a successful call: the exit copy, or for a request the kernel only reads, the entry one. */
    static ByteBuffer exitCopy(IoctlCall c, int size) {
        if (c.failed()) {
            return null;
        }
        ByteBuffer b = c.out(size);
        return b != null || (c.arg(1) >>> 30 & 2) != 0 ? b : c.in(size);
    }

    private static void capability(IoctlCall c, LineBuffer out, ByteBuffer b) {
        Print.cstring(c, out.append("{driver="), b, 0, 16);
        Print.cstring(c, out.append(", card="), b, 16, 32);
        Print.cstring(c, out.append(", bus_info="), b, 48, 32);
        kernelVersion(out.append(", version="), u32(b, 80));
        CAPS.flags(out.append(", capabilities="), u32(b, 84));
        if (u32(b, 88) != 0) {
            CAPS.flags(out.append(", device_caps="), u32(b, 88));
        }
        out.append('}');
    }

    private static void kernelVersion(LineBuffer out, long v) {
        ConstStyle style = ConstStyle.current();
        if (style != ConstStyle.ABBREV) {
            Formats.hex(out, v);
        }
        if (style == ConstStyle.RAW) {
            return;
        }
        if (style == ConstStyle.VERBOSE) {
            out.append(" /* ");
        }
        out.append("KERNEL_VERSION(").append(v >>> 16).append(", ").append((v >>> 8) & 0xff).append(", ")
                .append(v & 0xff).append(')');
        if (style == ConstStyle.VERBOSE) {
            out.append(" */");
        }
    }

    /** struct v4l2_format: the type at entry; S_FMT and TRY_FMT's format at entry and as changed at exit. */
    private static boolean format(IoctlCall c, boolean get, LineBuffer out) {
        return inOut(c, out, 208, in -> {
            BUF_TYPES.hexValue(out.append("{type="), u32(in, 0));
            return get || V4l2Formats.fmt(c, out, in, 8, ", ", false);
        }, b -> V4l2Formats.fmt(c, out, b, 8, get ? ", " : "} => {", true));
    }

    private static boolean buffer(IoctlCall c, int code, LineBuffer out) {
        return inOut(c, out, 88, in -> {
            BUF_TYPES.hexValue(out.append("{type="), u32(in, 4));
            if (code != DQBUF) {
                out.append(", index=").appendUnsigned(u32(in, 0));
            }
            return true;
        }, b -> {
            if (code == DQBUF) {
                out.append(", index=").appendUnsigned(u32(b, 0));
            }
            long memory = u32(b, 60);
            MEMORIES.hexValue(out.append(", memory="), memory);
            if (memory == MEMORY_MMAP) {
                Formats.hex(out.append(", m.offset="), u32(b, 64));
            } else if (memory == MEMORY_USERPTR) {
                Formats.pointer(out.append(", m.userptr="), b.getLong(64));
            }
            out.append(", length=").appendUnsigned(u32(b, 72));
            out.append(", bytesused=").appendUnsigned(u32(b, 8));
            bufferFlags(out.append(", flags="), u32(b, 12));
            if (code == DQBUF) {
                out.append(", timestamp={tv_sec=").append(b.getLong(24)).append(", tv_usec=")
                        .appendUnsigned(b.getLong(32)).append('}');
            }
            out.append(", ...");
        });
    }

    private static void bufferFlags(LineBuffer out, long v) {
        if (ConstStyle.current() == ConstStyle.RAW) {
            Formats.hex(out, v);
            return;
        }
        long type = v & TIMESTAMP_MASK;
        long src = v & TSTAMP_SRC_MASK;
        long flags = v & ~type & ~src;
        if (flags != 0) {
            BUF_FLAGS.flags(out, flags);
            out.append('|');
        }
        TS_TYPE.hexValue(out, type);
        out.append('|');
        TS_SRC.hexValue(out, src);
    }

    private static void framebuffer(LineBuffer out, ByteBuffer b) {
        Formats.hex(out.append("{capability="), u32(b, 0));
        Formats.hex(out.append(", flags="), u32(b, 4));
        Formats.pointer(out.append(", base="), b.getLong(8)).append('}');
    }

    private static boolean streamparm(IoctlCall c, boolean get, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(204);
        if (in == null) {
            c.address(out);
            return true;
        }
        long type = u32(in, 0);
        BUF_TYPES.hexValue(out.append("{type="), type);
        if (type != 1 && type != 2) {
            out.append('}');
            return true;
        }
        if (!get) {
            parm(out.append(", "), in, type);
        }
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer b = exitCopy(c, 204);
        if (b != null) {
            parm(out.append(get ? ", " : "} => {"), b, u32(b, 0));
        }
        out.append('}');
        return true;
    }

    private static void parm(LineBuffer out, ByteBuffer b, long type) {
        boolean capture = type == 1;
        out.append(capture ? "parm.capture=" : "parm.output=");
        STREAMING.flags(out.append("{capability="), u32(b, 4));
        MODES.flags(out.append(capture ? ", capturemode=" : ", outputmode="), u32(b, 8));
        fract(out.append(", timeperframe="), b, 12);
        Formats.hex(out.append(", extendedmode="), u32(b, 20));
        out.append(capture ? ", readbuffers=" : ", writebuffers=").appendUnsigned(u32(b, 24)).append('}');
    }

    private static boolean tuner(IoctlCall c, boolean get, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(84);
        if (in == null) {
            c.address(out);
            return true;
        }
        out.append("{index=").appendUnsigned(u32(in, 0));
        if (!get) {
            tunerBody(c, out.append(", "), in);
        }
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer b = exitCopy(c, 84);
        if (b != null) {
            tunerBody(c, out.append(get ? ", " : "} => {"), b);
        }
        out.append('}');
        return true;
    }

    private static void tunerBody(IoctlCall c, LineBuffer out, ByteBuffer b) {
        Print.cstring(c, out.append("name="), b, 4, 32);
        TUNER_TYPES.hexValue(out.append(", type="), u32(b, 36));
        TUNER_CAPS.flags(out.append(", capability="), u32(b, 40));
        out.append(", rangelow=").appendUnsigned(u32(b, 44));
        out.append(", rangehigh=").appendUnsigned(u32(b, 48));
        RXSUBCHANS.flags(out.append(", rxsubchans="), u32(b, 52));
        AUDMODES.hexValue(out.append(", audmode="), u32(b, 56));
        out.append(", signal=").append(b.getInt(60));
        out.append(", afc=").append(b.getInt(64));
    }

    private static void frmsize(LineBuffer out, ByteBuffer b) {
        long type = u32(b, 8);
        FRMSIZE_TYPES.hexValue(out.append(", type="), type);
        if (type == 1) {
            out.append(", discrete={width=").appendUnsigned(u32(b, 12)).append(", height=").appendUnsigned(u32(b, 16))
                    .append('}');
        } else if (type == 3) {
            String[] names = {"min_width", "max_width", "step_width", "min_height", "max_height", "step_height"};
            for (int i = 0; i < names.length; i++) {
                out.append(i == 0 ? ", stepwise={" : ", ").append(names[i]).append('=').appendUnsigned(u32(b, 12 + 4 * i));
            }
            out.append('}');
        }
    }

    private static void frmival(LineBuffer out, ByteBuffer b) {
        long type = u32(b, 16);
        FRMIVAL_TYPES.hexValue(out.append(", type="), type);
        if (type == 1) {
            fract(out.append(", discrete="), b, 20);
        } else if (type == 2 || type == 3) {
            fract(out.append(", stepwise={min="), b, 20);
            fract(out.append(", max="), b, 28);
            fract(out.append(", step="), b, 36);
            out.append('}');
        }
    }

    private static boolean createBuffers(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(256);
        if (in == null) {
            c.address(out);
            return true;
        }
        out.append("{count=").appendUnsigned(u32(in, 4));
        MEMORIES.hexValue(out.append(", memory="), u32(in, 8));
        BUF_TYPES.hexValue(out.append(", format={type="), u32(in, 16));
        V4l2Formats.fmt(c, out, in, 24, ", ", false);
        out.append("}}");
        return true;
    }

    /** CREATE_BUFS' return value: strace's auxstr {@code {index=1, count=2}} after it. */
    static void createBuffersRet(IoctlCall c, LineBuffer out) {
        ByteBuffer b = c.out(256);
        if (b != null) {
            out.append(" (").append("{index=").appendUnsigned(u32(b, 0)).append(", count=").appendUnsigned(u32(b, 4))
                    .append("})");
        }
    }

    static boolean returnsString(int code) {
        return code == CREATE_BUFS;
    }

    static LineBuffer rect(LineBuffer out, ByteBuffer b, int at) {
        return out.append("{left=").append(b.getInt(at)).append(", top=").append(b.getInt(at + 4))
                .append(", width=").appendUnsigned(u32(b, at + 8)).append(", height=").appendUnsigned(u32(b, at + 12))
                .append('}');
    }

    static void fract(LineBuffer out, ByteBuffer b, int at) {
        out.append(u32(b, at)).append('/').append(u32(b, at + 4));
    }

    static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }
}
