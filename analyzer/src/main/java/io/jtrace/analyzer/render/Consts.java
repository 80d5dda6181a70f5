package io.jtrace.analyzer.render;

/**
 * Linux constants in strace's names and strace's printing order, the same on every architecture
 * jtrace decodes (x86_64) or may (arm, arm64, riscv); those that differ are in {@link ArchTables}.
 */
final class Consts {
    private Consts() {
    }

    /** strace 6.1's msg_flags. */
    static final Flags MSG = Flags.of("MSG_???", "MSG_OOB", 0x1, "MSG_PEEK", 0x2, "MSG_DONTROUTE", 0x4,
            "MSG_CTRUNC", 0x8, "MSG_PROBE", 0x10, "MSG_TRUNC", 0x20, "MSG_DONTWAIT", 0x40, "MSG_EOR", 0x80,
            "MSG_WAITALL", 0x100, "MSG_FIN", 0x200, "MSG_SYN", 0x400, "MSG_CONFIRM", 0x800, "MSG_RST", 0x1000,
            "MSG_ERRQUEUE", 0x2000, "MSG_NOSIGNAL", 0x4000, "MSG_MORE", 0x8000, "MSG_WAITFORONE", 0x10000,
            "MSG_SENDPAGE_NOTLAST", 0x20000, "MSG_BATCH", 0x40000, "MSG_NO_SHARED_FRAGS", 0x80000,
            "MSG_ZEROCOPY", 0x4000000, "MSG_FASTOPEN", 0x20000000, "MSG_CMSG_CLOEXEC", 0x40000000,
            "MSG_CMSG_COMPAT", 0x80000000L);

    static final Flags SOCK_TYPE = Flags.of("SOCK_???", "SOCK_STREAM", 1, "SOCK_DGRAM", 2, "SOCK_RAW", 3,
            "SOCK_RDM", 4, "SOCK_SEQPACKET", 5, "SOCK_DCCP", 6, "SOCK_PACKET", 10);

    static final Flags IPPROTO = Flags.of("IPPROTO_???", "IPPROTO_IP", 0, "IPPROTO_ICMP", 1, "IPPROTO_IGMP", 2,
            "IPPROTO_IPIP", 4, "IPPROTO_TCP", 6, "IPPROTO_EGP", 8, "IPPROTO_PUP", 12, "IPPROTO_UDP", 17,
            "IPPROTO_IDP", 22, "IPPROTO_TP", 29, "IPPROTO_DCCP", 33, "IPPROTO_IPV6", 41, "IPPROTO_RSVP", 46,
            "IPPROTO_GRE", 47, "IPPROTO_ESP", 50, "IPPROTO_AH", 51, "IPPROTO_ICMPV6", 58, "IPPROTO_MTP", 92,
            "IPPROTO_BEETPH", 94, "IPPROTO_ENCAP", 98, "IPPROTO_PIM", 103, "IPPROTO_COMP", 108, "IPPROTO_L2TP", 115,
            "IPPROTO_SCTP", 132, "IPPROTO_UDPLITE", 136, "IPPROTO_MPLS", 137, "IPPROTO_ETHERNET", 143,
            "IPPROTO_RAW", 255, "IPPROTO_MPTCP", 262);

    static final Flags NETLINK = Flags.of("NETLINK_???", "NETLINK_ROUTE", 0, "NETLINK_UNUSED", 1,
            "NETLINK_USERSOCK", 2, "NETLINK_FIREWALL", 3, "NETLINK_SOCK_DIAG", 4, "NETLINK_NFLOG", 5,
            "NETLINK_XFRM", 6, "NETLINK_SELINUX", 7, "NETLINK_ISCSI", 8, "NETLINK_AUDIT", 9,
            "NETLINK_FIB_LOOKUP", 10, "NETLINK_CONNECTOR", 11, "NETLINK_NETFILTER", 12, "NETLINK_IP6_FW", 13,
            "NETLINK_DNRTMSG", 14, "NETLINK_KOBJECT_UEVENT", 15, "NETLINK_GENERIC", 16, "NETLINK_SCSITRANSPORT", 18,
            "NETLINK_ECRYPTFS", 19, "NETLINK_RDMA", 20, "NETLINK_CRYPTO", 21, "NETLINK_SMC", 22);

