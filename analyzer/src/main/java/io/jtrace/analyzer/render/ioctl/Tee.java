package io.jtrace.analyzer.render.ioctl;

import static io.jtrace.analyzer.render.ioctl.V4l2.u32;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * TEE requests (strace's tee.c), type 0xa4. The session requests pass a struct tee_ioctl_buf_data
 * whose buf_ptr holds the request's arguments and its params: the recorder copies that buffer
 * (part IOV, index 0) at entry and at exit.
 */
final class Tee {
    private static final Flags GEN_CAPS = IoctlXlat.table("tee_ioctl_gen_caps", "TEE_GEN_CAP_???");
    private static final Flags IMPL_IDS = IoctlXlat.table("tee_ioctl_impl_ids", "TEE_IMPL_ID_???");
    private static final Flags LOGIN_TYPES = IoctlXlat.table("tee_ioctl_login_types", "TEE_IOCTL_LOGIN_???");
    private static final Flags ORIGINS = IoctlXlat.table("tee_ioctl_origins", "TEEC_ORIGIN_???");
    private static final Flags OPTEE_CAPS = IoctlXlat.table("tee_ioctl_optee_caps", "TEE_OPTEE_CAP_???");
    private static final Flags PARAM_TYPES = IoctlXlat.table("tee_ioctl_param_attr_types", "TEE_IOCTL_PARAM_ATTR_");
    private static final Flags SHM_FLAGS = IoctlXlat.table("tee_ioctl_shm_flags", "TEE_IOCTL_SHM_???");
    private static final int VERSION = 0x800ca400;
    private static final int OPEN_SESSION = 0x8010a402;
    private static final int INVOKE = 0x8010a403;
    private static final int CANCEL = 0x8008a404;
    private static final int CLOSE_SESSION = 0x8004a405;
    private static final int SUPPL_RECV = 0x8010a406;
    private static final int SUPPL_SEND = 0x8010a407;
    private static final int SHM_ALLOC = 0xc010a401;
    private static final int SHM_REGISTER = 0xc018a409;
    private static final int SHM_REGISTER_FD = 0xc020a408;
    private static final long MAX_ARG_SIZE = 1024;
    private static final long PARAM_ATTR_META = 0x100;
    private static final int PARAM = 32;

    private Tee() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case VERSION -> Print.out(c, out, 12, b -> {
                long impl = u32(b, 0);
                IMPL_IDS.hexValue(out.append("{impl_id="), impl);
                GEN_CAPS.flags(out.append(", gen_caps="), u32(b, 8));
                if (impl == 1) {
                    OPTEE_CAPS.flags(out.append(", impl_caps="), u32(b, 4));
                } else {
                    Formats.hex(out.append(", impl_caps="), u32(b, 4));
                }
                out.append('}');
            });
            case CANCEL -> Print.in(c, out, 8, b -> {
                out.append("{cancel_id=").appendUnsigned(u32(b, 0));
                Formats.hex(out.append(", session="), u32(b, 4)).append('}');
            });
            case CLOSE_SESSION -> Print.in(c, out, 4, b -> Formats.hex(out.append("{session="), u32(b, 0)).append('}'));
            case OPEN_SESSION, INVOKE, SUPPL_RECV, SUPPL_SEND -> session(c, code, out);
            case SHM_ALLOC -> shm(c, out, 16, b -> {
                Formats.hex(out.append("{size="), b.getLong(0));
                SHM_FLAGS.flags(out.append(", flags="), u32(b, 8));
            }, b -> {
                Formats.hex(out.append("{size="), b.getLong(0));
                SHM_FLAGS.flags(out.append(", flags="), u32(b, 8));
                out.append(", id=").append(b.getInt(12)).append('}');
            });
            case SHM_REGISTER -> shm(c, out, 24, b -> {
                Formats.pointer(out.append("{addr="), b.getLong(0));
                Formats.hex(out.append(", length="), b.getLong(8));
                SHM_FLAGS.flags(out.append(", flags="), u32(b, 16));
            }, b -> {
                Formats.hex(out.append("{length="), b.getLong(8));
                SHM_FLAGS.flags(out.append(", flags="), u32(b, 16));
                out.append(", id=").append(b.getInt(20)).append('}');
            });
            case SHM_REGISTER_FD -> shm(c, out, 32, b -> {
                c.fd(out.append("{fd="), b.getLong(0));
                SHM_FLAGS.flags(out.append(", flags="), u32(b, 16));
            }, b -> {
                Formats.hex(out.append("{size="), b.getLong(8));
                out.append(", id=").append(b.getInt(24)).append('}');
            });
            default -> false;
        };
    }

    /** The shm requests: the structure at entry; at exit of a successful call {@code => {...}}. */
    private static boolean shm(IoctlCall c, LineBuffer out, int size, java.util.function.Consumer<ByteBuffer> entry,
                               java.util.function.Consumer<ByteBuffer> exit) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(size);
        if (in == null) {
            c.address(out);
            return true;
        }
        entry.accept(in);
        out.append('}');
        if (c.unfinished() || c.failed()) {
            return true;
        }
        ByteBuffer b = c.out(size);
        out.append(" => ");
        if (b == null) {
            c.address(out);
        } else {
            exit.accept(b);
        }
        return true;
    }

    private static int argSize(int code) {
        return switch (code) {
            case OPEN_SESSION -> 56;
            case INVOKE -> 24;
            default -> 8;
        };
    }

    private static int numParamsAt(int code) {
        return switch (code) {
            case OPEN_SESSION -> 52;
            case INVOKE -> 20;
            default -> 4;
        };
    }

    private static boolean session(IoctlCall c, int code, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(16);
        if (in == null) {
            c.address(out);
            return true;
        }
        ByteBuffer arg = fetch(c, code, out, in, c.pointed(false), true);
        if (arg == null) {
            return true;
        }
        out.append("{buf_len=").appendUnsigned(in.getLong(8)).append(", buf_ptr={");
        switch (code) {
            case OPEN_SESSION -> {
                uuid(out.append("uuid="), arg);
                long login = u32(arg, 32);
                LOGIN_TYPES.hexValue(out.append(", clnt_login="), login);
                if (login == 2 || login == 6) {                     // GROUP, GROUP_APPLICATION: a gid
                    int gid = arg.getInt(16);
                    out.append(", clnt_uuid=");
                    if (gid == -1) {
                        out.append("-1");
                    } else {
                        out.appendUnsigned(gid & 0xffffffffL);
                    }
                } else if (login != 0 && login != 1 && login != 4 && login != 5) {
                    out.append(", clnt_uuid=[");             // PRINT_FIELD_X_ARRAY: never cut at -s
                    for (int i = 0; i < 16; i++) {
                        Formats.hex(out.append(i > 0 ? ", " : ""), arg.get(16 + i) & 0xff);
                    }
                    out.append(']');
                }
                out.append(", cancel_id=").appendUnsigned(u32(arg, 36));
            }
            case INVOKE -> {
                out.append("func=").appendUnsigned(u32(arg, 0));
                Formats.hex(out.append(", session="), u32(arg, 4));
                out.append(", cancel_id=").appendUnsigned(u32(arg, 8));
            }
            case SUPPL_RECV -> out.append("func=").appendUnsigned(u32(arg, 0));
            default -> {
            }
        }
        if (code != SUPPL_SEND) {
            out.append(", ");
        }
        long n = u32(arg, numParamsAt(code));
        out.append("num_params=").appendUnsigned(n);
        params(c, out, in, c.pointed(false), code, n);
        out.append('}');
        if (c.unfinished()) {
            return true;
        }
        if (c.failed()) {
            out.append('}');
            return true;
        }
        out.append(" => ");
        ByteBuffer exitData = c.out(16);
        if (exitData == null) {
            c.address(out);
            return true;
        }
        byte[] pointed = c.pointed(true);
        ByteBuffer res = fetch(c, code, out, exitData, pointed, false);
        if (res == null) {
            return true;
        }
        switch (code) {
            case OPEN_SESSION -> {
                Formats.hex(out.append("{session="), u32(res, 40));
                out.append(", ret=").appendUnsigned(u32(res, 44));
                ORIGINS.hexValue(out.append(", ret_origin="), u32(res, 48));
            }
            case INVOKE -> {
                out.append("{ret=").appendUnsigned(u32(res, 12));
                ORIGINS.hexValue(out.append(", ret_origin="), u32(res, 16));
            }
            case SUPPL_RECV -> out.append("{num_params=").appendUnsigned(u32(res, 4));
            default -> out.append("{ret=").appendUnsigned(u32(res, 0));
        }
        params(c, out, exitData, pointed, code, u32(res, numParamsAt(code)));
        out.append("}}");
        return true;
    }

    /**
     * strace's tee_fetch_buf_data: the request's arguments from the buffer buf_ptr points to; null
     * after printing the buf_data itself when they cannot be (too long, too short, unreadable, at
     * entry a buf_len that does not match num_params).
     */
    private static ByteBuffer fetch(IoctlCall c, int code, LineBuffer out, ByteBuffer buf, byte[] data, boolean entry) {
        long len = buf.getLong(8);
        int size = argSize(code);
        if (Long.compareUnsigned(len, MAX_ARG_SIZE) > 0 || len < size || data == null || data.length < size) {
            printBuf(out, buf);
            return null;
        }
        ByteBuffer arg = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (entry && size + PARAM * u32(arg, numParamsAt(code)) != len) {
            printBuf(out, buf);
            return null;
        }
        return arg;
    }

    private static void params(IoctlCall c, LineBuffer out, ByteBuffer buf, byte[] data, int code, long n) {
        int size = argSize(code);
        long address = n == 0 ? 0 : buf.getLong(0) + size;
        byte[] params = data.length > size ? Arrays.copyOfRange(data, size, data.length) : null;
        PrintArray.array(c, out.append(", params="), params, address, n, PARAM, (o, b, at) -> {
            long attr = b.getLong(at);
            PARAM_TYPES.hexValue(o.append("{attr="), attr & ~PARAM_ATTR_META);
            if ((attr & PARAM_ATTR_META) != 0) {
                o.append("|TEE_IOCTL_PARAM_ATTR_META");
            }
            if (attr == 5 || attr == 6 || attr == 7) {                  // MEMREF_INPUT, _OUTPUT, _INOUT
                Formats.hex(o.append(", shm_offs="), b.getLong(at + 8));
                Formats.hex(o.append(", size="), b.getLong(at + 16));
                o.append(", shm_id=").appendUnsigned(b.getLong(at + 24));
            } else if (attr != 0) {
                Formats.hex(o.append(", a="), b.getLong(at + 8));
                Formats.hex(o.append(", b="), b.getLong(at + 16));
                Formats.hex(o.append(", c="), b.getLong(at + 24));
            }
            o.append('}');
        });
    }

    private static void printBuf(LineBuffer out, ByteBuffer buf) {
        out.append("{buf_len=").appendUnsigned(buf.getLong(8));
        Formats.pointer(out.append(", buf_ptr="), buf.getLong(0)).append('}');
    }

    private static void uuid(LineBuffer out, ByteBuffer b) {
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out.append('-');
            }
            int v = b.get(i) & 0xff;
            out.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
    }
}
