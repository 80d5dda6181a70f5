package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * struct perf_event_attr as strace 6.1's perf.c prints it (perf_event_open and
 * PERF_EVENT_IOC_MODIFY_ATTRIBUTES): abbreviated, the fields before wakeup_events with only the set
 * flag bits; under -v every field its size holds, the unknown bits and reserved fields in comments.
 */
public final class PerfAttr {
    /** The most strace reads: sizeof(struct perf_event_attr), PERF_ATTR_SIZE_VER7. */
    public static final int MAX_SIZE = 128;
    private static final int SIZE_VER0 = 64;
    private static final int ABBREV_SIZE = 48;
    private static final int PERF_TYPE_HARDWARE = 0;
    private static final int PERF_TYPE_SOFTWARE = 1;
    private static final int PERF_TYPE_TRACEPOINT = 2;
    private static final int PERF_TYPE_HW_CACHE = 3;
    private static final int PERF_TYPE_BREAKPOINT = 5;
    private static final long PERF_SAMPLE_BRANCH_STACK = 1 << 11;
    private static final long PERF_SAMPLE_STACK_USER = 1 << 13;
    private static final String[] PRECISE_IP = {"arbitrary skid", "constant skid", "requested to have 0 skid",
        "must have 0 skid"};
    /** The flag bits of the 64-bit word at offset 40, by bit; bits 15 and 16 are precise_ip. */
    private static final String[] FLAG_BITS = {"disabled", "inherit", "pinned", "exclusive", "exclude_user",
        "exclude_kernel", "exclude_hv", "exclude_idle", "mmap", "comm", "freq", "inherit_stat", "enable_on_exec",
        "task", "watermark", null, null, "mmap_data", "sample_id_all", "exclude_host", "exclude_guest",
        "exclude_callchain_kernel", "exclude_callchain_user", "mmap2", "comm_exec", "use_clockid",
        "context_switch", "write_backward", "namespaces", "ksymbol", "bpf_event", "aux_output", "cgroup",
        "text_poke", "build_id", "inherit_thread", "remove_on_exec", "sigtrap"};

