/* Netlink attribute families for NetlinkAttrsTest: route messages (link info per kind, AF_SPEC,
 * protinfo, VF info, RTM_GETSTATS, RTA_MULTIPATH, neighbour flags, an mdb entry) and sock_diag
 * answers (inet_diag_msg with congestion info, socket options and ULP info, smc link group info,
 * packet_diag info, multicast list and socket filter), sent on bound sockets without NLM_F_REQUEST: the kernel
 * ignores them, strace and jtrace decode them. */
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_bridge.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/packet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/smc_diag.h>
#include <linux/sock_diag.h>
#include <linux/tls.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AF_SMC
#define AF_SMC 43
#endif

static char buf[4096];
static size_t used;
static size_t nests[8];
static int depth;

static void start(uint16_t type, const void *hdr, size_t len) {
    memset(buf, 0, sizeof(buf));
    struct nlmsghdr *nlh = (struct nlmsghdr *) buf;
    nlh->nlmsg_type = type;
    nlh->nlmsg_flags = NLM_F_DUMP;   /* no NLM_F_REQUEST: the kernel ignores the message */
    memcpy(buf + NLMSG_HDRLEN, hdr, len);
    used = NLMSG_HDRLEN + NLMSG_ALIGN(len);
}

static void attr(uint16_t type, const void *data, size_t len) {
    struct nlattr *nla = (struct nlattr *) (buf + used);
    nla->nla_type = type;
    nla->nla_len = NLA_HDRLEN + len;
    memcpy(buf + used + NLA_HDRLEN, data, len);
    used += NLA_ALIGN(nla->nla_len);
}

static void u8(uint16_t type, uint8_t v) { attr(type, &v, 1); }
static void u16(uint16_t type, uint16_t v) { attr(type, &v, 2); }
static void u32(uint16_t type, uint32_t v) { attr(type, &v, 4); }
static void u64(uint16_t type, uint64_t v) { attr(type, &v, 8); }
static void str(uint16_t type, const char *s) { attr(type, s, strlen(s) + 1); }

static void nest(uint16_t type) {
    nests[depth++] = used;
    attr(type, NULL, 0);
}

static void end(void) {
    size_t at = nests[--depth];
    ((struct nlattr *) (buf + at))->nla_len = used - at;
}

static void send_to(int fd) {
    ((struct nlmsghdr *) buf)->nlmsg_len = used;
    sendto(fd, buf, used, MSG_DONTWAIT, NULL, 0);
}

static int bound(int protocol) {
    int fd = socket(AF_NETLINK, SOCK_RAW, protocol);
    struct sockaddr_nl nl = {.nl_family = AF_NETLINK};
    if (fd < 0 || bind(fd, (struct sockaddr *) &nl, sizeof(nl))) {
        perror("netlink socket");
        return -1;
    }
    return fd;
}

