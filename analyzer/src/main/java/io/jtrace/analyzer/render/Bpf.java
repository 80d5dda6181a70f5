package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;

/**
 * bpf(2) as strace 6.1's src/bpf.c prints it: the command by name (bpf_commands; an unknown one as
 * {@code 0xfacefeed /* BPF_??? *}{@code /}), the attribute union, the size. The recorder copies the
 * union (its size when at most a page, at entry; again at exit where the kernel writes to it). Each
 * command prints its fields as strace's decoder does (the map commands here, those whose union
 * points to more data in {@link BpfAttrs}), stopping where the size ends and adding {@code ...}
 * (under -v the bytes) when bytes past the structure are not zero (decode_attr_extra_data); the
 * commands strace does not decode, a size of 0 or over a page, and memory that could not be read
 * print the address.
 */
final class Bpf {
    static final Flags COMMANDS = Flags.of("BPF_???",
            "BPF_MAP_CREATE", 0,
            "BPF_MAP_LOOKUP_ELEM", 1,
            "BPF_MAP_UPDATE_ELEM", 2,
            "BPF_MAP_DELETE_ELEM", 3,
            "BPF_MAP_GET_NEXT_KEY", 4,
            "BPF_PROG_LOAD", 5,
            "BPF_OBJ_PIN", 6,
            "BPF_OBJ_GET", 7,
            "BPF_PROG_ATTACH", 8,
            "BPF_PROG_DETACH", 9,
            "BPF_PROG_TEST_RUN", 10,
            "BPF_PROG_GET_NEXT_ID", 11,
            "BPF_MAP_GET_NEXT_ID", 12,
            "BPF_PROG_GET_FD_BY_ID", 13,
            "BPF_MAP_GET_FD_BY_ID", 14,
            "BPF_OBJ_GET_INFO_BY_FD", 15,
            "BPF_PROG_QUERY", 16,
            "BPF_RAW_TRACEPOINT_OPEN", 17,
            "BPF_BTF_LOAD", 18,
            "BPF_BTF_GET_FD_BY_ID", 19,
            "BPF_TASK_FD_QUERY", 20,
            "BPF_MAP_LOOKUP_AND_DELETE_ELEM", 21,
            "BPF_MAP_FREEZE", 22,
            "BPF_BTF_GET_NEXT_ID", 23,
            "BPF_MAP_LOOKUP_BATCH", 24,
            "BPF_MAP_LOOKUP_AND_DELETE_BATCH", 25,
            "BPF_MAP_UPDATE_BATCH", 26,
            "BPF_MAP_DELETE_BATCH", 27,
            "BPF_LINK_CREATE", 28,
            "BPF_LINK_UPDATE", 29,
            "BPF_LINK_GET_FD_BY_ID", 30,
            "BPF_LINK_GET_NEXT_ID", 31,
            "BPF_ENABLE_STATS", 32,
            "BPF_ITER_CREATE", 33,
            "BPF_LINK_DETACH", 34,
            "BPF_PROG_BIND_MAP", 35);
    static final Flags MAP_TYPES = Flags.of("BPF_MAP_TYPE_???",
            "BPF_MAP_TYPE_UNSPEC", 0,
            "BPF_MAP_TYPE_HASH", 1,
            "BPF_MAP_TYPE_ARRAY", 2,
            "BPF_MAP_TYPE_PROG_ARRAY", 3,
            "BPF_MAP_TYPE_PERF_EVENT_ARRAY", 4,
            "BPF_MAP_TYPE_PERCPU_HASH", 5,
            "BPF_MAP_TYPE_PERCPU_ARRAY", 6,
            "BPF_MAP_TYPE_STACK_TRACE", 7,
            "BPF_MAP_TYPE_CGROUP_ARRAY", 8,
            "BPF_MAP_TYPE_LRU_HASH", 9,
            "BPF_MAP_TYPE_LRU_PERCPU_HASH", 10,
            "BPF_MAP_TYPE_LPM_TRIE", 11,
            "BPF_MAP_TYPE_ARRAY_OF_MAPS", 12,
            "BPF_MAP_TYPE_HASH_OF_MAPS", 13,
            "BPF_MAP_TYPE_DEVMAP", 14,
            "BPF_MAP_TYPE_SOCKMAP", 15,
            "BPF_MAP_TYPE_CPUMAP", 16,
            "BPF_MAP_TYPE_XSKMAP", 17,
            "BPF_MAP_TYPE_SOCKHASH", 18,
            "BPF_MAP_TYPE_CGROUP_STORAGE", 19,
            "BPF_MAP_TYPE_REUSEPORT_SOCKARRAY", 20,
            "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE", 21,
            "BPF_MAP_TYPE_QUEUE", 22,
            "BPF_MAP_TYPE_STACK", 23,
            "BPF_MAP_TYPE_SK_STORAGE", 24,
            "BPF_MAP_TYPE_DEVMAP_HASH", 25,
            "BPF_MAP_TYPE_STRUCT_OPS", 26,
            "BPF_MAP_TYPE_RINGBUF", 27,
            "BPF_MAP_TYPE_INODE_STORAGE", 28,
            "BPF_MAP_TYPE_TASK_STORAGE", 29,
            "BPF_MAP_TYPE_BLOOM_FILTER", 30,
            "BPF_MAP_TYPE_USER_RINGBUF", 31);
    static final Flags MAP_FLAGS = Flags.of("BPF_F_???", "BPF_F_NO_PREALLOC", 1, "BPF_F_NO_COMMON_LRU", 1 << 1,
            "BPF_F_NUMA_NODE", 1 << 2, "BPF_F_RDONLY", 1 << 3, "BPF_F_WRONLY", 1 << 4, "BPF_F_STACK_BUILD_ID", 1 << 5,
            "BPF_F_ZERO_SEED", 1 << 6, "BPF_F_RDONLY_PROG", 1 << 7, "BPF_F_WRONLY_PROG", 1 << 8, "BPF_F_CLONE", 1 << 9,
            "BPF_F_MMAPABLE", 1 << 10, "BPF_F_PRESERVE_ELEMS", 1 << 11, "BPF_F_INNER_MAP", 1 << 12);
    private static final Flags LOOKUP_FLAGS = Flags.of("BPF_???", "BPF_ANY", 0, "BPF_F_LOCK", 4);
    private static final Flags UPDATE_FLAGS = Flags.of("BPF_???", "BPF_ANY", 0, "BPF_NOEXIST", 1, "BPF_EXIST", 2,
            "BPF_F_LOCK", 4);
    static final Flags ATTACH_TYPES = Flags.of("BPF_???",
            "BPF_CGROUP_INET_INGRESS", 0,
            "BPF_CGROUP_INET_EGRESS", 1,
            "BPF_CGROUP_INET_SOCK_CREATE", 2,
            "BPF_CGROUP_SOCK_OPS", 3,
            "BPF_SK_SKB_STREAM_PARSER", 4,
            "BPF_SK_SKB_STREAM_VERDICT", 5,
            "BPF_CGROUP_DEVICE", 6,
            "BPF_SK_MSG_VERDICT", 7,
            "BPF_CGROUP_INET4_BIND", 8,
            "BPF_CGROUP_INET6_BIND", 9,
            "BPF_CGROUP_INET4_CONNECT", 10,
            "BPF_CGROUP_INET6_CONNECT", 11,
            "BPF_CGROUP_INET4_POST_BIND", 12,
            "BPF_CGROUP_INET6_POST_BIND", 13,
            "BPF_CGROUP_UDP4_SENDMSG", 14,
            "BPF_CGROUP_UDP6_SENDMSG", 15,
            "BPF_LIRC_MODE2", 16,
            "BPF_FLOW_DISSECTOR", 17,
            "BPF_CGROUP_SYSCTL", 18,
            "BPF_CGROUP_UDP4_RECVMSG", 19,
            "BPF_CGROUP_UDP6_RECVMSG", 20,
            "BPF_CGROUP_GETSOCKOPT", 21,
            "BPF_CGROUP_SETSOCKOPT", 22,
            "BPF_TRACE_RAW_TP", 23,
            "BPF_TRACE_FENTRY", 24,
            "BPF_TRACE_FEXIT", 25,
            "BPF_MODIFY_RETURN", 26,
            "BPF_LSM_MAC", 27,
            "BPF_TRACE_ITER", 28,
            "BPF_CGROUP_INET4_GETPEERNAME", 29,
            "BPF_CGROUP_INET6_GETPEERNAME", 30,
            "BPF_CGROUP_INET4_GETSOCKNAME", 31,
            "BPF_CGROUP_INET6_GETSOCKNAME", 32,
            "BPF_XDP_DEVMAP", 33,
            "BPF_CGROUP_INET_SOCK_RELEASE", 34,
            "BPF_XDP_CPUMAP", 35,
            "BPF_SK_LOOKUP", 36,
            "BPF_XDP", 37,
            "BPF_SK_SKB_VERDICT", 38,
            "BPF_SK_REUSEPORT_SELECT", 39,
            "BPF_SK_REUSEPORT_SELECT_OR_MIGRATE", 40,
            "BPF_PERF_EVENT", 41,
            "BPF_TRACE_KPROBE_MULTI", 42,
            "BPF_LSM_CGROUP", 43);
    static final Flags ATTACH_FLAGS = Flags.of("BPF_F_???", "BPF_F_ALLOW_OVERRIDE", 1, "BPF_F_ALLOW_MULTI", 2,
            "BPF_F_REPLACE", 4);
    private static final int BPF_F_REPLACE = 4;
    static final Flags FILE_MODE = Flags.of("BPF_F_???", "BPF_F_RDONLY", 1 << 3, "BPF_F_WRONLY", 1 << 4);
    private static final int BPF_F_NUMA_NODE = 1 << 2;
    private static final int PAGE = 4096;

