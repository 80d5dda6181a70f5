package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * BPF_OBJ_GET_INFO_BY_FD's info structure as strace 6.1's bpf.c prints it under -v: a map's
 * (print_bpf_map_info) or a program's (print_bpf_prog_info, with {@code nr_map_ids=0 => 2} where the
 * kernel changed what the caller gave), chosen by what the fd refers to (anon_inode:bpf-map or
 * anon_inode:bpf-prog); abbreviated, or for other objects, its address. The recorder copies the
 * structure at entry and exit (IOV index 8) and at exit what a program's points to (1000 + offset).
 */
final class BpfObjInfo {
    private static final int PAGE = 4096;
    private static final int MAP_INFO_SIZE = 88;
    private static final int PROG_INFO_SIZE = 220;

    private BpfObjInfo() {
    }

    /** ", info=..." of the exit half; {@code fd} is bpf_fd, {@code entry} and {@code exit} the union. */
    static void print(Call c, LineBuffer out, long fd, ByteBuffer entry, ByteBuffer exit) {
        long address = exit.getLong(8);
        String kind = kind(c, fd);
        long size = exit.getInt(4) & 0xffffffffL;
        byte[] after = c.abbrev() || kind == null ? null : fetch(c.part(1, Buffer.Part.IOV, 8, true), size);
        if (after == null) {
            Formats.pointer(out, address);
            return;
        }
        ByteBuffer info = padded(after, PAGE);
        if (kind.equals("anon_inode:bpf-map")) {
            mapInfo(c, out, info, (int) size, after);
        } else {
            long entrySize = entry.getInt(4) & 0xffffffffL;
            byte[] before = fetch(c.part(1, Buffer.Part.IOV, 8, false), entrySize);
            ByteBuffer saved = padded(before == null ? new byte[0] : before,
                    (int) Math.min(entrySize, PROG_INFO_SIZE));
            progInfo(c, out, info, (int) size, after, saved);
        }
    }

    private static String kind(Call c, long fd) {
        FdInfo info = c.state.fd(c.syscall.getPid(), fd);
        String path = info == null ? null : FdText.path(info);
        return "anon_inode:bpf-map".equals(path) || "anon_inode:bpf-prog".equals(path) ? path : null;
    }

    /** fetch_bpf_obj_info: {@code size} bytes when it is 1 to a page and they were all read, else null. */
    private static byte[] fetch(RecordedBuffer b, long size) {
        if (size == 0 || size > PAGE || b == null || b.getError() != 0 || b.getData().size() < size) {
            return null;
        }
        byte[] bytes = new byte[(int) size];
        b.getData().copyTo(bytes, 0, 0, (int) size);
        return bytes;
    }