    private static final Flags TYPES = Flags.of("PERF_TYPE_???", "PERF_TYPE_HARDWARE", 0, "PERF_TYPE_SOFTWARE", 1,
            "PERF_TYPE_TRACEPOINT", 2, "PERF_TYPE_HW_CACHE", 3, "PERF_TYPE_RAW", 4, "PERF_TYPE_BREAKPOINT", 5);
    private static final Flags SIZES = Flags.of("PERF_ATTR_SIZE_???", "PERF_ATTR_SIZE_VER0", 64,
            "PERF_ATTR_SIZE_VER1", 72, "PERF_ATTR_SIZE_VER2", 80, "PERF_ATTR_SIZE_VER3", 96,
            "PERF_ATTR_SIZE_VER4", 104, "PERF_ATTR_SIZE_VER5", 112, "PERF_ATTR_SIZE_VER6", 120,
            "PERF_ATTR_SIZE_VER7", 128);
    private static final Flags HW_IDS = Flags.of("PERF_COUNT_HW_???", "PERF_COUNT_HW_CPU_CYCLES", 0,
            "PERF_COUNT_HW_INSTRUCTIONS", 1, "PERF_COUNT_HW_CACHE_REFERENCES", 2, "PERF_COUNT_HW_CACHE_MISSES", 3,
            "PERF_COUNT_HW_BRANCH_INSTRUCTIONS", 4, "PERF_COUNT_HW_BRANCH_MISSES", 5, "PERF_COUNT_HW_BUS_CYCLES", 6,
            "PERF_COUNT_HW_STALLED_CYCLES_FRONTEND", 7, "PERF_COUNT_HW_STALLED_CYCLES_BACKEND", 8,
            "PERF_COUNT_HW_REF_CPU_CYCLES", 9);
    private static final Flags SW_IDS = Flags.of("PERF_COUNT_SW_???", "PERF_COUNT_SW_CPU_CLOCK", 0,
            "PERF_COUNT_SW_TASK_CLOCK", 1, "PERF_COUNT_SW_PAGE_FAULTS", 2, "PERF_COUNT_SW_CONTEXT_SWITCHES", 3,
            "PERF_COUNT_SW_CPU_MIGRATIONS", 4, "PERF_COUNT_SW_PAGE_FAULTS_MIN", 5, "PERF_COUNT_SW_PAGE_FAULTS_MAJ", 6,
            "PERF_COUNT_SW_ALIGNMENT_FAULTS", 7, "PERF_COUNT_SW_EMULATION_FAULTS", 8, "PERF_COUNT_SW_DUMMY", 9,
            "PERF_COUNT_SW_BPF_OUTPUT", 10, "PERF_COUNT_SW_CGROUP_SWITCHES", 11);
    private static final Flags CACHE_IDS = Flags.of("PERF_COUNT_HW_CACHE_???", "PERF_COUNT_HW_CACHE_L1D", 0,
            "PERF_COUNT_HW_CACHE_L1I", 1, "PERF_COUNT_HW_CACHE_LL", 2, "PERF_COUNT_HW_CACHE_DTLB", 3,
            "PERF_COUNT_HW_CACHE_ITLB", 4, "PERF_COUNT_HW_CACHE_BPU", 5, "PERF_COUNT_HW_CACHE_NODE", 6);
    private static final Flags CACHE_OPS = Flags.of("PERF_COUNT_HW_CACHE_OP_???", "PERF_COUNT_HW_CACHE_OP_READ", 0,
            "PERF_COUNT_HW_CACHE_OP_WRITE", 1, "PERF_COUNT_HW_CACHE_OP_PREFETCH", 2);
    private static final Flags CACHE_RESULTS = Flags.of("PERF_COUNT_HW_CACHE_RESULT_???",
            "PERF_COUNT_HW_CACHE_RESULT_ACCESS", 0, "PERF_COUNT_HW_CACHE_RESULT_MISS", 1);
    private static final Flags SAMPLE_FORMAT = Flags.of("PERF_SAMPLE_???", "PERF_SAMPLE_IP", 1L,
            "PERF_SAMPLE_TID", 1L << 1, "PERF_SAMPLE_TIME", 1L << 2, "PERF_SAMPLE_ADDR", 1L << 3,
            "PERF_SAMPLE_READ", 1L << 4, "PERF_SAMPLE_CALLCHAIN", 1L << 5, "PERF_SAMPLE_ID", 1L << 6,
            "PERF_SAMPLE_CPU", 1L << 7, "PERF_SAMPLE_PERIOD", 1L << 8, "PERF_SAMPLE_STREAM_ID", 1L << 9,
            "PERF_SAMPLE_RAW", 1L << 10, "PERF_SAMPLE_BRANCH_STACK", 1L << 11, "PERF_SAMPLE_REGS_USER", 1L << 12,
            "PERF_SAMPLE_STACK_USER", 1L << 13, "PERF_SAMPLE_WEIGHT", 1L << 14, "PERF_SAMPLE_DATA_SRC", 1L << 15,
            "PERF_SAMPLE_IDENTIFIER", 1L << 16, "PERF_SAMPLE_TRANSACTION", 1L << 17, "PERF_SAMPLE_REGS_INTR",
            1L << 18, "PERF_SAMPLE_PHYS_ADDR", 1L << 19, "PERF_SAMPLE_AUX", 1L << 20, "PERF_SAMPLE_CGROUP", 1L << 21,
            "PERF_SAMPLE_DATA_PAGE_SIZE", 1L << 22, "PERF_SAMPLE_CODE_PAGE_SIZE", 1L << 23,
            "PERF_SAMPLE_WEIGHT_STRUCT", 1L << 24);
    private static final Flags READ_FORMAT = Flags.of("PERF_FORMAT_???", "PERF_FORMAT_TOTAL_TIME_ENABLED", 1L,
            "PERF_FORMAT_TOTAL_TIME_RUNNING", 1L << 1, "PERF_FORMAT_ID", 1L << 2, "PERF_FORMAT_GROUP", 1L << 3,
            "PERF_FORMAT_LOST", 1L << 4);
    private static final Flags BRANCH_SAMPLE = Flags.of("PERF_SAMPLE_BRANCH_???", "PERF_SAMPLE_BRANCH_USER", 1L,
            "PERF_SAMPLE_BRANCH_KERNEL", 1L << 1, "PERF_SAMPLE_BRANCH_HV", 1L << 2, "PERF_SAMPLE_BRANCH_ANY", 1L << 3,
            "PERF_SAMPLE_BRANCH_ANY_CALL", 1L << 4, "PERF_SAMPLE_BRANCH_ANY_RETURN", 1L << 5,
            "PERF_SAMPLE_BRANCH_IND_CALL", 1L << 6, "PERF_SAMPLE_BRANCH_ABORT_TX", 1L << 7,
            "PERF_SAMPLE_BRANCH_IN_TX", 1L << 8, "PERF_SAMPLE_BRANCH_NO_TX", 1L << 9, "PERF_SAMPLE_BRANCH_COND",
            1L << 10, "PERF_SAMPLE_BRANCH_CALL_STACK", 1L << 11, "PERF_SAMPLE_BRANCH_IND_JUMP", 1L << 12,
            "PERF_SAMPLE_BRANCH_CALL", 1L << 13, "PERF_SAMPLE_BRANCH_NO_FLAGS", 1L << 14,
            "PERF_SAMPLE_BRANCH_NO_CYCLES", 1L << 15, "PERF_SAMPLE_BRANCH_TYPE_SAVE", 1L << 16,
            "PERF_SAMPLE_BRANCH_HW_INDEX", 1L << 17, "PERF_SAMPLE_BRANCH_PRIV_SAVE", 1L << 18);
    private static final Flags BREAKPOINT_TYPES = Flags.of("HW_BREAKPOINT_???", "HW_BREAKPOINT_EMPTY", 0,
            "HW_BREAKPOINT_R", 1, "HW_BREAKPOINT_W", 2, "HW_BREAKPOINT_RW", 3, "HW_BREAKPOINT_X", 4);

