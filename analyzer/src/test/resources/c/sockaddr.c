/*
 * Socket addresses as the socket calls pass them, for SocketDecodingTest: run under strace and
 * under jtrace-record, the two outputs must be the same lines. Cases after strace's own
 * tests/net-sockaddr.c and tests/sockname.c: lengths shorter and longer than the structure,
 * sun_path without a NUL, abstract names, short AF_INET, sin6_scope_id, unknown families,
 * addresses that cross into unreadable memory, value-result lengths that the kernel raised.
 * Usage: sockaddr DIR (a directory for a bound unix socket; the same for both runs).
 */
#include <arpa/inet.h>
#include <linux/ax25.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_xdp.h>
#include <linux/mctp.h>
#include <linux/netlink.h>
#include <linux/qrtr.h>
#include <linux/vm_sockets.h>
#include <linux/x25.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* size bytes that end where an unreadable page begins */
static void *tail_alloc(size_t size)
{
    long page = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + page, page, PROT_NONE)) {
        perror("mmap");
        exit(1);
    }
    return p + page - size;
}

static void unix_addresses(void)
{
    struct sockaddr_un *un = tail_alloc(sizeof(*un));
    un->sun_family = AF_UNIX;
    memset(un->sun_path, '0', sizeof(un->sun_path));
    connect(-1, (void *) un, sizeof(*un));          /* 108 bytes, no NUL */
    un->sun_path[1] = 0;
    connect(-1, (void *) un, sizeof(*un));
    un->sun_path[0] = 0;
    un->sun_path[2] = 1;
    connect(-1, (void *) un, sizeof(*un));          /* abstract */
    connect(-1, (void *) un, 2);                    /* the family alone */
    connect(-1, (void *) un, 1);                    /* too short to decode */
    connect(-1, (void *) un, 0);

    un = (void *) un - 2;                           /* 110 readable bytes of path */
    un->sun_family = AF_UNIX;
    memset(un->sun_path, '0', sizeof(un->sun_path));
    connect(-1, (void *) un, sizeof(*un) + 2);      /* longer than sockaddr_un: cut at 108 */
    un->sun_path[0] = 0;
    connect(-1, (void *) un, sizeof(*un) + 2);

    un = (void *) un + 4;                           /* the last 2 bytes are unreadable */
    un->sun_family = AF_UNIX;
    connect(-1, (void *) un, sizeof(*un) - 2);
    connect(-1, (void *) un, sizeof(*un));          /* crosses into the unreadable page */

    struct sockaddr_storage *st = tail_alloc(sizeof(*st) + 8);
    memset(st, '0', sizeof(*st) + 8);
    st->ss_family = AF_UNIX;
    connect(-1, (void *) st, sizeof(*st) + 1);      /* longer than sockaddr_storage */
}

static void inet_addresses(void)
{
    struct sockaddr_in *in = tail_alloc(sizeof(*in) + 4);
    in->sin_family = AF_INET;
    in->sin_port = htons(12345);
    in->sin_addr.s_addr = inet_addr("12.34.56.78");
    connect(-1, (void *) in, sizeof(*in));
    connect(-1, (void *) in, sizeof(*in) + 4);
    connect(-1, (void *) in, sizeof(*in) - 4);      /* short: sa_data */
    connect(-1, (void *) in, 4);
    bind(-1, (void *) in, 8);

    struct sockaddr_in6 *in6 = tail_alloc(sizeof(*in6));
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(12345);
    in6->sin6_flowinfo = htonl(123456890);
    inet_pton(AF_INET6, "12:34:56:78:90:ab:cd:ef", &in6->sin6_addr);
    in6->sin6_scope_id = 0xfacefeed;
    connect(-1, (void *) in6, sizeof(*in6));        /* not link-local: the number */
    connect(-1, (void *) in6, sizeof(*in6) - 4);    /* no sin6_scope_id */
    connect(-1, (void *) in6, sizeof(*in6) - 5);    /* short: sa_data */
    inet_pton(AF_INET6, "fe80::1", &in6->sin6_addr);
    connect(-1, (void *) in6, sizeof(*in6));        /* link-local, no such interface */
    in6->sin6_scope_id = 1;                         /* lo: if_nametoindex("lo") */
    connect(-1, (void *) in6, sizeof(*in6));
    inet_pton(AF_INET6, "ff02::1", &in6->sin6_addr);
    connect(-1, (void *) in6, sizeof(*in6));        /* multicast link-local */
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6->sin6_addr);
    connect(-1, (void *) in6, sizeof(*in6));
}