    /** strace 6.1's socketlayers (AF_VSOCK is a level for VMware's sake); unknown levels: see Sockopts. */
    static final Flags SOL = Flags.of("SOL_???", "SOL_IP", 0, "SOL_SOCKET", 1, "SOL_TCP", 6, "SOL_UDP", 17,
            "AF_VSOCK", 40, "SOL_IPV6", 41, "SOL_ICMPV6", 58, "SOL_CAN_BASE", 100, "SOL_CAN_RAW", 101, "SOL_SCTP", 132,
            "SOL_UDPLITE", 136, "SOL_RAW", 255, "SOL_IPX", 256, "SOL_AX25", 257, "SOL_ATALK", 258, "SOL_NETROM", 259,
            "SOL_ROSE", 260, "SOL_DECNET", 261, "SOL_X25", 262, "SOL_PACKET", 263, "SOL_ATM", 264, "SOL_AAL", 265,
            "SOL_IRDA", 266, "SOL_NETBEUI", 267, "SOL_LLC", 268, "SOL_DCCP", 269, "SOL_NETLINK", 270, "SOL_TIPC", 271,
            "SOL_RXRPC", 272, "SOL_PPPOL2TP", 273, "SOL_BLUETOOTH", 274, "SOL_PNPIPE", 275, "SOL_RDS", 276,
            "SOL_IUCV", 277, "SOL_CAIF", 278, "SOL_ALG", 279, "SOL_NFC", 280, "SOL_KCM", 281, "SOL_TLS", 282,
            "SOL_XDP", 283);

    /** strace's sock_options; 26 is per call: {@link #SO_GET} and {@link #SO_SET}. */
    static final Flags SO = Flags.of("SO_???", "SO_DEBUG", 1, "SO_REUSEADDR", 2, "SO_TYPE", 3, "SO_ERROR", 4,
            "SO_DONTROUTE", 5, "SO_BROADCAST", 6, "SO_SNDBUF", 7, "SO_RCVBUF", 8, "SO_KEEPALIVE", 9,
            "SO_OOBINLINE", 10, "SO_NO_CHECK", 11, "SO_PRIORITY", 12, "SO_LINGER", 13, "SO_BSDCOMPAT", 14,
            "SO_REUSEPORT", 15, "SO_PASSCRED", 16, "SO_PEERCRED", 17, "SO_RCVLOWAT", 18, "SO_SNDLOWAT", 19,
            "SO_RCVTIMEO_OLD", 20, "SO_SNDTIMEO_OLD", 21, "SO_SECURITY_AUTHENTICATION", 22,
            "SO_SECURITY_ENCRYPTION_TRANSPORT", 23, "SO_SECURITY_ENCRYPTION_NETWORK", 24, "SO_BINDTODEVICE", 25,
            "SO_DETACH_FILTER", 27, "SO_PEERNAME", 28, "SO_TIMESTAMP_OLD", 29,
            "SO_ACCEPTCONN", 30, "SO_PEERSEC", 31, "SO_SNDBUFFORCE", 32, "SO_RCVBUFFORCE", 33, "SO_PASSSEC", 34,
            "SO_TIMESTAMPNS_OLD", 35, "SO_MARK", 36, "SO_TIMESTAMPING_OLD", 37, "SO_PROTOCOL", 38, "SO_DOMAIN", 39,
            "SO_RXQ_OVFL", 40, "SO_WIFI_STATUS", 41, "SO_PEEK_OFF", 42, "SO_NOFCS", 43, "SO_LOCK_FILTER", 44,
            "SO_SELECT_ERR_QUEUE", 45, "SO_BUSY_POLL", 46, "SO_MAX_PACING_RATE", 47, "SO_BPF_EXTENSIONS", 48,
            "SO_INCOMING_CPU", 49, "SO_ATTACH_BPF", 50, "SO_ATTACH_REUSEPORT_CBPF", 51,
            "SO_ATTACH_REUSEPORT_EBPF", 52, "SO_CNX_ADVICE", 53, "SO_MEMINFO", 55, "SO_INCOMING_NAPI_ID", 56,
            "SO_COOKIE", 57, "SO_PEERGROUPS", 59, "SO_ZEROCOPY", 60, "SO_TXTIME", 61, "SO_BINDTOIFINDEX", 62,
            "SO_TIMESTAMP_NEW", 63, "SO_TIMESTAMPNS_NEW", 64, "SO_TIMESTAMPING_NEW", 65, "SO_RCVTIMEO_NEW", 66,
            "SO_SNDTIMEO_NEW", 67, "SO_DETACH_REUSEPORT_BPF", 68, "SO_PREFER_BUSY_POLL", 69,
            "SO_BUSY_POLL_BUDGET", 70, "SO_NETNS_COOKIE", 71, "SO_BUF_LOCK", 72, "SO_RESERVE_MEM", 73,
            "SO_TXREHASH", 74, "SO_RCVMARK", 75);

