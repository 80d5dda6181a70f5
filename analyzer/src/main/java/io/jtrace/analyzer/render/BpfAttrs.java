package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bpf(2) commands whose union points to more data, as strace 6.1's bpf.c prints them:
 * BPF_PROG_LOAD, BPF_OBJ_PIN and BPF_OBJ_GET, BPF_PROG_TEST_RUN, BPF_OBJ_GET_INFO_BY_FD,
 * BPF_PROG_QUERY, BPF_RAW_TRACEPOINT_OPEN, BPF_BTF_LOAD, BPF_TASK_FD_QUERY and BPF_LINK_CREATE.
 * What a field points to is the {@code IOV} buffer of argument 1 whose index is the field's offset;
 * the fields the kernel writes come from the union copied at exit.
 */
final class BpfAttrs {
    static final Flags PROG_TYPES = Flags.of("BPF_PROG_TYPE_???",
            "BPF_PROG_TYPE_UNSPEC", 0, "BPF_PROG_TYPE_SOCKET_FILTER", 1, "BPF_PROG_TYPE_KPROBE", 2,
            "BPF_PROG_TYPE_SCHED_CLS", 3, "BPF_PROG_TYPE_SCHED_ACT", 4, "BPF_PROG_TYPE_TRACEPOINT", 5,
            "BPF_PROG_TYPE_XDP", 6, "BPF_PROG_TYPE_PERF_EVENT", 7, "BPF_PROG_TYPE_CGROUP_SKB", 8,
            "BPF_PROG_TYPE_CGROUP_SOCK", 9, "BPF_PROG_TYPE_LWT_IN", 10, "BPF_PROG_TYPE_LWT_OUT", 11,
            "BPF_PROG_TYPE_LWT_XMIT", 12, "BPF_PROG_TYPE_SOCK_OPS", 13, "BPF_PROG_TYPE_SK_SKB", 14,
            "BPF_PROG_TYPE_CGROUP_DEVICE", 15, "BPF_PROG_TYPE_SK_MSG", 16, "BPF_PROG_TYPE_RAW_TRACEPOINT", 17,
            "BPF_PROG_TYPE_CGROUP_SOCK_ADDR", 18, "BPF_PROG_TYPE_LWT_SEG6LOCAL", 19, "BPF_PROG_TYPE_LIRC_MODE2", 20,
            "BPF_PROG_TYPE_SK_REUSEPORT", 21, "BPF_PROG_TYPE_FLOW_DISSECTOR", 22, "BPF_PROG_TYPE_CGROUP_SYSCTL", 23,
            "BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE", 24, "BPF_PROG_TYPE_CGROUP_SOCKOPT", 25,
            "BPF_PROG_TYPE_TRACING", 26, "BPF_PROG_TYPE_STRUCT_OPS", 27, "BPF_PROG_TYPE_EXT", 28,
            "BPF_PROG_TYPE_LSM", 29, "BPF_PROG_TYPE_SK_LOOKUP", 30, "BPF_PROG_TYPE_SYSCALL", 31);
    private static final Flags PROG_FLAGS = Flags.of("BPF_F_???", "BPF_F_STRICT_ALIGNMENT", 1,
            "BPF_F_ANY_ALIGNMENT", 1 << 1, "BPF_F_TEST_RND_HI32", 1 << 2, "BPF_F_TEST_STATE_FREQ", 1 << 3,
            "BPF_F_SLEEPABLE", 1 << 4);
    private static final Flags QUERY_FLAGS = Flags.of("BPF_F_QUERY_???", "BPF_F_QUERY_EFFECTIVE", 1);
    private static final Flags TASK_FD_TYPES = Flags.of("BPF_FD_TYPE_???", "BPF_FD_TYPE_RAW_TRACEPOINT", 0,
            "BPF_FD_TYPE_TRACEPOINT", 1, "BPF_FD_TYPE_KPROBE", 2, "BPF_FD_TYPE_KRETPROBE", 3,
            "BPF_FD_TYPE_UPROBE", 4, "BPF_FD_TYPE_URETPROBE", 5);
    private static final Flags TEST_RUN_FLAGS = Flags.of("BPF_F_???", "BPF_F_TEST_RUN_ON_CPU", 1,
            "BPF_F_TEST_XDP_LIVE_FRAMES", 1 << 1);
    private static final Flags KPROBE_MULTI_FLAGS = Flags.of("BPF_F_???", "BPF_F_KPROBE_MULTI_RETURN", 1);
    private static final int TP_NAME_SIZE = 128;
    private static final int BPF_TRACE_ITER = 28;
    private static final int BPF_PERF_EVENT = 41;
    private static final int BPF_TRACE_KPROBE_MULTI = 42;

