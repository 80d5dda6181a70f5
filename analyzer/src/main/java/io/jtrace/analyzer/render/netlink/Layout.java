package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;

/**
 * A netlink payload structure that starts with an address family byte, as strace's sock_diag and
 * route decoders print them: {@code {x_family=AF_INET, fields...}}, {@code {x_family=AF_INET, ...}}
 * when shorter than the structure, its address when unreadable; then its attributes.
 */
record Layout(String familyField, int size, Fields.Printer fields, String attrs, String attrDflt,
        Nlattr.Decoder[] decoders) {

    /** A structure of the family byte (and padding) alone: no "..." when short. */
    static Layout familyOnly(String familyField, int size, String attrs, String attrDflt) {
        return new Layout(familyField, size, null, attrs, attrDflt, null);
    }

    void print(NetlinkDecoder d, int family, long addr, long len) {
        LineBuffer out = d.out;
        out.append('{').append(familyField).append('=');
        Xlat.table("addrfams").value(out, family, "AF_???");
        boolean attributes = fields == null;
        if (fields != null) {
            out.append(", ");
            if (len >= size) {
                if (d.mem.orAddress(out, addr + 1, size - 1)) {
                    fields.print(d, addr, family);
                    attributes = true;
                }
            } else {
                out.append("...");
            }
        }
        out.append('}');
        long offset = (size + 3) & ~3L;
        if (attributes && attrs != null && len > offset) {
            out.append(", ");
            d.structFamily = family;
            Nlattr.decode(d, addr + offset, len - offset, Xlat.table(attrs), attrDflt, decoders);
        }
    }

    /** strace's decode_family: {@code {family=AF_INET, data="\x.."}}, for a payload without a decoder. */
    static void familyData(NetlinkDecoder d, int family, long addr, long len) {
        LineBuffer out = d.out;
        out.append("{family=");
        Xlat.table("addrfams").value(out, family, "AF_???");
        if (len > 1) {
            out.append(", data=");
            d.hex(addr + 1, len - 1);
        }
        out.append('}');
    }
}