static void other_families(void)
{
    struct sockaddr_nl *nl = tail_alloc(sizeof(*nl));
    nl->nl_family = AF_NETLINK;
    nl->nl_pid = 1234;
    nl->nl_groups = 0xfacefeed;
    connect(-1, (void *) nl, sizeof(*nl));
    nl->nl_groups = 0;
    connect(-1, (void *) nl, sizeof(*nl));
    connect(-1, (void *) nl, sizeof(*nl) - 1);

    unsigned char *raw = tail_alloc(16);
    memset(raw, 'A', 16);
    raw[0] = 0xff;                                  /* no such family */
    raw[1] = 0;
    connect(-1, (void *) raw, 16);
    raw[0] = 46;
    connect(-1, (void *) raw, 5);
    raw[0] = 0;
    connect(-1, (void *) raw, 16);                  /* AF_UNSPEC */
}

static void ax25_call(ax25_address *a, const char *call, int ssid)
{
    for (int i = 0; i < 6; i++) {
        a->ax25_call[i] = call[i] << 1;
    }
    a->ax25_call[6] = ssid << 1;
}

/* The families strace decodes field by field beyond inet and unix (its sockaddr.c). */
static void decoded_families(void)
{
    unsigned char *ipx = tail_alloc(16);   /* struct sockaddr_ipx, laid out by hand: no header here */
    const unsigned char ipx_bytes[16] = {4, 0, 0x30, 0x39, 0xfa, 0xce, 0xfe, 0xed, 'A', 'B', 'C', 'D', 'E', 'F', 0xff, 0};
    memcpy(ipx, ipx_bytes, 16);
    connect(-1, (void *) ipx, 16);
    ipx[15] = 0x42;
    connect(-1, (void *) ipx, 16);
    connect(-1, (void *) ipx, 15);

    struct full_sockaddr_ax25 *ax = tail_alloc(sizeof(*ax));
    memset(ax, 0, sizeof(*ax));
    ax->fsa_ax25.sax25_family = AF_AX25;
    ax25_call(&ax->fsa_ax25.sax25_call, "VALID ", 13);
    connect(-1, (void *) ax, sizeof(struct sockaddr_ax25));
    ax->fsa_ax25.sax25_ndigis = 8;
    ax25_call(&ax->fsa_digipeater[0], "SPA CE", 0);
    ax25_call(&ax->fsa_digipeater[1], "OK    ", 15);
    ax25_call(&ax->fsa_digipeater[2], "      ", 0);
    ax25_call(&ax->fsa_digipeater[3], "lower ", 9);
    memcpy(&ax->fsa_digipeater[4], "\n\tABCDE", 7);
    ax25_call(&ax->fsa_digipeater[5], "A-B-C ", 4);
    connect(-1, (void *) ax, sizeof(struct sockaddr_ax25));
    connect(-1, (void *) ax, sizeof(struct sockaddr_ax25) + 17);
    connect(-1, (void *) ax, sizeof(*ax));
    ax->fsa_ax25.sax25_ndigis = 3;
    connect(-1, (void *) ax, sizeof(*ax));

    struct sockaddr_x25 *x25 = tail_alloc(sizeof(*x25));
    x25->sx25_family = AF_X25;
    memcpy(x25->sx25_addr.x25_addr, "0123456789abcdef", 16);
    connect(-1, (void *) x25, sizeof(*x25));
    x25->sx25_addr.x25_addr[10] = 0;
    connect(-1, (void *) x25, sizeof(*x25));
    connect(-1, (void *) x25, sizeof(*x25) - 1);

    struct sockaddr_ll *ll = tail_alloc(sizeof(*ll));
    ll->sll_family = AF_PACKET;
    ll->sll_protocol = htons(ETH_P_ALL);
    ll->sll_ifindex = 1;
    ll->sll_hatype = ARPHRD_ETHER;
    ll->sll_pkttype = PACKET_HOST;
    ll->sll_halen = 6;
    memcpy(ll->sll_addr, "\0abcdefg", 8);
    connect(-1, (void *) ll, sizeof(*ll));
    ll->sll_halen = 9;
    ll->sll_ifindex = 0xfacefeed;
    ll->sll_protocol = htons(0x1234);
    ll->sll_hatype = 0x4321;
    ll->sll_pkttype = 9;
    connect(-1, (void *) ll, sizeof(*ll));
    connect(-1, (void *) ll, sizeof(*ll) - 4);
    ll->sll_halen = 0;
    connect(-1, (void *) ll, sizeof(*ll));

    struct sockaddr_vm *vm = tail_alloc(sizeof(*vm));
    memset(vm, 0, sizeof(*vm));
    vm->svm_family = AF_VSOCK;
    vm->svm_cid = VMADDR_CID_HOST;
    vm->svm_port = VMADDR_PORT_ANY;
    connect(-1, (void *) vm, sizeof(*vm));
    vm->svm_cid = 42;
    vm->svm_port = 1234;
    vm->svm_reserved1 = 7;
    vm->svm_zero[1] = 1;
    connect(-1, (void *) vm, sizeof(*vm));

    struct sockaddr_qrtr *qr = tail_alloc(sizeof(*qr));
    qr->sq_family = AF_QIPCRTR;
    qr->sq_node = QRTR_NODE_BCAST;
    qr->sq_port = QRTR_PORT_CTRL;
    connect(-1, (void *) qr, sizeof(*qr));
    qr->sq_node = 5;
    qr->sq_port = 6;
    connect(-1, (void *) qr, sizeof(*qr));

    struct sockaddr_xdp *xdp = tail_alloc(sizeof(*xdp));
    xdp->sxdp_family = AF_XDP;
    xdp->sxdp_flags = XDP_SHARED_UMEM | XDP_COPY;
    xdp->sxdp_ifindex = 1;
    xdp->sxdp_queue_id = 3;
    xdp->sxdp_shared_umem_fd = 0;
    connect(-1, (void *) xdp, sizeof(*xdp));
    xdp->sxdp_flags = 0x40;
    xdp->sxdp_ifindex = 12345;
    xdp->sxdp_shared_umem_fd = 0xbad;
    connect(-1, (void *) xdp, sizeof(*xdp));

    struct sockaddr_mctp *mc = tail_alloc(sizeof(*mc));
    memset(mc, 0, sizeof(*mc));
    mc->smctp_family = AF_MCTP;
    mc->smctp_network = MCTP_NET_ANY;
    mc->smctp_addr.s_addr = MCTP_ADDR_ANY;
    mc->smctp_type = 1;
    mc->smctp_tag = 8;
    connect(-1, (void *) mc, sizeof(*mc));
    mc->__smctp_pad0 = 3;
    mc->smctp_network = 9;
    mc->smctp_addr.s_addr = 0x10;
    mc->__smctp_pad1 = 4;
    connect(-1, (void *) mc, sizeof(*mc));
}