    private BpfAttrs() {
    }

    /** The structure's size (strace's bpf_attr.h) of the commands decoded here, 0 for the others. */
    static int size(int cmd) {
        return switch (cmd) {
            case 5 -> 128;
            case 6, 7, 15 -> 16;
            case 10 -> 76;
            case 16, 18 -> 28;
            case 17 -> 12;
            case 20, 28 -> 48;
            default -> 0;
        };
    }

    /**
     * Prints the fields of command {@code cmd} from the union {@code a} ({@code len} bytes of it given)
     * and returns the size past which non-zero bytes are extra data.
     */
    static int decode(Call c, int cmd, ByteBuffer a, int len, LineBuffer out) {
        switch (cmd) {
            case 5 -> progLoad(c, a, len, out);
            case 6, 7 -> {
                c.path(out.append("pathname="), c.part(1, Buffer.Part.IOV, 0, false), a.getLong(0));
                c.fd(out.append(", bpf_fd="), a.getInt(8));
                if (len > 12) {
                    Bpf.FILE_MODE.flags(out.append(", file_flags="), u32(a, 12));
                }
            }
            case 10 -> testRun(c, a, len, out);
            case 15 -> objGetInfo(c, a, out);
            case 16 -> progQuery(c, a, out);
            case 17 -> {
                out.append("raw_tracepoint={name=");
                printstr0(c, out, c.part(1, Buffer.Part.IOV, 0, false), a.getLong(0), TP_NAME_SIZE);
                c.fd(out.append(", prog_fd="), a.getInt(8));
                out.append('}');
            }
            case 18 -> {
                out.append("btf=");
                c.string(out, c.part(1, Buffer.Part.IOV, 0, false), a.getLong(0), u32(a, 16), false);
                Formats.pointer(out.append(", btf_log_buf="), a.getLong(8));
                out.append(", btf_size=").append(u32(a, 16));
                out.append(", btf_log_size=").append(u32(a, 20));
                out.append(", btf_log_level=").append(u32(a, 24));
            }
            case 20 -> taskFdQuery(c, a, out);
            case 28 -> {
                return linkCreate(c, a, len, out);
            }
            default -> throw new IllegalStateException("no decoder for bpf command " + cmd);
        }
        return size(cmd);
    }

    private static void progLoad(Call c, ByteBuffer a, int len, LineBuffer out) {
        PROG_TYPES.hexValue(out.append("prog_type="), u32(a, 0));
        long count = u32(a, 4);
        out.append(", insn_cnt=").append(count);
        BpfFilter.ebpfProg(c, out.append(", insns="), c.part(1, Buffer.Part.IOV, 8, false), a.getLong(8), count,
                false);
        printstr0(c, out.append(", license="), c.part(1, Buffer.Part.IOV, 16, false), a.getLong(16), -1);
        if (len <= 24) {
            return;
        }
        out.append(", log_level=").append(u32(a, 24));
        out.append(", log_size=").append(u32(a, 28));
        printstr0(c, out.append(", log_buf="), c.part(1, Buffer.Part.IOV, 32, false), a.getLong(32), u32(a, 28));
        if (len <= 40) {
            return;
        }
        kernelVersion(out.append(", kern_version="), u32(a, 40));
        if (len <= 44) {
            return;
        }
        PROG_FLAGS.flags(out.append(", prog_flags="), u32(a, 44));
        if (len <= 48) {
            return;
        }
        Bpf.cstring(out.append(", prog_name="), a, 48, Math.min(16, len - 48), c.options.hex);
        if (len <= 64) {
            return;
        }
        Sockopts.ifindex(c, out.append(", prog_ifindex="), a.getInt(64));
        if (len <= 68) {
            return;
        }
        Bpf.ATTACH_TYPES.hexValue(out.append(", expected_attach_type="), u32(a, 68));
        if (len <= 72) {
            return;
        }
        c.fd(out.append(", prog_btf_fd="), a.getInt(72));
        out.append(", func_info_rec_size=").append(u32(a, 76));
        Formats.pointer(out.append(", func_info="), a.getLong(80));
        out.append(", func_info_cnt=").append(u32(a, 88));
        out.append(", line_info_rec_size=").append(u32(a, 92));
        Formats.pointer(out.append(", line_info="), a.getLong(96));
        out.append(", line_info_cnt=").append(u32(a, 104));
        if (len <= 108) {
            return;
        }
        out.append(", attach_btf_id=").append(u32(a, 108));
        if (len <= 112) {
            return;
        }
        c.fd(out.append(", attach_prog_fd="), a.getInt(112));
        if (len <= 120) {
            return;
        }
        Formats.pointer(out.append(", fd_array="), a.getLong(120));
    }