    static final Flags SO_GET = Flags.of("SO_???", "SO_GET_FILTER", 26);
    static final Flags SO_SET = Flags.of("SO_???", "SO_ATTACH_FILTER", 26);

    static final Flags TCP = Flags.of("TCP_???", "TCP_NODELAY", 1, "TCP_MAXSEG", 2, "TCP_CORK", 3,
            "TCP_KEEPIDLE", 4, "TCP_KEEPINTVL", 5, "TCP_KEEPCNT", 6, "TCP_SYNCNT", 7, "TCP_LINGER2", 8,
            "TCP_DEFER_ACCEPT", 9, "TCP_WINDOW_CLAMP", 10, "TCP_INFO", 11, "TCP_QUICKACK", 12,
            "TCP_CONGESTION", 13, "TCP_MD5SIG", 14, "TCP_COOKIE_TRANSACTIONS", 15, "TCP_THIN_LINEAR_TIMEOUTS", 16,
            "TCP_THIN_DUPACK", 17,
            "TCP_USER_TIMEOUT", 18, "TCP_REPAIR", 19, "TCP_REPAIR_QUEUE", 20, "TCP_QUEUE_SEQ", 21,
            "TCP_REPAIR_OPTIONS", 22, "TCP_FASTOPEN", 23, "TCP_TIMESTAMP", 24, "TCP_NOTSENT_LOWAT", 25,
            "TCP_CC_INFO", 26, "TCP_SAVE_SYN", 27, "TCP_SAVED_SYN", 28, "TCP_REPAIR_WINDOW", 29,
            "TCP_FASTOPEN_CONNECT", 30, "TCP_ULP", 31, "TCP_MD5SIG_EXT", 32, "TCP_FASTOPEN_KEY", 33,
            "TCP_FASTOPEN_NO_COOKIE", 34, "TCP_ZEROCOPY_RECEIVE", 35, "TCP_INQ", 36, "TCP_TX_DELAY", 37);