    static final Arg ATTR = Arg.in(Bpf::attr);

    /**
     * The return value: with -y a decoded command that returns an fd (strace's RVAL_FD: the map, program,
     * BTF and link commands, OBJ_PIN and OBJ_GET) shows what it refers to; a union printed as its address
     * leaves the number plain.
     */
    static final Decoders.Ret RET = (c, out) -> {
        long cmd = c.arg(0) & 0xffffffffL;
        boolean fd = switch ((int) cmd) {
            case 0, 5, 6, 7, 13, 14, 18, 19, 28, 30 -> true;
            default -> false;
        };
        if (fd && decoded(c) && c.ret() == (int) c.ret()) {
            Decoders.NEW_FD.append(c, out);
        } else {
            out.append(c.ret());
        }
    };

    private Bpf() {
    }

    /** Whether the union of the call prints decoded, not as its address. */
    private static boolean decoded(Call c) {
        long size = c.arg(2) & 0xffffffffL;
        return size > 0 && size <= PAGE && attrSize(c.arg(0) & 0xffffffffL) != 0 && c.verbose()
                && c.struct(c.atEntry(1), (int) size) != null;
    }

    private static void attr(Call c, int i, LineBuffer out) {
        long cmd = c.arg(0) & 0xffffffffL;
        long size = c.arg(2) & 0xffffffffL;
        int attrSize = attrSize(cmd);
        RecordedBuffer b = c.atEntry(i);
        // umoven_or_printaddr_ignore_syserror: not under -e verbose=none either
        ByteBuffer a = size == 0 || size > PAGE || attrSize == 0 || !c.verbose() ? null : c.struct(b, (int) size);
        if (a == null) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        // strace copies min(size, the structure's size) bytes into a zeroed structure
        byte[] bytes = new byte[Math.max(attrSize, (int) size)];
        b.getData().copyTo(bytes, 0, 0, (int) size);
        ByteBuffer attr = ByteBuffer.wrap(bytes, 0, attrSize).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int len = (int) Math.min(size, attrSize);
        int extraFrom = attrSize;
        out.append('{');
        switch ((int) cmd) {
            case 0 -> mapCreate(c, attr, len, out);
            case 1, 21 -> { // MAP_LOOKUP_ELEM, MAP_LOOKUP_AND_DELETE_ELEM
                elem(c, attr, out, "value");
                if (len > 24) {
                    lookupFlags(out.append(", flags="), attr.getLong(24));
                }
            }
            case 2 -> {
                elem(c, attr, out, "value");
                UPDATE_FLAGS.hexValue(out.append(", flags="), attr.getLong(24));
            }
            case 3 -> elem(c, attr, out, null);
            case 4 -> elem(c, attr, out, "next_key");
            case 22 -> c.fd(out.append("map_fd="), attr.getInt(0));
            case 11, 12, 23, 31 -> nextId(c, attr, len, out);
            case 13 -> byId(attr, len, out, "prog_id");
            case 14 -> byId(attr, len, out, "map_id");
            case 19 -> out.append("btf_id=").append(attr.getInt(0) & 0xffffffffL);
            case 30 -> out.append("link_id=").append(attr.getInt(0) & 0xffffffffL);
            case 8 -> { // PROG_ATTACH
                c.fd(out.append("target_fd="), attr.getInt(0));
                c.fd(out.append(", attach_bpf_fd="), attr.getInt(4));
                ATTACH_TYPES.hexValue(out.append(", attach_type="), attr.getInt(8) & 0xffffffffL);
                ATTACH_FLAGS.flags(out.append(", attach_flags="), attr.getInt(12) & 0xffffffffL);
                if (len > 16) {
                    c.fd(out.append(", replace_bpf_fd="), attr.getInt(16));
                }
            }
            case 9 -> { // PROG_DETACH
                c.fd(out.append("target_fd="), attr.getInt(0));
                ATTACH_TYPES.hexValue(out.append(", attach_type="), attr.getInt(8) & 0xffffffffL);
            }
            case 29 -> { // LINK_UPDATE
                c.fd(out.append("link_update={link_fd="), attr.getInt(0));
                c.fd(out.append(", new_prog_fd="), attr.getInt(4));
                long flags = attr.getInt(8) & 0xffffffffL;
                ATTACH_FLAGS.flags(out.append(", flags="), flags);
                if ((flags & BPF_F_REPLACE) != 0) {
                    c.fd(out.append(", old_prog_fd="), attr.getInt(12));
                }
                out.append('}');
            }
            case 24, 25, 26, 27 -> batch(c, (int) cmd, attr, out);
            default -> extraFrom = BpfAttrs.decode(c, (int) cmd, attr, len, out);
        }
        extraData(c, out, bytes, extraFrom, (int) size);
        out.append('}');
        if (cmd >= 24 && cmd <= 27) {
            batchCount(c, attr, out);
        }
    }