static void kernel_filled(const char *dir)
{
    struct sockaddr_un name = {.sun_family = AF_UNIX};
    snprintf(name.sun_path, sizeof(name.sun_path), "%s/s", dir);
    unlink(name.sun_path);
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (s < 0 || bind(s, (void *) &name, sizeof(name))) {
        perror("bind");
        exit(1);
    }
    socklen_t *len = tail_alloc(sizeof(*len));
    struct sockaddr_un *addr = tail_alloc(sizeof(*addr));
    *len = sizeof(*addr);
    getsockname(s, (void *) addr, len);             /* [110 => n] */
    getsockname(s, (void *) addr, len);             /* [n] */
    *len = 2;
    getsockname(s, (void *) addr, len);             /* [2 => n]: the family alone */
    *len = 16;
    addr = (void *) (addr + 1) - 16;
    getsockname(s, (void *) addr, len);             /* [16 => n]: 14 bytes of the path */
    getsockname(s, (void *) addr, NULL);
    getsockname(s, NULL, NULL);
    getsockname(s, (void *) addr, len + 1);         /* the length is unreadable */
    *len = 1;
    getsockname(s, (void *) addr, len);
    getsockname(-1, (void *) addr, len);            /* failed: [1] */

    int peer = socket(AF_UNIX, SOCK_DGRAM, 0);
    char byte = 'x';
    sendto(peer, &byte, 1, 0, (void *) &name, sizeof(name));
    sendto(peer, &byte, 1, 0, (void *) &name, sizeof(name));
    struct sockaddr_un from;
    socklen_t fromlen = 1;
    recvfrom(s, &byte, 1, 0, (void *) &from, &fromlen);   /* unnamed peer: [1 => 2] */
    struct sockaddr_in in;
    fromlen = sizeof(in);
    recvfrom(s, &byte, 1, MSG_DONTWAIT, (void *) &in, &fromlen);
    recvfrom(s, &byte, 1, MSG_DONTWAIT, (void *) &in, &fromlen);   /* EAGAIN: [16] */
    close(peer);
    close(s);
    unlink(name.sun_path);

    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t anylen = sizeof(any);
    bind(l, (void *) &any, sizeof(any));
    listen(l, 1);
    getsockname(l, (void *) &any, &anylen);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (void *) &any, sizeof(any));
    struct sockaddr_in peer_in;
    socklen_t peerlen = 2;
    int a = accept(l, (void *) &peer_in, &peerlen);  /* [2 => 16]: the family alone */
    peerlen = sizeof(peer_in);
    getpeername(a, (void *) &peer_in, &peerlen);
    close(a);
    close(c);
    close(l);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sockaddr DIR\n");
        return 2;
    }
    unix_addresses();
    inet_addresses();
    other_families();
    decoded_families();
    kernel_filled(argv[1]);
    return 0;
}