    /** The first min(bytes, limit) bytes in a zeroed buffer as large as the largest structure. */
    private static ByteBuffer padded(byte[] bytes, int limit) {
        byte[] all = new byte[PAGE];
        System.arraycopy(bytes, 0, all, 0, Math.min(bytes.length, limit));
        return ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void mapInfo(Call c, LineBuffer out, ByteBuffer a, int size, byte[] raw) {
        int len = Math.min(size, MAP_INFO_SIZE);
        Bpf.MAP_TYPES.hexValue(out.append("{type="), u32(a, 0));
        out.append(", id=").append(u32(a, 4));
        out.append(", key_size=").append(u32(a, 8));
        out.append(", value_size=").append(u32(a, 12));
        out.append(", max_entries=").append(u32(a, 16));
        Bpf.MAP_FLAGS.flags(out.append(", map_flags="), u32(a, 20));
        if (len > 24) {
            Bpf.cstring(out.append(", name="), a, 24, 16, c.options.hex);
            if (len > 40) {
                Sockopts.ifindex(c, out.append(", ifindex="), a.getInt(40));
                out.append(", btf_vmlinux_value_type_id=").append(u32(a, 44));
                FileModes.dev(out.append(", netns_dev="), a.getLong(48));
                Formats.unsigned(out.append(", netns_ino="), a.getLong(56));
                if (len > 64) {
                    out.append(", btf_id=").append(u32(a, 64));
                    out.append(", btf_key_type_id=").append(u32(a, 68));
                    out.append(", btf_value_type_id=").append(u32(a, 72));
                    Bpf.extraData(c, out, raw, MAP_INFO_SIZE, size);
                }
            }
        }
        out.append('}');
    }

    private static void progInfo(Call c, LineBuffer out, ByteBuffer a, int size, byte[] raw, ByteBuffer saved) {
        int len = Math.min(size, PROG_INFO_SIZE);
        BpfAttrs.PROG_TYPES.hexValue(out.append("{type="), u32(a, 0));
        out.append(", id=").append(u32(a, 4));
        byte[] tag = new byte[8];
        a.get(8, tag);
        Quote.append(out.append(", tag="), tag, 0, 8, Quote.Hex.ALL, false);
        changed(out.append(", jited_prog_len="), u32(saved, 16), u32(a, 16));
        out.append(", jited_prog_insns=");
        c.string(out, c.part(1, Buffer.Part.IOV, 1024, true), a.getLong(24), u32(a, 16), true);
        changed(out.append(", xlated_prog_len="), u32(saved, 20), u32(a, 20));
        out.append(", xlated_prog_insns=");
        BpfFilter.ebpfProg(c, out, c.part(1, Buffer.Part.IOV, 1032, true), a.getLong(32),
                Math.min(u32(saved, 20), u32(a, 20)) / 8, true);
        if (len > 40) {
            long loadTime = a.getLong(40);
            Formats.unsigned(out.append(", load_time="), loadTime);
            bootTime(c, out, loadTime);
            long uid = u32(a, 48);
            out.append(", created_by_uid=").append(uid == 0xffffffffL ? "-1" : Long.toString(uid));
            changed(out.append(", nr_map_ids="), u32(saved, 52), u32(a, 52));
            out.append(", map_ids=");
            Umove.array(c, out, c.part(1, Buffer.Part.IOV, 1056, true), a.getLong(56),
                    Math.min(u32(saved, 52), u32(a, 52)), 4, true,
                    (call, o, data, offset) -> o.append(data.getInt(offset) & 0xffffffffL));
            Bpf.cstring(out.append(", name="), a, 64, 16, c.options.hex);
            if (len > 80) {
                later(c, out, a, len, raw, size, saved);
            }
        }
        out.append('}');
    }

    /** The fields from ifindex on, each group while the size holds it. */
    private static void later(Call c, LineBuffer out, ByteBuffer a, int len, byte[] raw, int size, ByteBuffer saved) {
        Sockopts.ifindex(c, out.append(", ifindex="), a.getInt(80));
        out.append(", gpl_compatible=").append(a.getInt(84) & 1);
        FileModes.dev(out.append(", netns_dev="), a.getLong(88));
        Formats.unsigned(out.append(", netns_ino="), a.getLong(96));
        if (len <= 104) {
            return;
        }
        changed(out.append(", nr_jited_ksyms="), u32(saved, 104), u32(a, 104));
        changed(out.append(", nr_jited_func_lens="), u32(saved, 108), u32(a, 108));
        changedAddress(out.append(", jited_ksyms="), saved.getLong(112), a.getLong(112));
        changedAddress(out.append(", jited_func_lens="), saved.getLong(120), a.getLong(120));
        if (len <= 128) {
            return;
        }
        out.append(", btf_id=").append(u32(a, 128));
        changed(out.append(", func_info_rec_size="), u32(saved, 132), u32(a, 132));
        Formats.pointer(out.append(", func_info="), a.getLong(136));
        changed(out.append(", nr_func_info="), u32(saved, 144), u32(a, 144));
        changed(out.append(", nr_line_info="), u32(saved, 148), u32(a, 148));
        Formats.pointer(out.append(", line_info="), a.getLong(152));
        changedAddress(out.append(", jited_line_info="), saved.getLong(160), a.getLong(160));
        changed(out.append(", nr_jited_line_info="), u32(saved, 168), u32(a, 168));
        changed(out.append(", line_info_rec_size="), u32(saved, 172), u32(a, 172));
        changed(out.append(", jited_line_info_rec_size="), u32(saved, 176), u32(a, 176));
        changed(out.append(", nr_prog_tags="), u32(saved, 180), u32(a, 180));
        Formats.pointer(out.append(", prog_tags="), a.getLong(184));
        if (len <= 192) {
            return;
        }
        Formats.unsigned(out.append(", run_time_ns="), a.getLong(192));
        Formats.unsigned(out.append(", run_cnt="), a.getLong(200));
        if (len <= 208) {
            return;
        }
        Formats.unsigned(out.append(", recursion_misses="), a.getLong(208));
        if (len <= 216) {
            return;
        }
        out.append(", verified_insns=").append(u32(a, 216));
        Bpf.extraData(c, out, raw, PROG_INFO_SIZE, size);
    }

    /** A field the kernel may change: "0 => 86" when it did. */
    private static void changed(LineBuffer out, long before, long after) {
        if (before != after) {
            out.append(before).append(" => ");
        }
        out.append(after);
    }

    private static void changedAddress(LineBuffer out, long before, long after) {
        if (before != after) {
            Formats.pointer(out, before).append(" => ");
        }
        Formats.pointer(out, after);
    }

    /**
     * strace's print_boottime: the local date of a CLOCK_BOOTTIME time, in seconds, from the
     * recording machine's boot time (the header's clocks); nothing in the raw style.
     */
    private static void bootTime(Call c, LineBuffer out, long ns) {
        if (ConstStyle.current() == ConstStyle.RAW) {
            return;
        }
        long wall = c.state.bootWallNs() + ns;
        Times.comment(out, Times.date(c, Math.floorDiv(wall, 1_000_000_000L), 0, 0, 0));
    }

    private static long u32(ByteBuffer a, int offset) {
        return a.getInt(offset) & 0xffffffffL;
    }
}
