package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.render.Formats;

/**
 * An attribute holding a C structure of integer fields, declared as {@code "name:type"} in order
 * (u8 u16 u32 u64 unsigned, s8 s16 s32 s64 signed, x8 x16 x32 x64 hex, z8 .. z64 zero-padded hex, each
 * naturally aligned):
 * {@code {rta_clntref=1, ...}} as strace's PRINT_FIELD_U/D/X print them; false when the data is
 * shorter than the structure (strace then prints it in hex).
 */
final class StructDecoder implements Nlattr.Decoder {
    private final String[] names;
    private final char[] kinds;
    private final int[] sizes;
    private final int[] offsets;
    private final int size;
    /** Shorter versions of the structure that are accepted as they are: the number of fields each has. */
    private int[] versions = new int[0];

    private StructDecoder(boolean packedEnd, String... fields) {
        names = new String[fields.length];
        kinds = new char[fields.length];
        sizes = new int[fields.length];
        offsets = new int[fields.length];
        int offset = 0;
        int align = 1;
        for (int i = 0; i < fields.length; i++) {
            String[] f = fields[i].split(":");
            names[i] = f[0];
            kinds[i] = f[1].charAt(0);
            sizes[i] = Integer.parseInt(f[1].substring(1)) / 8;
            offset = (offset + sizes[i] - 1) / sizes[i] * sizes[i];
            offsets[i] = offset;
            offset += sizes[i];
            align = Math.max(align, sizes[i]);
        }
        size = packedEnd ? offset : (offset + align - 1) / align * align;
    }

    static StructDecoder of(String... fields) {
        return new StructDecoder(false, fields);
    }

    /** A structure strace reads up to the end of its last field (offsetofend), not its padded size. */
    static StructDecoder upToLastField(String... fields) {
        return new StructDecoder(true, fields);
    }

    /**
     * A structure that grew: data of exactly the size of one of its older versions (their field
     * counts) prints those fields, data of the full size or more all of them; other sizes are hex.
     */
    StructDecoder versions(int... fieldCounts) {
        versions = fieldCounts;
        return this;
    }

    @Override
    public boolean decode(NetlinkDecoder d, long addr, long len) {
        int fields = names.length;
        int used = size;
        if (len < size) {
            fields = 0;
            for (int count : versions) {
                if (len == offsets[count - 1] + sizes[count - 1]) {
                    fields = count;
                    used = (int) len;
                }
            }
            if (fields == 0) {
                return false;
            }
        }
        if (!d.mem.orAddress(d.out, addr, used)) {
            return true;
        }
        d.out.append('{');
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                d.out.append(", ");
            }
            d.out.append(names[i]).append('=');
            long a = addr + offsets[i];
            long v = switch (sizes[i]) {
                case 1 -> d.mem.u8(a);
                case 2 -> d.mem.u16(a);
                case 4 -> d.mem.u32(a);
                default -> d.mem.u64(a);
            };
            switch (kinds[i]) {
                case 'x' -> Formats.hex(d.out, v);
                case 'z' -> {   // PRINT_FIELD_0X: %#0*llx, zero-padded to the field's width
                    String hex = Long.toHexString(v);
                    if (v == 0) {
                        d.out.append("0".repeat(sizes[i] * 2));
                    } else {
                        d.out.append("0x").append("0".repeat(Math.max(0, sizes[i] * 2 - 2 - hex.length()))).append(hex);
                    }
                }
                case 's' -> d.out.append(sizes[i] == 8 ? v : sizes[i] == 4 ? (int) v : sizes[i] == 2 ? (short) v : (byte) v);
                default -> Formats.unsigned(d.out, v);
            }
        }
        d.out.append('}');
        return true;
    }
}
