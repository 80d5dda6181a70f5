package io.jtrace.analyzer.render;

/**
 * Socket option names per level, strace 6.1's sock_*_options tables for x86_64 (generated from its
 * src/xlat/*.in; SOL_SOCKET, SOL_IP, SOL_IPV6 and SOL_TCP live in {@link Consts}).
 */
final class SockoptNames {
    private SockoptNames() {
    }

    /** AF_VSOCK, a family VMware uses as the level. */
    static final Flags VSOCK = Flags.of("SO_VM_???", "SO_VM_SOCKETS_BUFFER_SIZE", 0, "SO_VM_SOCKETS_BUFFER_MIN_SIZE", 1,
            "SO_VM_SOCKETS_BUFFER_MAX_SIZE", 2, "SO_VM_SOCKETS_PEER_HOST_VM_ID", 3, "SO_VM_SOCKETS_TRUSTED", 5,
            "SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD", 6, "SO_VM_SOCKETS_NONBLOCK_TXRX", 7,
            "SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW", 8);
    /** SOL_IPX. */
    static final Flags IPX = Flags.of("IPX_???", "IPX_TYPE", 1);
    /** SOL_AX25. */
    static final Flags AX25 = Flags.of("AX25_???", "AX25_WINDOW", 1, "AX25_T1", 2, "AX25_N2", 3, "AX25_T3", 4,
            "AX25_T2", 5, "AX25_BACKOFF", 6, "AX25_EXTSEQ", 7, "AX25_PIDINCL", 8, "AX25_IDLE", 9, "AX25_PACLEN", 10,
            "AX25_IAMDIGI", 12, "SO_BINDTODEVICE", 25);
    /** SOL_PACKET. */
    static final Flags PACKET = Flags.of("PACKET_???", "PACKET_ADD_MEMBERSHIP", 1, "PACKET_DROP_MEMBERSHIP", 2,
            "PACKET_RECV_OUTPUT", 3, "PACKET_RX_RING", 5, "PACKET_STATISTICS", 6, "PACKET_COPY_THRESH", 7,
            "PACKET_AUXDATA", 8, "PACKET_ORIGDEV", 9, "PACKET_VERSION", 10, "PACKET_HDRLEN", 11, "PACKET_RESERVE", 12,
            "PACKET_TX_RING", 13, "PACKET_LOSS", 14, "PACKET_VNET_HDR", 15, "PACKET_TX_TIMESTAMP", 16,
            "PACKET_TIMESTAMP", 17, "PACKET_FANOUT", 18, "PACKET_TX_HAS_OFF", 19, "PACKET_QDISC_BYPASS", 20,
            "PACKET_ROLLOVER_STATS", 21, "PACKET_FANOUT_DATA", 22, "PACKET_IGNORE_OUTGOING", 23);
    /** SOL_CAN_RAW. */
    static final Flags CAN_RAW = Flags.of("CAN_RAW_???", "CAN_RAW_FILTER", 1, "CAN_RAW_ERR_FILTER", 2,
            "CAN_RAW_LOOPBACK", 3, "CAN_RAW_RECV_OWN_MSGS", 4, "CAN_RAW_FD_FRAMES", 5, "CAN_RAW_JOIN_FILTERS", 6);
    /** SOL_SCTP. */
    static final Flags SCTP = Flags.of("SCTP_???", "SCTP_RTOINFO", 0, "SCTP_ASSOCINFO", 1, "SCTP_INITMSG", 2,
            "SCTP_NODELAY", 3, "SCTP_AUTOCLOSE", 4, "SCTP_SET_PEER_PRIMARY_ADDR", 5, "SCTP_PRIMARY_ADDR", 6,
            "SCTP_ADAPTATION_LAYER", 7, "SCTP_DISABLE_FRAGMENTS", 8, "SCTP_PEER_ADDR_PARAMS", 9,
            "SCTP_DEFAULT_SEND_PARAM", 10, "SCTP_EVENTS", 11, "SCTP_I_WANT_MAPPED_V4_ADDR", 12, "SCTP_MAXSEG", 13,
            "SCTP_STATUS", 14, "SCTP_GET_PEER_ADDR_INFO", 15, "SCTP_DELAYED_SACK", 16, "SCTP_CONTEXT", 17,
            "SCTP_FRAGMENT_INTERLEAVE", 18, "SCTP_PARTIAL_DELIVERY_POINT", 19, "SCTP_MAX_BURST", 20,
            "SCTP_AUTH_CHUNK", 21, "SCTP_HMAC_IDENT", 22, "SCTP_AUTH_KEY", 23, "SCTP_AUTH_ACTIVE_KEY", 24,
            "SCTP_AUTH_DELETE_KEY", 25, "SCTP_PEER_AUTH_CHUNKS", 26, "SCTP_LOCAL_AUTH_CHUNKS", 27,
            "SCTP_GET_ASSOC_NUMBER", 28, "SCTP_GET_ASSOC_ID_LIST", 29, "SCTP_AUTO_ASCONF", 30,
            "SCTP_PEER_ADDR_THLDS", 31, "SCTP_RECVRCVINFO", 32, "SCTP_RECVNXTINFO", 33, "SCTP_DEFAULT_SNDINFO", 34,
            "SCTP_AUTH_DEACTIVATE_KEY", 35, "SCTP_REUSE_PORT", 36, "SCTP_PEER_ADDR_THLDS_V2", 37,
            "SCTP_SOCKOPT_BINDX_ADD", 100, "SCTP_SOCKOPT_BINDX_REM", 101, "SCTP_SOCKOPT_PEELOFF", 102,
            "SCTP_GET_PEER_ADDRS_NUM_OLD", 103, "SCTP_GET_PEER_ADDRS_OLD", 104, "SCTP_GET_LOCAL_ADDRS_NUM_OLD", 105,
            "SCTP_GET_LOCAL_ADDRS_OLD", 106, "SCTP_SOCKOPT_CONNECTX_OLD", 107, "SCTP_GET_PEER_ADDRS", 108,
            "SCTP_GET_LOCAL_ADDRS", 109, "SCTP_SOCKOPT_CONNECTX", 110, "SCTP_SOCKOPT_CONNECTX3", 111,
            "SCTP_GET_ASSOC_STATS", 112, "SCTP_PR_SUPPORTED", 113, "SCTP_DEFAULT_PRINFO", 114,
            "SCTP_PR_ASSOC_STATUS", 115, "SCTP_PR_STREAM_STATUS", 116, "SCTP_RECONFIG_SUPPORTED", 117,
            "SCTP_ENABLE_STREAM_RESET", 118, "SCTP_RESET_STREAMS", 119, "SCTP_RESET_ASSOC", 120,
            "SCTP_ADD_STREAMS", 121, "SCTP_SOCKOPT_PEELOFF_FLAGS", 122, "SCTP_STREAM_SCHEDULER", 123,
            "SCTP_STREAM_SCHEDULER_VALUE", 124, "SCTP_INTERLEAVING_SUPPORTED", 125, "SCTP_SENDMSG_CONNECT", 126,
            "SCTP_EVENT", 127, "SCTP_ASCONF_SUPPORTED", 128, "SCTP_AUTH_SUPPORTED", 129, "SCTP_ECN_SUPPORTED", 130,
            "SCTP_EXPOSE_POTENTIALLY_FAILED_STATE", 131, "SCTP_REMOTE_UDP_ENCAPS_PORT", 132,
            "SCTP_PLPMTUD_PROBE_INTERVAL", 133);
    /** SOL_RAW. */
    static final Flags RAW = Flags.of("RAW_???", "ICMP_FILTER", 1);
    /** SOL_NETLINK. */
    static final Flags NETLINK = Flags.of("NETLINK_???", "NETLINK_ADD_MEMBERSHIP", 1, "NETLINK_DROP_MEMBERSHIP", 2,
            "NETLINK_PKTINFO", 3, "NETLINK_BROADCAST_ERROR", 4, "NETLINK_NO_ENOBUFS", 5, "NETLINK_RX_RING", 6,
            "NETLINK_TX_RING", 7, "NETLINK_LISTEN_ALL_NSID", 8, "NETLINK_LIST_MEMBERSHIPS", 9, "NETLINK_CAP_ACK", 10,
            "NETLINK_EXT_ACK", 11, "NETLINK_GET_STRICT_CHK", 12);
    /** SOL_UDP. */
    static final Flags UDP = Flags.of("UDP_???", "UDP_CORK", 1, "UDP_ENCAP", 100, "UDP_NO_CHECK6_TX", 101,
            "UDP_NO_CHECK6_RX", 102, "UDP_SEGMENT", 103, "UDP_GRO", 104);
    /** SOL_IRDA. */
    static final Flags IRDA = Flags.of("IRLMP_???", "IRLMP_ENUMDEVICES", 1, "IRLMP_IAS_SET", 2, "IRLMP_IAS_QUERY", 3,
            "IRLMP_HINTS_SET", 4, "IRLMP_QOS_SET", 5, "IRLMP_QOS_GET", 6, "IRLMP_MAX_SDU_SIZE", 7, "IRLMP_IAS_GET", 8,
            "IRLMP_IAS_DEL", 9, "IRLMP_HINT_MASK_SET", 10, "IRLMP_WAITDEVICE", 11);
    /** SOL_LLC. */
    static final Flags LLC = Flags.of("LLC_OPT_???", "LLC_OPT_UNKNOWN", 0, "LLC_OPT_RETRY", 1, "LLC_OPT_SIZE", 2,
            "LLC_OPT_ACK_TMR_EXP", 3, "LLC_OPT_P_TMR_EXP", 4, "LLC_OPT_REJ_TMR_EXP", 5, "LLC_OPT_BUSY_TMR_EXP", 6,
            "LLC_OPT_TX_WIN", 7, "LLC_OPT_RX_WIN", 8, "LLC_OPT_PKTINFO", 9);
    /** SOL_DCCP. */
    static final Flags DCCP = Flags.of("DCCP_SOCKOPT_???", "DCCP_SOCKOPT_PACKET_SIZE", 1, "DCCP_SOCKOPT_SERVICE", 2,
            "DCCP_SOCKOPT_CHANGE_L", 3, "DCCP_SOCKOPT_CHANGE_R", 4, "DCCP_SOCKOPT_GET_CUR_MPS", 5,
            "DCCP_SOCKOPT_SERVER_TIMEWAIT", 6, "DCCP_SOCKOPT_SEND_CSCOV", 10, "DCCP_SOCKOPT_RECV_CSCOV", 11,
            "DCCP_SOCKOPT_AVAILABLE_CCIDS", 12, "DCCP_SOCKOPT_CCID", 13, "DCCP_SOCKOPT_TX_CCID", 14,
            "DCCP_SOCKOPT_RX_CCID", 15, "DCCP_SOCKOPT_QPOLICY_ID", 16, "DCCP_SOCKOPT_QPOLICY_TXQLEN", 17,
            "DCCP_SOCKOPT_CCID_RX_INFO", 128, "DCCP_SOCKOPT_CCID_TX_INFO", 192);
    /** SOL_TIPC. */
    static final Flags TIPC = Flags.of("TIPC_???", "TIPC_IMPORTANCE", 127, "TIPC_SRC_DROPPABLE", 128,
            "TIPC_DEST_DROPPABLE", 129, "TIPC_CONN_TIMEOUT", 130, "TIPC_NODE_RECVQ_DEPTH", 131,
            "TIPC_SOCK_RECVQ_DEPTH", 132, "TIPC_MCAST_BROADCAST", 133, "TIPC_MCAST_REPLICAST", 134,
            "TIPC_GROUP_JOIN", 135, "TIPC_GROUP_LEAVE", 136, "TIPC_SOCK_RECVQ_USED", 137, "TIPC_NODELAY", 138);
    /** SOL_RXRPC. */
    static final Flags RXRPC = Flags.of("RXRPC_???", "RXRPC_SECURITY_KEY", 1, "RXRPC_SECURITY_KEYRING", 2,
            "RXRPC_EXCLUSIVE_CONNECTION", 3, "RXRPC_MIN_SECURITY_LEVEL", 4, "RXRPC_UPGRADEABLE_SERVICE", 5,
            "RXRPC_SUPPORTED_CMSG", 6);
    /** SOL_PPPOL2TP. */
    static final Flags PPPOL2TP = Flags.of("PPPOL2TP_SO_???", "PPPOL2TP_SO_DEBUG", 1, "PPPOL2TP_SO_RECVSEQ", 2,
            "PPPOL2TP_SO_SENDSEQ", 3, "PPPOL2TP_SO_LNSMODE", 4, "PPPOL2TP_SO_REORDERTO", 5);
    /** SOL_BLUETOOTH. */
    static final Flags BLUETOOTH = Flags.of("BT_???", "BT_SECURITY", 4, "BT_DEFER_SETUP", 7, "BT_FLUSHABLE", 8,
            "BT_POWER", 9, "BT_CHANNEL_POLICY", 10, "BT_VOICE", 11, "BT_SNDMTU", 12, "BT_RCVMTU", 13);
    /** SOL_PNPIPE. */
    static final Flags PNPIPE = Flags.of("PNPIPE_???", "PNPIPE_ENCAP", 1, "PNPIPE_IFINDEX", 2, "PNPIPE_HANDLE", 3,
            "PNPIPE_INITSTATE", 4);
    /** SOL_RDS. */
    static final Flags RDS = Flags.of("RDS_???", "RDS_CANCEL_SENT_TO", 1, "RDS_GET_MR", 2, "RDS_FREE_MR", 3,
            "RDS_BARRIER", 4, "RDS_RECVERR", 5, "RDS_CONG_MONITOR", 6, "RDS_GET_MR_FOR_DEST", 7, "SO_RDS_TRANSPORT", 8,
            "SO_RDS_MSG_RXPATH_LATENCY", 10, "SO_TIMESTAMP_OLD", 29, "RDS_INFO_COUNTERS", 10000,
            "RDS_INFO_CONNECTIONS", 10001, "RDS_INFO_FLOWS", 10002, "RDS_INFO_SEND_MESSAGES", 10003,
            "RDS_INFO_RETRANS_MESSAGES", 10004, "RDS_INFO_RECV_MESSAGES", 10005, "RDS_INFO_SOCKETS", 10006,
            "RDS_INFO_TCP_SOCKETS", 10007, "RDS_INFO_IB_CONNECTIONS", 10008, "RDS_INFO_CONNECTION_STATS", 10009,
            "RDS_INFO_IWARP_CONNECTIONS", 10010);
    /** SOL_IUCV. */
    static final Flags IUCV = Flags.of("SO_???", "SO_IPRMDATA_MSG", 128, "SO_MSGLIMIT", 4096, "SO_MSGSIZE", 2048);
    /** SOL_CAIF. */
    static final Flags CAIF = Flags.of("CAIFSO_???", "CAIFSO_LINK_SELECT", 127, "CAIFSO_REQ_PARAM", 128,
            "CAIFSO_RSP_PARAM", 129);
    /** SOL_ALG. */
    static final Flags ALG = Flags.of("ALG_???", "ALG_SET_KEY", 1, "ALG_SET_IV", 2, "ALG_SET_OP", 3,
            "ALG_SET_AEAD_ASSOCLEN", 4, "ALG_SET_AEAD_AUTHSIZE", 5, "ALG_SET_DRBG_ENTROPY", 6);
    /** SOL_NFC. */
    static final Flags NFC = Flags.of("NFC_LLCP_???", "NFC_LLCP_RW", 0, "NFC_LLCP_MIUX", 1, "NFC_LLCP_REMOTE_MIU", 2,
            "NFC_LLCP_REMOTE_LTO", 3, "NFC_LLCP_REMOTE_RW", 4);
    /** SOL_KCM. */
    static final Flags KCM = Flags.of("KCM_???", "KCM_RECV_DISABLE", 1);
    /** SOL_TLS. */
    static final Flags TLS = Flags.of("TLS_???", "TLS_TX", 1, "TLS_RX", 2);
    /** SOL_XDP. */
    static final Flags XDP = Flags.of("XDP_???", "XDP_MMAP_OFFSETS", 1, "XDP_RX_RING", 2, "XDP_TX_RING", 3,
            "XDP_UMEM_REG", 4, "XDP_UMEM_FILL_RING", 5, "XDP_UMEM_COMPLETION_RING", 6, "XDP_STATISTICS", 7,
            "XDP_OPTIONS", 8);