    static final Flags IP = Flags.of("IP_???", "IP_TOS", 1, "IP_TTL", 2, "IP_HDRINCL", 3, "IP_OPTIONS", 4,
            "IP_ROUTER_ALERT", 5, "IP_RECVOPTS", 6, "IP_RETOPTS", 7, "IP_PKTINFO", 8, "IP_PKTOPTIONS", 9,
            "IP_MTU_DISCOVER", 10, "IP_RECVERR", 11, "IP_RECVTTL", 12, "IP_RECVTOS", 13, "IP_MTU", 14,
            "IP_FREEBIND", 15, "IP_IPSEC_POLICY", 16, "IP_XFRM_POLICY", 17, "IP_PASSSEC", 18, "IP_TRANSPARENT", 19,
            "IP_ORIGDSTADDR", 20, "IP_MINTTL", 21, "IP_NODEFRAG", 22, "IP_CHECKSUM", 23,
            "IP_BIND_ADDRESS_NO_PORT", 24, "IP_RECVFRAGSIZE", 25, "IP_RECVERR_RFC4884", 26, "IP_MULTICAST_IF", 32,
            "IP_MULTICAST_TTL", 33, "IP_MULTICAST_LOOP", 34, "IP_ADD_MEMBERSHIP", 35, "IP_DROP_MEMBERSHIP", 36,
            "IP_UNBLOCK_SOURCE", 37, "IP_BLOCK_SOURCE", 38, "IP_ADD_SOURCE_MEMBERSHIP", 39,
            "IP_DROP_SOURCE_MEMBERSHIP", 40, "IP_MSFILTER", 41, "MCAST_JOIN_GROUP", 42, "MCAST_BLOCK_SOURCE", 43,
            "MCAST_UNBLOCK_SOURCE", 44, "MCAST_LEAVE_GROUP", 45, "MCAST_JOIN_SOURCE_GROUP", 46,
            "MCAST_LEAVE_SOURCE_GROUP", 47, "MCAST_MSFILTER", 48, "IP_MULTICAST_ALL", 49, "IP_UNICAST_IF", 50);
    /** strace's getsock_ip_options and setsock_ip_options: netfilter's, after the common ones. */
    static final Flags IP_GET = Flags.of("IP_???", "IPT_SO_GET_INFO", 64, "IPT_SO_GET_ENTRIES", 65,
            "IPT_SO_GET_REVISION_MATCH", 66, "IPT_SO_GET_REVISION_TARGET", 67, "ARPT_SO_GET_INFO", 96,
            "ARPT_SO_GET_ENTRIES", 97, "ARPT_SO_GET_REVISION_TARGET", 99, "EBT_SO_GET_INFO", 128,
            "EBT_SO_GET_ENTRIES", 129, "EBT_SO_GET_INIT_INFO", 130, "EBT_SO_GET_INIT_ENTRIES", 131,
            "IP_VS_SO_GET_VERSION", 1152, "IP_VS_SO_GET_INFO", 1153, "IP_VS_SO_GET_SERVICES", 1154,
            "IP_VS_SO_GET_SERVICE", 1155, "IP_VS_SO_GET_DESTS", 1156, "IP_VS_SO_GET_DEST", 1157,
            "IP_VS_SO_GET_TIMEOUT", 1158, "IP_VS_SO_GET_DAEMON", 1159);
    static final Flags IP_SET = Flags.of("IP_???", "IPT_SO_SET_REPLACE", 64, "IPT_SO_SET_ADD_COUNTERS", 65,
            "ARPT_SO_SET_REPLACE", 96, "ARPT_SO_SET_ADD_COUNTERS", 97, "EBT_SO_SET_ENTRIES", 128,
            "EBT_SO_SET_COUNTERS", 129, "IP_VS_SO_SET_NONE", 1152, "IP_VS_SO_SET_INSERT", 1153,
            "IP_VS_SO_SET_ADD", 1154, "IP_VS_SO_SET_EDIT", 1155, "IP_VS_SO_SET_DEL", 1156, "IP_VS_SO_SET_FLUSH", 1157,
            "IP_VS_SO_SET_LIST", 1158, "IP_VS_SO_SET_ADDDEST", 1159, "IP_VS_SO_SET_DELDEST", 1160,
            "IP_VS_SO_SET_EDITDEST", 1161, "IP_VS_SO_SET_TIMEOUT", 1162, "IP_VS_SO_SET_STARTDAEMON", 1163,
            "IP_VS_SO_SET_STOPDAEMON", 1164, "IP_VS_SO_SET_RESTORE", 1165, "IP_VS_SO_SET_SAVE", 1166,
            "IP_VS_SO_SET_ZERO", 1167);

