package io.jtrace.recorder.capture;

import io.jtrace.recorder.trace.SyscallEvent;
import java.nio.ByteBuffer;

/**
 * What bpf(2) and the classic BPF socket options point to, as strace 6.1's bpf.c and
 * bpf_filter.c read it. The attribute union is argument 1's whole buffer; what a field of it
 * points to is an {@code IOV} buffer of argument 1 whose index is the field's offset in the union,
 * never cut by the snap length (strace prints instructions and arrays whole and reads -s + 1 bytes
 * of a string).
 */
final class BpfCaptures {
    private static final int PAGE = 4096;
    /** The most BufferReader.struct reads at once. */
    private static final int STRUCT_READ = 64;
    /** BPF_MAXINSNS: strace prints no more instructions of a program; one more shows its "...". */
    private static final int MAX_INSNS = 4096;
    private static final int INSN_SIZE = 8;
    /** printstr_ex reads at most this much of a string that it cuts at -s. */
    private static final int STRING_MAX = 4096;
    private static final int TP_NAME_SIZE = 128;
    /** The most elements of a pointed-to array copied (strace prints them all under -v). */
    private static final int ARRAY_MAX = 1024;
    private static final int BPF_TRACE_ITER = 28;
    /** struct bpf_prog_info up to its map_ids pointer. */
    private static final int PROG_INFO_MAP_IDS_END = 64;
    private static final int BPF_TRACE_KPROBE_MULTI = 42;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_FILTER = 26;
    private static final int SO_ATTACH_REUSEPORT_CBPF = 51;
    private static final int SOCK_FPROG_SIZE = 16;

    private BpfCaptures() {
    }

    /** The union (its size argument's bytes when they fit a page) and the strings and programs it points to. */
    static void atEntry(SyscallEvent c, BufferReader r) {
        long size = c.arg(2) & 0xffffffffL;
        long address = c.arg(1);
        if (address == 0 || size == 0 || size > PAGE) {
            return;
        }
        r.unsnapped(1, BufferReader.WHOLE, 0, address, size, PAGE, false);
        ByteBuffer a = attr(r, address, size);
        if (a == null) {
            return;
        }
        switch ((int) c.arg(0)) {
            case 5 -> { // BPF_PROG_LOAD: insns, license, log_buf
                long count = Math.min(a.getInt(4) & 0xffffffffL, MAX_INSNS + 1);
                pointed(r, a, 8, count * INSN_SIZE, false);
                pointed(r, a, 16, STRING_MAX, false);
                pointed(r, a, 32, Math.min(a.getInt(28) & 0xffffffffL, STRING_MAX), false);
            }
            case 6, 7 -> r.string(1, BufferReader.IOV, 0, a.getLong(0), false, BufferReader.PATH_MAX); // pathname
            case 17 -> pointed(r, a, 0, TP_NAME_SIZE, false); // BPF_RAW_TRACEPOINT_OPEN: name
            case 18 -> pointed(r, a, 0, Math.min(a.getInt(16) & 0xffffffffL, STRING_MAX), false); // BPF_BTF_LOAD: btf
            case 28 -> linkCreate(r, a, size);
            case 15 -> objInfo(r, a, false); // BPF_OBJ_GET_INFO_BY_FD: info
            default -> {
            }
        }
    }

    /**
     * The union again where the kernel writes to it (the *_GET_NEXT_ID commands 11, 12, 23, 31, the
     * batch commands 24 to 27, OBJ_GET_INFO_BY_FD, PROG_QUERY, TASK_FD_QUERY), also of a failed
     * call, as strace reads it; PROG_QUERY's prog_ids and TASK_FD_QUERY's buf.
     */
    static void atExit(SyscallEvent c, BufferReader r) {
        long cmd = c.arg(0) & 0xffffffffL;
        long size = c.arg(2) & 0xffffffffL;
        long address = c.arg(1);
        boolean writes = cmd == 11 || cmd == 12 || cmd == 23 || cmd == 31 || cmd >= 24 && cmd <= 27
                || cmd == 15 || cmd == 16 || cmd == 20;
        if (!writes || address == 0 || size == 0 || size > PAGE) {
            return;
        }
        r.unsnapped(1, BufferReader.WHOLE, 0, address, size, PAGE, true);
        ByteBuffer a = attr(r, address, size);
        if (a == null) {
            return;
        }
        if (cmd == 15) {
            objInfo(r, a, true);
        } else if (cmd == 16) {
            pointed(r, a, 16, 4 * Math.min(a.getInt(24) & 0xffffffffL, ARRAY_MAX), true);
        } else if (cmd == 20) {
            pointed(r, a, 16, Math.min(a.getInt(12) & 0xffffffffL, STRING_MAX), true);
        }
    }