    /** strace's print_kernel_version: {@code KERNEL_VERSION(5, 10, 0)}, the number too in raw and verbose styles. */
    private static void kernelVersion(LineBuffer out, long version) {
        ConstStyle style = ConstStyle.current();
        if (style != ConstStyle.ABBREV) {
            Formats.hex(out, version);
        }
        if (style == ConstStyle.RAW) {
            return;
        }
        if (style == ConstStyle.VERBOSE) {
            out.append(" /* ");
        }
        out.append("KERNEL_VERSION(").append(version >> 16).append(", ").append((version >> 8) & 0xff)
                .append(", ").append(version & 0xff).append(')');
        if (style == ConstStyle.VERBOSE) {
            out.append(" */");
        }
    }

    private static void testRun(Call c, ByteBuffer a, int len, LineBuffer out) {
        c.fd(out.append("test={prog_fd="), a.getInt(0));
        out.append(", retval=").append(u32(a, 4));
        out.append(", data_size_in=").append(u32(a, 8));
        out.append(", data_size_out=").append(u32(a, 12));
        Formats.pointer(out.append(", data_in="), a.getLong(16));
        Formats.pointer(out.append(", data_out="), a.getLong(24));
        out.append(", repeat=").append(u32(a, 32));
        out.append(", duration=").append(u32(a, 36));
        if (len > 40) {
            out.append(", ctx_size_in=").append(u32(a, 40));
            out.append(", ctx_size_out=").append(u32(a, 44));
            Formats.pointer(out.append(", ctx_in="), a.getLong(48));
            Formats.pointer(out.append(", ctx_out="), a.getLong(56));
        }
        if (len > 64) {
            TEST_RUN_FLAGS.flags(out.append(", flags="), u32(a, 64));
            out.append(", cpu=").append(u32(a, 68));
        }
        if (len > 72) {
            out.append(", batch_size=").append(u32(a, 72));
        }
        out.append('}');
    }

    /** info={bpf_fd, info_len (=> the kernel's), info}: the object's info structure as {@link BpfObjInfo} prints it. */
    private static void objGetInfo(Call c, ByteBuffer a, LineBuffer out) {
        c.fd(out.append("info={bpf_fd="), a.getInt(0));
        out.append(", info_len=").append(u32(a, 4));
        ByteBuffer after = exit(c, 16);
        if (after == null) {
            return;
        }
        if (u32(after, 4) != u32(a, 4)) {
            out.append(" => ").append(u32(after, 4));
        }
        BpfObjInfo.print(c, out.append(", info="), a.getInt(0), a, after);
        out.append('}');
    }

    private static void progQuery(Call c, ByteBuffer a, LineBuffer out) {
        c.fd(out.append("query={target_fd="), a.getInt(0));
        Bpf.ATTACH_TYPES.hexValue(out.append(", attach_type="), u32(a, 4));
        QUERY_FLAGS.flags(out.append(", query_flags="), u32(a, 8));
        Bpf.ATTACH_FLAGS.flags(out.append(", attach_flags="), u32(a, 12));
        out.append(", prog_ids=");
        ByteBuffer after = exit(c, 28);
        if (after == null) {
            return;
        }
        long count = u32(after, 24);
        Umove.array(c, out, c.part(1, Buffer.Part.IOV, 16, true), after.getLong(16), count, 4, true,
                (call, o, data, offset) -> o.append(data.getInt(offset) & 0xffffffffL));
        out.append(", prog_cnt=");
        if (u32(a, 24) != count) {
            out.append(u32(a, 24)).append(" => ");
        }
        out.append(count).append('}');
    }

    private static void taskFdQuery(Call c, ByteBuffer a, LineBuffer out) {
        out.append("task_fd_query={pid=").append(a.getInt(0));
        c.fd(out.append(", fd="), a.getInt(4));
        out.append(", flags=").append(u32(a, 8));
        out.append(", buf_len=").append(u32(a, 12));
        ByteBuffer after = exit(c, 48);
        if (after == null) {
            return;
        }
        if (u32(after, 12) != u32(a, 12)) {
            out.append(" => ").append(u32(after, 12));
        }
        printstr0(c, out.append(", buf="), c.part(1, Buffer.Part.IOV, 16, true), after.getLong(16),
                Math.min(u32(a, 12), u32(after, 12)));
        out.append(", prog_id=").append(u32(after, 24));
        TASK_FD_TYPES.hexValue(out.append(", fd_type="), u32(after, 28));
        Formats.hex(out.append(", probe_offset="), after.getLong(32));
        Formats.hex(out.append(", probe_addr="), after.getLong(40)).append('}');
    }