    static final Flags IPV6 = Flags.of("IPV6_???", "IPV6_ADDRFORM", 1, "IPV6_2292PKTINFO", 2,
            "IPV6_2292HOPOPTS", 3, "IPV6_2292DSTOPTS", 4, "IPV6_2292RTHDR", 5, "IPV6_2292PKTOPTIONS", 6,
            "IPV6_CHECKSUM", 7, "IPV6_2292HOPLIMIT", 8, "IPV6_NEXTHOP", 9, "IPV6_AUTHHDR", 10, "IPV6_FLOWINFO", 11,
            "IPV6_UNICAST_HOPS", 16, "IPV6_MULTICAST_IF", 17, "IPV6_MULTICAST_HOPS", 18, "IPV6_MULTICAST_LOOP", 19,
            "IPV6_ADD_MEMBERSHIP", 20, "IPV6_DROP_MEMBERSHIP", 21, "IPV6_ROUTER_ALERT", 22, "IPV6_MTU_DISCOVER", 23,
            "IPV6_MTU", 24, "IPV6_RECVERR", 25, "IPV6_V6ONLY", 26, "IPV6_JOIN_ANYCAST", 27, "IPV6_LEAVE_ANYCAST", 28,
            "IPV6_MULTICAST_ALL", 29, "IPV6_ROUTER_ALERT_ISOLATE", 30, "IPV6_RECVERR_RFC4884", 31,
            "IPV6_FLOWLABEL_MGR", 32, "IPV6_FLOWINFO_SEND", 33, "IPV6_IPSEC_POLICY", 34, "IPV6_XFRM_POLICY", 35,
            "IPV6_HDRINCL", 36, "MCAST_JOIN_GROUP", 42, "MCAST_BLOCK_SOURCE", 43, "MCAST_UNBLOCK_SOURCE", 44,
            "MCAST_LEAVE_GROUP", 45, "MCAST_JOIN_SOURCE_GROUP", 46, "MCAST_LEAVE_SOURCE_GROUP", 47,
            "MCAST_MSFILTER", 48, "IPV6_RECVPKTINFO", 49, "IPV6_PKTINFO", 50, "IPV6_RECVHOPLIMIT", 51,
            "IPV6_HOPLIMIT", 52, "IPV6_RECVHOPOPTS", 53, "IPV6_HOPOPTS", 54, "IPV6_RTHDRDSTOPTS", 55,
            "IPV6_RECVRTHDR", 56, "IPV6_RTHDR", 57, "IPV6_RECVDSTOPTS", 58, "IPV6_DSTOPTS", 59,
            "IPV6_RECVPATHMTU", 60, "IPV6_PATHMTU", 61, "IPV6_DONTFRAG", 62, "IPV6_USE_MIN_MTU", 63,
            "IPV6_RECVTCLASS", 66, "IPV6_TCLASS", 67, "IPV6_AUTOFLOWLABEL", 70, "IPV6_ADDR_PREFERENCES", 72,
            "IPV6_MINHOPCOUNT", 73, "IPV6_ORIGDSTADDR", 74, "IPV6_TRANSPARENT", 75, "IPV6_UNICAST_IF", 76,
            "IPV6_RECVFRAGSIZE", 77, "IPV6_FREEBIND", 78);

    static final Flags IPV6_GET = Flags.of("IPV6_???", "IP6T_SO_GET_INFO", 64, "IP6T_SO_GET_ENTRIES", 65,
            "IP6T_SO_GET_REVISION_MATCH", 68, "IP6T_SO_GET_REVISION_TARGET", 69);
    static final Flags IPV6_SET = Flags.of("IPV6_???", "IP6T_SO_SET_REPLACE", 64, "IP6T_SO_SET_ADD_COUNTERS", 65);

    static final Flags SHUT = Flags.of("SHUT_???", "SHUT_RD", 0, "SHUT_WR", 1, "SHUT_RDWR", 2);

    static final Flags O_ACCMODE = Flags.of(null, "O_RDONLY", 0, "O_WRONLY", 1, "O_RDWR", 2, "O_ACCMODE", 3);

    static final Flags AT = Flags.of("AT_???", "AT_SYMLINK_NOFOLLOW", 0x100, "AT_REMOVEDIR", 0x200,
            "AT_SYMLINK_FOLLOW", 0x400, "AT_NO_AUTOMOUNT", 0x800, "AT_EMPTY_PATH", 0x1000, "AT_RECURSIVE", 0x8000,
            "AT_EACCESS", 0x200);

