package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.PerfAttr;
import io.jtrace.analyzer.render.Quote;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** perf_event fds' requests (strace's perf_ioctl.c); MODIFY_ATTRIBUTES' perf_event_attr as {@link PerfAttr} prints it. */
final class Perf {
    private static final Flags FLAGS = Flags.of("PERF_IOC_FLAG_???", "PERF_IOC_FLAG_GROUP", 1L);
    private static final int QUERY_BPF = 0xc008240a;

    private Perf() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case 0x2400, 0x2401, 0x2403 -> {                                                // ENABLE, DISABLE, RESET
                FLAGS.flags(out.append(", "), c.address() & 0xffffffffL);   // printflags: an unsigned int
                yield true;
            }
            case 0x2402 -> {                                                                // REFRESH
                out.append(", ").append((int) c.address());
                yield true;
            }
            case 0x40082404 -> Print.in(c, out, 8, b -> out.append('[').appendUnsigned(b.getLong(0)).append(']'));
            case 0x2405, 0x40042408 -> {                                                    // SET_OUTPUT, SET_BPF
                c.fd(out.append(", "), (int) c.address());
                yield true;
            }
            case 0x40042409 -> Print.unsignedArg(c, out);                                   // PAUSE_OUTPUT
            case 0x40082406 -> filter(c, out);                                              // SET_FILTER
            case 0x80082407 -> Print.out(c, out, 8, b -> out.append('[').appendUnsigned(b.getLong(0)).append(']'));
            case QUERY_BPF -> queryBpf(c, out);
            case 0x4008240b -> {                                                            // MODIFY_ATTRIBUTES
                PerfAttr.print(out.append(", "), c.address() == 0 ? null : c.pointed(false), c.address(), c.abbrev(),
                        c.verbose(), null);
                yield true;
            }
            default -> false;
        };
    }

    /** printstr_ex(arg, page size, QUOTE_0_TERMINATED): the recorder copies the string up to its NUL. */
    private static boolean filter(IoctlCall c, LineBuffer out) {
        out.append(", ");
        byte[] s = c.address() == 0 ? null : c.entryBytes();
        if (s == null) {
            c.address(out);
            return true;
        }
        int n = Math.min(s.length, c.stringLimit());
        Quote.append(out, s, 0, n, c.hex(), false);
        if (s.length > n) {
            out.append("...");
        }
        return true;
    }

    /** struct perf_event_query_bpf: ids_len in; prog_cnt and the ids out (the recorder copies them at exit). */
    private static boolean queryBpf(IoctlCall c, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(4);
        if (in == null) {
            c.address(out);
            return true;
        }
        out.append("{ids_len=").appendUnsigned(in.getInt(0) & 0xffffffffL).append(", ");
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer after = c.out(8);
        if (after == null) {
            out.append("...}");
            return true;
        }
        long count = after.getInt(4) & 0xffffffffL;
        out.append("prog_cnt=").append(count).append(", ids=");
        byte[] ids = c.pointed(true);
        if (ids == null || count > 0 && ids.length < 4) {
            io.jtrace.analyzer.render.Formats.pointer(out, c.address() + 8);
        } else {
            ByteBuffer b = ByteBuffer.wrap(ids).order(ByteOrder.LITTLE_ENDIAN);
            out.append('[');
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (4 * i + 4 > ids.length) {
                    // print_array: an element that cannot be read ends the array with its address
                    io.jtrace.analyzer.render.Formats.hex(out.append("... /* "), c.address() + 8 + 4L * i)
                            .append(" */");
                    break;
                }
                if (i >= c.stringLimit()) {
                    out.append("...");
                    break;
                }
                out.appendUnsigned(b.getInt(4 * i) & 0xffffffffL);
            }
            out.append(']');
        }
        out.append('}');
        return true;
    }
}