    /** The structure's size for the commands decoded here (strace's bpf_attr.h), 0 for the others. */
    private static int attrSize(long cmd) {
        return switch ((int) cmd) {
            case 0 -> 72;
            case 1, 2, 21 -> 32;
            case 3 -> 16;
            case 4 -> 24;
            case 22, 19, 30 -> 4;
            case 11, 12, 23, 31, 13, 14, 9 -> 12;
            case 8 -> 20;
            case 29 -> 16;
            case 24, 25, 26, 27 -> 56;
            default -> BpfAttrs.size((int) cmd);
        };
    }

    /**
     * strace's decode_attr_extra_data: non-zero bytes past the structure print as {@code ...}, under -v
     * as {@code extra_data="\x30..." /* bytes 72..255 *}{@code /}.
     */
    static void extraData(Call c, LineBuffer out, byte[] bytes, int from, int size) {
        for (int k = from; k < size; k++) {
            if (bytes[k] != 0) {
                if (c.abbrev()) {
                    out.append(", ...");
                } else {
                    out.append(", extra_data=");
                    Quote.append(out, bytes, from, size - from, Quote.Hex.ALL, false);
                    out.append(" /* bytes ").append(from).append("..").append(size - 1).append(" */");
                }
                return;
            }
        }
    }

    private static void mapCreate(Call c, ByteBuffer a, int len, LineBuffer out) {
        MAP_TYPES.hexValue(out.append("map_type="), a.getInt(0) & 0xffffffffL);
        out.append(", key_size=").append(a.getInt(4) & 0xffffffffL);
        out.append(", value_size=").append(a.getInt(8) & 0xffffffffL);
        out.append(", max_entries=").append(a.getInt(12) & 0xffffffffL);
        if (len <= 16) {
            return;
        }
        long flags = a.getInt(16) & 0xffffffffL;
        MAP_FLAGS.flags(out.append(", map_flags="), flags);
        if (len <= 20) {
            return;
        }
        c.fd(out.append(", inner_map_fd="), a.getInt(20));
        if (len <= 24) {
            return;
        }
        if ((flags & BPF_F_NUMA_NODE) != 0) {
            long node = a.getInt(24) & 0xffffffffL;
            out.append(", numa_node=").append(node);
            if (node == 0xffffffffL) {
                out.append(" /* NUMA_NO_NODE */");
            }
        }
        if (len <= 28) {
            return;
        }
        cstring(out.append(", map_name="), a, 28, Math.min(16, len - 28), c.options.hex);
        if (len <= 44) {
            return;
        }
        Sockopts.ifindex(c, out.append(", map_ifindex="), a.getInt(44));
        if (len <= 48) {
            return;
        }
        c.fd(out.append(", btf_fd="), a.getInt(48));
        out.append(", btf_key_type_id=").append(a.getInt(52) & 0xffffffffL);
        out.append(", btf_value_type_id=").append(a.getInt(56) & 0xffffffffL);
        if (len <= 60) {
            return;
        }
        out.append(", btf_vmlinux_value_type_id=").append(a.getInt(60) & 0xffffffffL);
        if (len <= 64) {
            return;
        }
        Formats.unsigned(out.append(", map_extra="), a.getLong(64));
    }