    static final Flags FCNTL = Flags.of("F_???", "F_DUPFD", 0, "F_GETFD", 1, "F_SETFD", 2, "F_GETFL", 3,
            "F_SETFL", 4, "F_GETLK", 5, "F_SETLK", 6, "F_SETLKW", 7, "F_SETOWN", 8, "F_GETOWN", 9, "F_SETSIG", 10,
            "F_GETSIG", 11, "F_GETLK64", 12, "F_SETLK64", 13, "F_SETLKW64", 14, "F_SETOWN_EX", 15, "F_GETOWN_EX", 16,
            "F_GETOWNER_UIDS", 17, "F_OFD_GETLK", 36, "F_OFD_SETLK", 37, "F_OFD_SETLKW", 38, "F_SETLEASE", 1024,
            "F_GETLEASE", 1025, "F_NOTIFY", 1026, "F_CANCELLK", 1029, "F_DUPFD_CLOEXEC", 1030, "F_SETPIPE_SZ", 1031,
            "F_GETPIPE_SZ", 1032, "F_ADD_SEALS", 1033, "F_GET_SEALS", 1034);
    static final Flags FD_FLAGS = Flags.of("FD_???", "FD_CLOEXEC", 1);
    /** strace's lockfcmds: struct flock's l_type and F_SETLEASE's argument. */
    static final Flags LOCK_TYPE = Flags.of("F_???", "F_RDLCK", 0, "F_WRLCK", 1, "F_UNLCK", 2, "F_EXLCK", 4,
            "F_SHLCK", 8);
    static final Flags F_OWNER = Flags.of("F_OWNER_???", "F_OWNER_TID", 0, "F_OWNER_PID", 1, "F_OWNER_PGRP", 2);
    static final Flags DN = Flags.of("DN_???", "DN_ACCESS", 0x1, "DN_MODIFY", 0x2, "DN_CREATE", 0x4, "DN_DELETE", 0x8,
            "DN_RENAME", 0x10, "DN_ATTRIB", 0x20, "DN_MULTISHOT", 0x80000000L);
    static final Flags SEALS = Flags.of("F_SEAL_???", "F_SEAL_SEAL", 0x1, "F_SEAL_SHRINK", 0x2, "F_SEAL_GROW", 0x4,
            "F_SEAL_WRITE", 0x8, "F_SEAL_FUTURE_WRITE", 0x10);

    static final Flags SEEK = Flags.of("SEEK_???", "SEEK_SET", 0, "SEEK_CUR", 1, "SEEK_END", 2, "SEEK_DATA", 3,
            "SEEK_HOLE", 4);

    static final Flags POLL = Flags.of(null, "POLLIN", 0x1, "POLLPRI", 0x2, "POLLOUT", 0x4, "POLLERR", 0x8,
            "POLLHUP", 0x10, "POLLNVAL", 0x20, "POLLRDNORM", 0x40, "POLLRDBAND", 0x80, "POLLWRNORM", 0x100,
            "POLLWRBAND", 0x200, "POLLMSG", 0x400, "POLLREMOVE", 0x1000, "POLLRDHUP", 0x2000);

    static final Flags EPOLL_EVENTS = Flags.of(null, "EPOLLIN", 0x1, "EPOLLPRI", 0x2, "EPOLLOUT", 0x4,
            "EPOLLERR", 0x8, "EPOLLHUP", 0x10, "EPOLLNVAL", 0x20, "EPOLLRDNORM", 0x40, "EPOLLRDBAND", 0x80,
            "EPOLLWRNORM", 0x100, "EPOLLWRBAND", 0x200, "EPOLLMSG", 0x400, "EPOLLRDHUP", 0x2000,
            "EPOLLEXCLUSIVE", 0x10000000, "EPOLLWAKEUP", 0x20000000, "EPOLLONESHOT", 0x40000000, "EPOLLET", 0x80000000L);
    static final Flags EPOLL_CTL = Flags.of("EPOLL_CTL_???", "EPOLL_CTL_ADD", 1, "EPOLL_CTL_DEL", 2,
            "EPOLL_CTL_MOD", 3);