    /**
     * BPF_OBJ_GET_INFO_BY_FD's info structure, info_len bytes up to a page; at exit also what a
     * program's info points to (IOV index 1000 + the field's offset in struct bpf_prog_info:
     * jited_prog_insns, xlated_prog_insns, map_ids), as much as the kernel says it wrote. Which kind
     * of object the fd is the analyzer knows; a map's info read as a program's only costs failed reads.
     */
    private static void objInfo(BufferReader r, ByteBuffer a, boolean atExit) {
        long length = a.getInt(4) & 0xffffffffL;
        long info = a.getLong(8);
        if (info == 0 || length == 0 || length > PAGE) {
            return;
        }
        r.unsnapped(1, BufferReader.IOV, 8, info, length, PAGE, atExit);
        if (!atExit || length < PROG_INFO_MAP_IDS_END) {
            return;
        }
        ByteBuffer head = r.struct(info + 16, 48);
        if (head == null) {
            return;
        }
        long jited = Math.min(head.getInt(0) & 0xffffffffL, STRING_MAX);
        long xlated = Math.min(head.getInt(4) & 0xffffffffL, (MAX_INSNS + 1L) * INSN_SIZE);
        long mapIds = Math.min(head.getInt(36) & 0xffffffffL, ARRAY_MAX);
        copyAt(r, 1024, head.getLong(8), jited);
        copyAt(r, 1032, head.getLong(16), xlated);
        copyAt(r, 1056, head.getLong(40), 4 * mapIds);
    }

    private static void copyAt(BufferReader r, int index, long address, long length) {
        if (address != 0 && length > 0) {
            r.unsnapped(1, BufferReader.IOV, index, address, length, (int) length, true);
        }
    }

    /** The union as strace decodes it: min(size, 128) bytes read, the rest zero; null when unreadable. */
    private static ByteBuffer attr(BufferReader r, long address, long size) {
        int n = (int) Math.min(size, 128);
        ByteBuffer a = ByteBuffer.allocate(128).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < n; off += STRUCT_READ) {
            int chunk = Math.min(STRUCT_READ, n - off);
            ByteBuffer read = r.struct(address + off, chunk);
            if (read == null) {
                return null;
            }
            for (int i = 0; i < chunk; i++) {
                a.put(off + i, read.get(i));
            }
        }
        return a;
    }

    /** {@code length} bytes (capped by the caller) at the pointer at {@code offset}, whatever the snap length. */
    private static void pointed(BufferReader r, ByteBuffer a, int offset, long length, boolean atExit) {
        long pointer = a.getLong(offset);
        if (pointer != 0 && length > 0) {
            r.unsnapped(1, BufferReader.IOV, offset, pointer, length, (int) length, atExit);
        }
    }

    /**
     * BPF_LINK_CREATE's union by attach type: BPF_TRACE_ITER's iter_info (4-byte elements),
     * BPF_TRACE_KPROBE_MULTI's syms (pointers, each string an IOV buffer of index 128 + i), addrs, cookies.
     */
    private static void linkCreate(BufferReader r, ByteBuffer a, long size) {
        if (size <= 16) {
            return;
        }
        int type = a.getInt(8);
        if (type == BPF_TRACE_ITER) {
            pointed(r, a, 16, 4 * Math.min(a.getInt(24) & 0xffffffffL, ARRAY_MAX), false);
        } else if (type == BPF_TRACE_KPROBE_MULTI) {
            long count = Math.min(a.getInt(20) & 0xffffffffL, ARRAY_MAX);
            pointed(r, a, 24, 8 * count, false);
            pointed(r, a, 32, 8 * count, false);
            pointed(r, a, 40, 8 * count, false);
            long syms = a.getLong(24);
            for (int i = 0; i < count && syms != 0; i++) {
                ByteBuffer p = r.struct(syms + 8L * i, 8);
                if (p == null) {
                    break;
                }
                long sym = p.getLong(0);
                if (sym != 0) {
                    r.unsnapped(1, BufferReader.IOV, 128 + i, sym, STRING_MAX, STRING_MAX, false);
                }
            }
        }
    }

    /** setsockopt's value and, for the classic BPF options, the program its sock_fprog points to. */
    static void setsockoptAtEntry(SyscallEvent c, BufferReader r) {
        Captures.optvalAtEntry(c, r);
        long name = (int) c.arg(2);
        if ((int) c.arg(1) == SOL_SOCKET && (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF)
                && (c.arg(4) & 0xffffffffL) == SOCK_FPROG_SIZE) {
            ByteBuffer fprog = r.struct(c.arg(3), SOCK_FPROG_SIZE);
            if (fprog != null) {
                long count = Math.min(fprog.getShort(0) & 0xffff, MAX_INSNS + 1);
                long filter = fprog.getLong(8);
                if (filter != 0 && count > 0) {
                    r.unsnapped(3, BufferReader.IOV, 0, filter, count * INSN_SIZE, (int) (count * INSN_SIZE), false);
                }
            }
        }
    }

    /** getsockopt's value; SO_GET_FILTER's length counts instructions of 8 bytes, not bytes. */
    static void getsockoptAtExit(SyscallEvent c, BufferReader r) {
        Captures.optvalAtExit(c, r);
        if ((int) c.arg(1) == SOL_SOCKET && (int) c.arg(2) == SO_ATTACH_FILTER && c.arg(3) != 0) {
            ByteBuffer len = r.struct(c.arg(4), 4);
            if (len != null) {
                long count = Math.min(len.getInt(0) & 0xffffffffL, MAX_INSNS + 1);
                if (count > 0) {
                    r.unsnapped(3, BufferReader.IOV, 0, c.arg(3), count * INSN_SIZE, (int) (count * INSN_SIZE), true);
                }
            }
        }
    }
}