    /** map_fd, key and (unless null) the field after it, both pointers. */
    private static void elem(Call c, ByteBuffer a, LineBuffer out, String third) {
        c.fd(out.append("map_fd="), a.getInt(0));
        Formats.pointer(out.append(", key="), a.getLong(8));
        if (third != null) {
            Formats.pointer(out.append(", ").append(third).append('='), a.getLong(16));
        }
    }

    /** start_id, next_id (with " => N" when the kernel changed it), open_flags. */
    private static void nextId(Call c, ByteBuffer a, int len, LineBuffer out) {
        out.append("start_id=").append(a.getInt(0) & 0xffffffffL);
        long next = a.getInt(4) & 0xffffffffL;
        out.append(", next_id=").append(next);
        ByteBuffer after = c.syscall.getUnfinished() ? null : c.struct(c.atExit(1), 8);
        if (after != null && (after.getInt(4) & 0xffffffffL) != next) {
            out.append(" => ").append(after.getInt(4) & 0xffffffffL);
        }
        if (len > 8) {
            FILE_MODE.flags(out.append(", open_flags="), a.getInt(8) & 0xffffffffL);
        }
    }

    /** The batch commands' fields at entry (LOOKUP and LOOKUP_AND_DELETE, UPDATE, DELETE). */
    private static void batch(Call c, int cmd, ByteBuffer a, LineBuffer out) {
        out.append("batch={");
        if (cmd == 24 || cmd == 25) {
            Formats.pointer(out.append("in_batch="), a.getLong(0));
            Formats.pointer(out.append(", out_batch="), a.getLong(8));
            out.append(", ");
        }
        Formats.pointer(out.append("keys="), a.getLong(16));
        if (cmd != 27) {
            Formats.pointer(out.append(", values="), a.getLong(24));
        }
        long count = a.getInt(32) & 0xffffffffL;
        out.append(", count=").append(count);
        c.fd(out.append(", map_fd="), a.getInt(36));
        lookupFlags(out.append(", elem_flags="), a.getLong(40));
        Formats.hex(out.append(", flags="), a.getLong(48));
        out.append('}');
    }