    static final Flags ACCESS_MODE = Flags.of("?_OK", "R_OK", 4, "W_OK", 2, "X_OK", 1);

    static final Flags ACCESS_F_OK = Flags.of(null, "F_OK", 0);

    static final Flags PROT = Flags.of(null, "PROT_READ", 0x1, "PROT_WRITE", 0x2, "PROT_EXEC", 0x4, "PROT_SEM", 0x8,
            "PROT_GROWSDOWN", 0x1000000, "PROT_GROWSUP", 0x2000000);
    static final Flags MAP_TYPE = Flags.of(null, "MAP_SHARED", 0x1, "MAP_PRIVATE", 0x2, "MAP_SHARED_VALIDATE", 0x3);

    /** strace's scmvals: cmsg types at level SOL_SOCKET. */
    static final Flags SCM = Flags.of("SCM_???", "SCM_RIGHTS", 1, "SCM_CREDENTIALS", 2, "SCM_SECURITY", 3,
            "SO_WIFI_STATUS", 41, "SO_TXTIME", 61, "SO_TIMESTAMP_OLD", 29, "SO_TIMESTAMPNS_OLD", 35,
            "SO_TIMESTAMPING_OLD", 37, "SO_TIMESTAMP_NEW", 63, "SO_TIMESTAMPNS_NEW", 64, "SO_TIMESTAMPING_NEW", 65,
            "SCM_TIMESTAMPING_OPT_STATS", 0x36, "SCM_TIMESTAMPING_PKTINFO", 0x3a);
    /** strace's ip_cmsg_types: cmsg types at level SOL_IP. */
    static final Flags IP_CMSG = Flags.of("IP_???", "IP_TOS", 1, "IP_TTL", 2, "IP_RECVOPTS", 6, "IP_RETOPTS", 7,
            "IP_PKTINFO", 8, "IP_RECVERR", 11, "IP_ORIGDSTADDR", 20, "IP_CHECKSUM", 23, "SCM_SECURITY", 3);

    static final Flags STATX_SYNC = Flags.of(null, "AT_STATX_SYNC_AS_STAT", 0, "AT_STATX_FORCE_SYNC", 0x2000,
            "AT_STATX_DONT_SYNC", 0x4000);
    static final Flags STATX_MASK = Flags.of("STATX_???", "STATX_ALL", 0xfff, "STATX_BASIC_STATS", 0x7ff, "STATX_TYPE", 0x1,
            "STATX_MODE", 0x2, "STATX_NLINK", 0x4, "STATX_UID", 0x8, "STATX_GID", 0x10, "STATX_ATIME", 0x20,
            "STATX_MTIME", 0x40, "STATX_CTIME", 0x80, "STATX_INO", 0x100, "STATX_SIZE", 0x200, "STATX_BLOCKS", 0x400,
            "STATX_BTIME", 0x800, "STATX_MNT_ID", 0x1000, "STATX_DIOALIGN", 0x2000);