    /** strace's icmp_filter_flags: the ICMP types of ICMP_FILTER's bitmap. */
    static final Flags ICMP_FILTER = Flags.of("ICMP_???", "ICMP_ECHOREPLY", 0, "ICMP_DEST_UNREACH", 3,
            "ICMP_SOURCE_QUENCH", 4, "ICMP_REDIRECT", 5, "ICMP_ECHO", 8, "ICMP_TIME_EXCEEDED", 11,
            "ICMP_PARAMETERPROB", 12, "ICMP_TIMESTAMP", 13, "ICMP_TIMESTAMPREPLY", 14, "ICMP_INFO_REQUEST", 15,
            "ICMP_INFO_REPLY", 16, "ICMP_ADDRESS", 17, "ICMP_ADDRESSREPLY", 18);

    /** The option names of a level, or null for a level strace prints option numbers of in decimal. */
    static Flags of(int level) {
        return switch (level) {
            case 0 -> Consts.IP;
            case 1 -> Consts.SO;
            case 6 -> Consts.TCP;
            case 17 -> UDP;
            case 40 -> VSOCK;
            case 41 -> Consts.IPV6;
            case 101 -> CAN_RAW;
            case 132 -> SCTP;
            case 255 -> RAW;
            case 256 -> IPX;
            case 257 -> AX25;
            case 263 -> PACKET;
            case 266 -> IRDA;
            case 268 -> LLC;
            case 269 -> DCCP;
            case 270 -> NETLINK;
            case 271 -> TIPC;
            case 272 -> RXRPC;
            case 273 -> PPPOL2TP;
            case 274 -> BLUETOOTH;
            case 275 -> PNPIPE;
            case 276 -> RDS;
            case 277 -> IUCV;
            case 278 -> CAIF;
            case 279 -> ALG;
            case 280 -> NFC;
            case 281 -> KCM;
            case 282 -> TLS;
            case 283 -> XDP;
            default -> null;
        };
    }
}