    /** strace's exit half of a batch command: " => {batch={count=N}}" when the kernel changed the count. */
    private static void batchCount(Call c, ByteBuffer a, LineBuffer out) {
        ByteBuffer after = c.syscall.getUnfinished() ? null : c.struct(c.atExit(1), 36);
        if (after != null && after.getInt(32) != a.getInt(32)) {
            out.append(" => {batch={count=").append(after.getInt(32) & 0xffffffffL).append("}}");
        }
    }

    /** printflags64 with bpf_map_lookup_elem_flags: 0 is the table's BPF_ANY. */
    private static void lookupFlags(LineBuffer out, long flags) {
        if (flags == 0) {
            ConstStyle.value(out, 0, true, "BPF_ANY", null);
        } else {
            LOOKUP_FLAGS.flags(out, flags);
        }
    }

    private static void byId(ByteBuffer a, int len, LineBuffer out, String idName) {
        out.append(idName).append('=').append(a.getInt(0) & 0xffffffffL);
        out.append(", next_id=").append(a.getInt(4) & 0xffffffffL);
        if (len > 8) {
            FILE_MODE.flags(out.append(", open_flags="), a.getInt(8) & 0xffffffffL);
        }
    }

    /** strace's print_quoted_cstring: up to a NUL; with no NUL in the last byte, one byte less and "...". */
    static void cstring(LineBuffer out, ByteBuffer a, int offset, int size, Quote.Hex hex) {
        byte[] s = new byte[size];
        a.get(offset, s);
        boolean unterminated = size > 0 && s[size - 1] != 0;
        Quote.append(out, s, 0, unterminated ? size - 1 : size, hex, true);
        if (unterminated) {
            out.append("...");
        }
    }
}
