package io.jtrace.analyzer.render.netlink;

/**
 * Route attributes that hold structures followed by more attributes: RTA_MULTIPATH's next hops
 * (strace's rtnl_route.c) and a multicast database entry (rtnl_mdb.c), and the neighbour
 * attributes strace added after NDA_NH_ID (rtnl_neigh.c).
 */
final class RouteNested {
    private RouteNested() {
    }

    private static final int RTNEXTHOP_SIZE = 8;

    /**
     * RTA_MULTIPATH: struct rtnexthop after struct rtnexthop, each followed by the route attributes
     * its rtnh_len covers ({@code [[{rtnh_len=16, ...}, [{nla_len=8, nla_type=RTA_GATEWAY}, ...]], ...]}).
     */
    static boolean multipath(NetlinkDecoder d, long addr, long len, Nlattr.Decoder[] routeAttrs) {
        if (len < RTNEXTHOP_SIZE) {
            return false;
        }
        boolean array = false;
        long cur = addr;
        long left = len;
        while (d.mem.orAddress(d.out, cur, RTNEXTHOP_SIZE)) {
            int nhLen = d.mem.u16(cur);
            long rtnhLen = Math.min(left, nhLen);
            if (cur == addr && nhLen < len) {
                d.out.append('[');
                array = true;
            }
            if (cur > addr) {
                d.out.append(", ");
            }
            if (rtnhLen > RTNEXTHOP_SIZE) {
                d.out.append('[');
            }
            d.out.append("{rtnh_len=").append(nhLen);
            Fields.flags(Fields.next(d), "rtnh_flags", "route_nexthop_flags", d.mem.u8(cur + 2), "RTNH_F_???");
            Fields.u(Fields.next(d), "rtnh_hops", d.mem.u8(cur + 3));
            Fields.ifindexField(Fields.next(d), "rtnh_ifindex", d.mem.u32(cur + 4));
            d.out.append('}');
            if (rtnhLen > RTNEXTHOP_SIZE) {
                d.out.append(", ");
                Nlattr.decode(d, cur + RTNEXTHOP_SIZE, rtnhLen - RTNEXTHOP_SIZE, Xlat.table("rtnl_route_attrs"),
                        "RTA_???", routeAttrs);
                d.out.append(']');
            }
            long aligned = (rtnhLen + 3) & ~3L;
            if (aligned >= left) {
                break;
            }
            cur += aligned;
            left -= aligned;
        }
        if (array) {
            d.out.append(']');
        }
        return true;
    }

    private static final int MDB_ENTRY_SIZE = 28;

    /** MDBA_MDB_ENTRY_INFO: struct br_mdb_entry (its address's family is the proto field), then its attributes. */
    private static boolean mdbEntryInfo(NetlinkDecoder d, long addr, long len) {
        if (len < MDB_ENTRY_SIZE) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, MDB_ENTRY_SIZE)) {
            d.out.append('{');
            Fields.ifindexField(d, "ifindex", d.mem.u32(addr));
            Fields.xval(Fields.next(d), "state", "mdb_states", d.mem.u8(addr + 4), "MDB_???");
            Fields.flags(Fields.next(d), "flags", "mdb_flags", d.mem.u8(addr + 5), "MDB_FLAGS_???");
            Fields.u(Fields.next(d), "vid", d.mem.u16(addr + 6));
            int proto = d.mem.be16(addr + 24);
            d.out.append(", addr={");
            Fields.inetAddr(d, "u", addr + 8, proto, 16);
            d.out.append(", proto=htons(");
            Xlat.table("addrfams").value(d.out, proto, "AF_???");
            d.out.append(")}}");
        }
        if (len > MDB_ENTRY_SIZE) {
            d.out.append(", ");
            Nlattr.decode(d, addr + MDB_ENTRY_SIZE, len - MDB_ENTRY_SIZE, Xlat.table("rtnl_mdba_mdb_eattr_attrs"),
                    "MDBA_MDB_EATTR_???", new Nlattr.Decoder[] {null, Nlattr.CLOCK_T});
        }
        return true;
    }

    /** MDBA_MDB: its entries. */
    static final Nlattr.Decoder MDB = Nlattr.nested("rtnl_mdba_mdb_attrs", "MDBA_MDB_???", null,
            Nlattr.nested("rtnl_mdba_mdb_entry_attrs", "MDBA_MDB_ENTRY_???", null, RouteNested::mdbEntryInfo));

    /** NDA_FDB_EXT_ATTRS, NDA_FLAGS_EXT, NDA_NDM_STATE_MASK, NDA_NDM_FLAGS_MASK (14 to 17). */
    static final Nlattr.Decoder[] NEIGH_EXT = {
        Nlattr.nested("rtnl_neigh_fdb_ext_attrs", "NFEA_???", null, Nlattr.flags("fdb_notify_flags", "FDB_NOTIFY_???", 1)),
        Nlattr.flags("neighbor_cache_entry_ext_flags", "NTF_EXT_???", 4),
        Nlattr.flags("neighbor_cache_entry_states", "NUD_???", 2),
        Nlattr.flags("neighbor_cache_entry_flags", "NTF_???", 1)};
}