static void links(int fd) {
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_type = 772, .ifi_index = 1, .ifi_flags = 1};
    start(RTM_GETLINK, &ifi, sizeof(ifi));
    nest(IFLA_LINKINFO);
    str(IFLA_INFO_KIND, "bridge");
    nest(IFLA_INFO_DATA);
    u64(IFLA_BR_FORWARD_DELAY, 1500);
    u16(IFLA_BR_VLAN_PROTOCOL, htons(ETH_P_8021Q));
    struct ifla_bridge_id id = {.prio = {0x80, 0}, .addr = {0x02, 0, 0, 0xab, 0xcd, 0xef}};
    attr(IFLA_BR_ROOT_ID, &id, sizeof(id));
    u16(IFLA_BR_GROUP_FWD_MASK, 0x4000);
    end();
    end();
    send_to(fd);

    start(RTM_GETLINK, &ifi, sizeof(ifi));
    nest(IFLA_LINKINFO);
    str(IFLA_INFO_KIND, "tun");
    nest(IFLA_INFO_DATA);
    u32(IFLA_TUN_OWNER, 4242);
    u8(IFLA_TUN_TYPE, 2);
    u8(IFLA_TUN_PI, 1);
    end();
    str(IFLA_INFO_SLAVE_KIND, "bridge");
    nest(IFLA_INFO_SLAVE_DATA);
    u8(IFLA_BRPORT_STATE, 3);
    u32(IFLA_BRPORT_COST, 100);
    end();
    end();
    nest(IFLA_AF_SPEC);
    nest(AF_INET);
    int32_t conf[3] = {1, 0, -1};
    attr(IFLA_INET_CONF, conf, sizeof(conf));
    end();
    nest(AF_INET6);
    u32(IFLA_INET6_FLAGS, 0x80000000);
    struct ifla_cacheinfo ci = {1280, 100, 30000, 1000};
    attr(IFLA_INET6_CACHEINFO, &ci, sizeof(ci));
    struct in6_addr token = {{{0xfe, 0x80, [15] = 1}}};
    attr(IFLA_INET6_TOKEN, &token, sizeof(token));
    u8(IFLA_INET6_ADDR_GEN_MODE, 1);
    end();
    end();
    send_to(fd);

    struct ifinfomsg bridge = {.ifi_family = AF_BRIDGE, .ifi_index = 1};
    start(RTM_GETLINK, &bridge, sizeof(bridge));
    nest(IFLA_PROTINFO);
    u8(IFLA_BRPORT_STATE, 3);
    u16(IFLA_BRPORT_PRIORITY, 32);
    end();
    nest(IFLA_AF_SPEC);
    u16(IFLA_BRIDGE_FLAGS, BRIDGE_FLAGS_SELF);
    struct bridge_vlan_info vlan = {.flags = BRIDGE_VLAN_INFO_PVID, .vid = 10};
    attr(IFLA_BRIDGE_VLAN_INFO, &vlan, sizeof(vlan));
    end();
    send_to(fd);

    start(RTM_GETLINK, &ifi, sizeof(ifi));
    nest(IFLA_VFINFO_LIST);
    nest(IFLA_VF_INFO);
    struct ifla_vf_mac mac = {.vf = 1, .mac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55}};
    attr(IFLA_VF_MAC, &mac, sizeof(mac));
    struct ifla_vf_link_state state = {.vf = 1, .link_state = IFLA_VF_LINK_STATE_ENABLE};
    attr(IFLA_VF_LINK_STATE, &state, sizeof(state));
    nest(IFLA_VF_VLAN_LIST);
    struct ifla_vf_vlan_info vinfo = {.vf = 1, .vlan = 10, .qos = 0, .vlan_proto = htons(ETH_P_8021Q)};
    attr(IFLA_VF_VLAN_INFO, &vinfo, sizeof(vinfo));
    end();
    nest(IFLA_VF_STATS);
    u64(IFLA_VF_STATS_RX_PACKETS, 7);
    end();
    end();
    end();
    struct rtnl_link_stats64 st64 = {.rx_packets = 1, .tx_packets = 2, .rx_bytes = 3};
    attr(IFLA_STATS64, &st64, sizeof(st64));
    send_to(fd);

    struct if_stats_msg ifs = {.family = AF_UNSPEC, .ifindex = 1, .filter_mask = 1 << (IFLA_STATS_LINK_XSTATS - 1)};
    start(RTM_GETSTATS, &ifs, sizeof(ifs));
    nest(IFLA_STATS_LINK_XSTATS);
    nest(LINK_XSTATS_TYPE_BRIDGE);
    struct bridge_stp_xstats stp = {1, 2, 3, 4, 5, 6};
    attr(BRIDGE_XSTATS_STP, &stp, sizeof(stp));
    end();
    end();
    send_to(fd);
}