    static final Flags FLOCK = Flags.of("LOCK_???", "LOCK_SH", 1, "LOCK_EX", 2, "LOCK_NB", 4, "LOCK_UN", 8,
            "LOCK_MAND", 32, "LOCK_RW", 192, "LOCK_READ", 64, "LOCK_WRITE", 128);
    static final Flags FALLOC = Flags.of("FALLOC_FL_???", "FALLOC_FL_KEEP_SIZE", 0x1, "FALLOC_FL_PUNCH_HOLE", 0x2,
            "FALLOC_FL_NO_HIDE_STALE", 0x4, "FALLOC_FL_COLLAPSE_RANGE", 0x8, "FALLOC_FL_ZERO_RANGE", 0x10,
            "FALLOC_FL_INSERT_RANGE", 0x20, "FALLOC_FL_UNSHARE_RANGE", 0x40);
    static final Flags FADVISE = Flags.of("POSIX_FADV_???", "POSIX_FADV_NORMAL", 0, "POSIX_FADV_RANDOM", 1,
            "POSIX_FADV_SEQUENTIAL", 2, "POSIX_FADV_WILLNEED", 3, "POSIX_FADV_DONTNEED", 4, "POSIX_FADV_NOREUSE", 5);
    /** strace 6.1's memfd_create_flags (MFD_NOEXEC_SEAL and MFD_EXEC came later); the MFD_HUGE bits are apart. */
    static final Flags MFD = Flags.of("MFD_???", "MFD_CLOEXEC", 1, "MFD_ALLOW_SEALING", 2, "MFD_HUGETLB", 4);
    static final Flags CLOSE_RANGE = Flags.of("CLOSE_RANGE_???", "CLOSE_RANGE_UNSHARE", 2, "CLOSE_RANGE_CLOEXEC", 4);
    /** preadv2's and pwritev2's flags. */
    static final Flags RWF = Flags.of("RWF_???", "RWF_HIPRI", 0x1, "RWF_DSYNC", 0x2, "RWF_SYNC", 0x4, "RWF_NOWAIT", 0x8,
            "RWF_APPEND", 0x10);
    static final Flags CLOCK = Flags.of("CLOCK_???", "CLOCK_REALTIME", 0, "CLOCK_MONOTONIC", 1,
            "CLOCK_PROCESS_CPUTIME_ID", 2, "CLOCK_THREAD_CPUTIME_ID", 3, "CLOCK_MONOTONIC_RAW", 4,
            "CLOCK_REALTIME_COARSE", 5, "CLOCK_MONOTONIC_COARSE", 6, "CLOCK_BOOTTIME", 7, "CLOCK_REALTIME_ALARM", 8,
            "CLOCK_BOOTTIME_ALARM", 9, "CLOCK_TAI", 11);

    static final Flags INOTIFY = Flags.of("IN_???", "IN_ACCESS", 0x1, "IN_MODIFY", 0x2, "IN_ATTRIB", 0x4,
            "IN_CLOSE_WRITE", 0x8, "IN_CLOSE_NOWRITE", 0x10, "IN_OPEN", 0x20, "IN_MOVED_FROM", 0x40,
            "IN_MOVED_TO", 0x80, "IN_CREATE", 0x100, "IN_DELETE", 0x200, "IN_DELETE_SELF", 0x400,
            "IN_MOVE_SELF", 0x800, "IN_UNMOUNT", 0x2000, "IN_Q_OVERFLOW", 0x4000, "IN_IGNORED", 0x8000,
            "IN_ONLYDIR", 0x1000000, "IN_DONT_FOLLOW", 0x2000000, "IN_EXCL_UNLINK", 0x4000000,
            "IN_MASK_CREATE", 0x10000000, "IN_MASK_ADD", 0x20000000, "IN_ISDIR", 0x40000000,
            "IN_ONESHOT", 0x80000000L);
    static final Flags SPLICE = Flags.of("SPLICE_F_???", "SPLICE_F_MOVE", 1, "SPLICE_F_NONBLOCK", 2, "SPLICE_F_MORE", 4,
            "SPLICE_F_GIFT", 8);
    static final Flags SYNC_FILE_RANGE = Flags.of("SYNC_FILE_RANGE_???", "SYNC_FILE_RANGE_WAIT_BEFORE", 1,
            "SYNC_FILE_RANGE_WRITE", 2, "SYNC_FILE_RANGE_WAIT_AFTER", 4);

    static final Flags RENAME = Flags.of("RENAME_??", "RENAME_NOREPLACE", 1, "RENAME_EXCHANGE", 2, "RENAME_WHITEOUT", 4);
    /** faccessat2's flags (strace's faccessat_flags): 0x200 is AT_EACCESS here, not AT_REMOVEDIR. */
    static final Flags FACCESSAT = Flags.of("AT_???", "AT_SYMLINK_NOFOLLOW", 0x100, "AT_EACCESS", 0x200,
            "AT_EMPTY_PATH", 0x1000);
}