    /** link_create={...} with the union's member its attach type selects; returns the size that member ends at. */
    private static int linkCreate(Call c, ByteBuffer a, int len, LineBuffer out) {
        c.fd(out.append("link_create={prog_fd="), a.getInt(0));
        c.fd(out.append(", target_fd="), a.getInt(4));
        long type = u32(a, 8);
        Bpf.ATTACH_TYPES.hexValue(out.append(", attach_type="), type);
        Formats.hex(out.append(", flags="), u32(a, 12));
        int end = 48;
        if (len > 16) {
            if (type == 0) {
                if (u32(a, 16) != 0) {
                    out.append(", target_btf_id=").append(u32(a, 16));
                }
                end = 20;
            } else if (type == BPF_TRACE_ITER) {
                out.append(", iter_info=");
                Umove.array(c, out, c.part(1, Buffer.Part.IOV, 16, false), a.getLong(16), u32(a, 24), 4, false,
                        (call, o, data, offset) -> {
                            call.fd(o.append("{map={map_fd="), data.getInt(offset));
                            o.append("}}");
                        });
                out.append(", iter_info_len=").append(u32(a, 24));
                end = 28;
            } else if (type == BPF_PERF_EVENT) {
                Formats.hex(out.append(", perf_event={bpf_cookie="), a.getLong(16)).append('}');
                end = 24;
            } else if (type == BPF_TRACE_KPROBE_MULTI) {
                kprobeMulti(c, a, out);
            } else {
                end = 16;
            }
        }
        out.append('}');
        return end;
    }

    private static void kprobeMulti(Call c, ByteBuffer a, LineBuffer out) {
        KPROBE_MULTI_FLAGS.flags(out.append(", kprobe_multi={flags="), u32(a, 16));
        long count = u32(a, 20);
        out.append(", cnt=").append(count);
        out.append(", syms=");
        Umove.array(c, out, c.part(1, Buffer.Part.IOV, 24, false), a.getLong(24), count, 8, false,
                (call, o, data, offset) -> {
                    long sym = data.getLong(offset);
                    printstr0(call, o, call.part(1, Buffer.Part.IOV, 128 + offset / 8, false), sym, -1);
                });
        out.append(", addrs=");
        Umove.array(c, out, c.part(1, Buffer.Part.IOV, 32, false), a.getLong(32), count, 8, false,
                (call, o, data, offset) -> Formats.hex(o, data.getLong(offset)));
        out.append(", cookies=");
        Umove.array(c, out, c.part(1, Buffer.Part.IOV, 40, false), a.getLong(40), count, 8, false,
                (call, o, data, offset) -> Formats.hex(o, data.getLong(offset)));
        out.append('}');
    }

    /**
     * strace's printstr_ex with QUOTE_0_TERMINATED: of {@code length} bytes ({@code -1}: unbounded), at
     * most -s up to the first NUL, "..." when no NUL came within -s + 1 bytes; the address when those
     * bytes end in unreadable memory before a NUL. The recorder copies the bytes raw.
     */
    static void printstr0(Call c, LineBuffer out, RecordedBuffer b, long address, long length) {
        if (address == 0) {
            out.append("NULL");
            return;
        }
        int limit = c.options.stringLimit;
        long size = Long.compareUnsigned(length, limit + 1L) < 0 ? length : limit + 1L;
        int have = b == null || b.getError() != 0 ? 0 : b.getData().size();
        byte[] bytes = new byte[(int) Math.min(size, have)];
        if (bytes.length > 0) {
            b.getData().copyTo(bytes, 0, 0, bytes.length);
        }
        int nul = 0;
        while (nul < bytes.length && bytes[nul] != 0) {
            nul++;
        }
        if (nul < bytes.length) {
            Quote.append(out, bytes, 0, nul, c.options.hex, true);
            return;
        }
        if (bytes.length < size) {
            Formats.pointer(out, address);
            return;
        }
        Quote.append(out, bytes, 0, (int) Math.min(size, limit), c.options.hex, true);
        if (length != 0) {
            out.append("...");
        }
    }

    /** The union as the kernel left it, {@code size} bytes of it (zero past what was given); null when not copied. */
    static ByteBuffer exit(Call c, int size) {
        if (c.syscall.getUnfinished()) {
            return null;
        }
        RecordedBuffer b = c.atExit(1);
        if (b == null || b.getError() != 0) {
            return null;
        }
        byte[] bytes = new byte[Math.max(size, b.getData().size())];
        b.getData().copyTo(bytes, 0, 0, b.getData().size());
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long u32(ByteBuffer a, int offset) {
        return a.getInt(offset) & 0xffffffffL;
    }
}