    private PerfAttr() {
    }

    /**
     * strace's fetch_perf_event_attr and print_perf_event_attr over {@code data}, the bytes that
     * could be read at {@code address} (at most {@link #MAX_SIZE}); {@code newSize}: the size field
     * read again after an E2BIG (null: no E2BIG; negative: it could not be read).
     */
    public static void print(LineBuffer out, byte[] data, long address, boolean abbrev, boolean verbose,
                             Long newSize) {
        if (data == null || data.length < 8) {
            Formats.pointer(out, address);
            return;
        }
        ByteBuffer raw = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long declared = raw.getInt(4) & 0xffffffffL;
        int size = (int) Math.min(declared, MAX_SIZE);
        if (size == 0) {
            size = SIZE_VER0;
        }
        if (size < SIZE_VER0 || !verbose) {
            Formats.pointer(out, address);
            return;
        }
        if (abbrev) {
            size = ABBREV_SIZE;
        }
        if (data.length < size) {
            Formats.pointer(out, address);
            return;
        }
        byte[] bytes = new byte[MAX_SIZE];
        System.arraycopy(data, 0, bytes, 0, size);
        fields(out, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), size, abbrev, newSize);
    }

    private static void fields(LineBuffer out, ByteBuffer a, int size, boolean abbrev, Long newSize) {
        long type = a.getInt(0) & 0xffffffffL;
        long attrSize = a.getInt(4) & 0xffffffffL;
        TYPES.hexValue(out.append("{type="), type);
        SIZES.hexValue(out.append(", size="), attrSize);
        if (newSize != null) {
            out.append(" => ");
            if (newSize >= 0) {
                SIZES.hexValue(out, newSize);
            } else {
                out.append("???");
            }
        }
        long config = a.getLong(8);
        out.append(", config=");
        switch ((int) type) {
            case PERF_TYPE_HARDWARE -> {
                high(out, config >>> 32, 32);
                HW_IDS.hexValue(out, config & 0xffffffffL);
            }
            case PERF_TYPE_SOFTWARE -> SW_IDS.hexValue(out, config);
            case PERF_TYPE_TRACEPOINT -> Formats.unsigned(out, config);
            case PERF_TYPE_HW_CACHE -> {
                high(out, config >>> 32, 32);
                high(out, (config & 0xffffffffL) >>> 24, 24);
                CACHE_RESULTS.hexValue(out, (config >> 16) & 0xff);
                out.append("<<16|");
                CACHE_OPS.hexValue(out, (config >> 8) & 0xff);
                out.append("<<8|");
                CACHE_IDS.hexValue(out, config & 0xff);
            }
            default -> Formats.hex(out, config);
        }
        long flags = a.getLong(40);
        boolean freq = (flags & (1L << 10)) != 0;
        Formats.unsigned(out.append(freq ? ", sample_freq=" : ", sample_period="), a.getLong(16));
        long sampleType = a.getLong(24);
        SAMPLE_FORMAT.flags(out.append(", sample_type="), sampleType);
        READ_FORMAT.flags(out.append(", read_format="), a.getLong(32));
        for (int bit = 0; bit < FLAG_BITS.length; bit++) {
            if (bit == 15) {
                int precise = (int) (flags >>> 15) & 3;
                out.append(", precise_ip=").append(precise).append(" /* ").append(PRECISE_IP[precise]).append(" */");
                bit = 16;
                continue;
            }
            long value = (flags >>> bit) & 1;
            if (!abbrev || value != 0) {
                out.append(", ").append(FLAG_BITS[bit]).append('=').append(value);
            }
        }
        long reserved = flags >>> 38;
        if (reserved != 0) {
            Formats.hex(out.append(", __reserved_1="), reserved).append(" /* Bits 63..38 */");
        }
        if (!abbrev) {
            verboseFields(out, a, size, type, sampleType, flags);
        }
        if (attrSize != 0 ? attrSize > size : size < SIZE_VER0) {
            out.append(", ...");
        }
        out.append('}');
    }

    /** The fields from wakeup_events on, each while the size holds it (STRACE_PERF_CHECK_FIELD). */
    private static void verboseFields(LineBuffer out, ByteBuffer a, int size, long type, long sampleType,
                                      long flags) {
        boolean breakpoint = type == PERF_TYPE_BREAKPOINT;
        out.append((flags & (1L << 14)) != 0 ? ", wakeup_watermark=" : ", wakeup_events=")
                .append(a.getInt(48) & 0xffffffffL);
        if (breakpoint) {
            long bpType = a.getInt(52) & 0xffffffffL;
            out.append(", bp_type=");
            String name = BREAKPOINT_TYPES.name(bpType);
            ConstStyle.value(out, bpType, true, name, bpType <= 7 ? "HW_BREAKPOINT_INVALID" : "HW_BREAKPOINT_???");
        }
        Formats.hex(out.append(breakpoint ? ", bp_addr=" : ", config1="), a.getLong(56));
        if (size <= 64) {
            return;
        }
        if (breakpoint) {
            Formats.unsigned(out.append(", bp_len="), a.getLong(64));
        } else {
            Formats.hex(out.append(", config2="), a.getLong(64));
        }
        if (size <= 72) {
            return;
        }
        if ((sampleType & PERF_SAMPLE_BRANCH_STACK) != 0) {
            BRANCH_SAMPLE.flags(out.append(", branch_sample_type="), a.getLong(72));
        }
        if (size <= 80) {
            return;
        }
        Formats.hex(out.append(", sample_regs_user="), a.getLong(80));
        if (size <= 88) {
            return;
        }
        if ((sampleType & PERF_SAMPLE_STACK_USER) != 0) {
            Formats.hex(out.append(", sample_stack_user="), a.getInt(88) & 0xffffffffL);
        }
        if ((flags & (1L << 25)) != 0) {
            if (size <= 92) {
                return;
            }
            Consts.CLOCK.hexValue(out.append(", clockid="), a.getInt(92) & 0xffffffffL);
        }
        if (size <= 96) {
            return;
        }
        Formats.hex(out.append(", sample_regs_intr="), a.getLong(96));
        if (size <= 104) {
            return;
        }
        out.append(", aux_watermark=").append(a.getInt(104) & 0xffffffffL);
        if (size <= 108) {
            return;
        }
        out.append(", sample_max_stack=").append(a.getShort(108) & 0xffff);
        if (size <= 110) {
            return;
        }
        int reserved2 = a.getShort(110) & 0xffff;
        if (reserved2 != 0) {
            Formats.hex(out.append(" /* bytes 110..111: "), reserved2).append(" */");
        }
        if (size <= 112) {
            return;
        }
        out.append(", aux_sample_size=").append(a.getInt(112) & 0xffffffffL);
        if (size <= 116) {
            return;
        }
        long reserved3 = a.getInt(116) & 0xffffffffL;
        if (reserved3 != 0) {
            Formats.hex(out.append(" /* bytes 116..119: "), reserved3).append(" */");
        }
        if (size <= 120) {
            return;
        }
        Formats.hex(out.append(", sig_data="), a.getLong(120));
    }

    /** A PMU type or the bits above a field: {@code 0x1<<32|}. */
    private static void high(LineBuffer out, long value, int shift) {
        if (value != 0) {
            Formats.hex(out, value).append("<<").append(shift).append('|');
        }
    }
}