static void routes(int fd) {
    struct rtmsg rt = {.rtm_family = AF_INET, .rtm_table = RT_TABLE_MAIN, .rtm_type = RTN_UNICAST};
    start(RTM_GETROUTE, &rt, sizeof(rt));
    size_t mp = used;
    attr(RTA_MULTIPATH, NULL, 0);
    struct rtnexthop nh = {.rtnh_len = sizeof(nh) + 8, .rtnh_flags = RTNH_F_ONLINK, .rtnh_hops = 1, .rtnh_ifindex = 1};
    memcpy(buf + used, &nh, sizeof(nh));
    used += sizeof(nh);
    u32(RTA_GATEWAY, htonl(0x7f000001));
    nh.rtnh_len = sizeof(nh);
    nh.rtnh_flags = 0;
    memcpy(buf + used, &nh, sizeof(nh));
    used += sizeof(nh);
    ((struct nlattr *) (buf + mp))->nla_len = used - mp;
    send_to(fd);

    struct ndmsg nd = {.ndm_family = AF_INET, .ndm_ifindex = 1, .ndm_state = NUD_REACHABLE};
    start(RTM_GETNEIGH, &nd, sizeof(nd));
    u16(NDA_NDM_STATE_MASK, 0);
    u8(NDA_NDM_FLAGS_MASK, NTF_PROXY);
    nest(NDA_FDB_EXT_ATTRS);
    u8(NFEA_ACTIVITY_NOTIFY, FDB_NOTIFY_BIT);
    end();
    send_to(fd);

    struct br_port_msg bpm = {.family = AF_BRIDGE, .ifindex = 1};
    start(RTM_GETMDB, &bpm, sizeof(bpm));
    nest(MDBA_MDB);
    nest(MDBA_MDB_ENTRY);
    struct br_mdb_entry entry = {.ifindex = 1, .state = MDB_PERMANENT, .vid = 5};
    entry.addr.proto = htons(ETH_P_IP);
    entry.addr.u.ip4 = htonl(0xe0000001);
    attr(MDBA_MDB_ENTRY_INFO, &entry, sizeof(entry));
    end();
    end();
    send_to(fd);
}

static void diag(int fd) {
    struct inet_diag_msg msg = {.idiag_family = AF_INET, .idiag_state = 10 /* TCP_LISTEN */};
    msg.id.idiag_sport = htons(8080);
    msg.id.idiag_src[0] = htonl(0x7f000001);
    start(SOCK_DIAG_BY_FAMILY, &msg, sizeof(msg));
    struct tcpvegas_info vegas = {1, 2, 3, 4};
    attr(INET_DIAG_VEGASINFO, &vegas, sizeof(vegas));
    uint16_t sockopt = 0x0105;   /* recverr, freebind, bind_address_no_port */
    attr(INET_DIAG_SOCKOPT, &sockopt, sizeof(sockopt));
    nest(INET_DIAG_ULP_INFO);
    str(INET_ULP_INFO_NAME, "tls");
    nest(INET_ULP_INFO_TLS);
    u16(TLS_INFO_VERSION, 0x0303);
    end();
    end();
    send_to(fd);

    struct smc_diag_msg smc = {.diag_family = AF_SMC, .diag_state = 1};
    start(SOCK_DIAG_BY_FAMILY, &smc, sizeof(smc));
    struct smc_diag_lgrinfo lgr = {.role = 1};
    lgr.lnk[0].link_id = 2;
    strcpy((char *) lgr.lnk[0].ibname, "mlx5_0");
    strcpy((char *) lgr.lnk[0].gid, "fe80::1");
    attr(SMC_DIAG_LGRINFO, &lgr, sizeof(lgr));
    send_to(fd);

    struct packet_diag_msg pkt = {.pdiag_family = AF_PACKET, .pdiag_type = SOCK_RAW, .pdiag_num = htons(ETH_P_ALL)};
    start(SOCK_DIAG_BY_FAMILY, &pkt, sizeof(pkt));
    struct packet_diag_info info = {.pdi_index = 1, .pdi_version = 2, .pdi_flags = PDI_RUNNING};
    attr(PACKET_DIAG_INFO, &info, sizeof(info));
    struct packet_diag_mclist mc = {.pdmc_index = 1, .pdmc_count = 1, .pdmc_alen = 6, .pdmc_addr = {1, 0, 0x5e}};
    attr(PACKET_DIAG_MCLIST, &mc, sizeof(mc));
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_HOST, 0, 1),
        BPF_STMT(BPF_LD | BPF_H | BPF_ABS, SKF_NET_OFF + 2),
        BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
        BPF_STMT(BPF_MISC | BPF_TAX, 0),
        BPF_STMT(BPF_RET | BPF_K, 0xffff),
    };
    attr(PACKET_DIAG_FILTER, filter, sizeof(filter));
    send_to(fd);
}

int main(void) {
    if (write(-1, "netlink", 7) != -1) {
        return 1;
    }
    int route = bound(NETLINK_ROUTE);
    int sock_diag = bound(NETLINK_SOCK_DIAG);
    if (route < 0 || sock_diag < 0) {
        return 1;
    }
    links(route);
    routes(route);
    diag(sock_diag);
    close(route);
    close(sock_diag);
    return 0;
}
