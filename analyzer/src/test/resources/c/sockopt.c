/*
 * setsockopt and getsockopt with values of every size, for SocketDecodingTest: run under strace and
 * under jtrace-record, the two outputs must be the same lines. Cases after strace's own
 * tests/sockopt-sol_socket.c, so_linger.c, so_peercred.c, so_error.c, ip_mreq.c, group_req.c,
 * sock_filter-v.c and sockopt-sol_netlink.c: int options with short and long lengths, unknown
 * options and levels, structures (linger, ucred, ip_mreq, ipv6_mreq, group_req, sock_fprog),
 * values that end where memory ends, invalid lengths and failed calls.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/icmp.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SO_TXREHASH
# define SO_TXREHASH 74
#endif

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

static void set_ints(int fd, int level, int name, int *val)
{
    *val = 1;
    setsockopt(fd, level, name, val, 4);
    setsockopt(fd, level, name, val, 5);            /* one byte past the readable end */
    setsockopt(fd, level, name, val, 3);
    setsockopt(fd, level, name, val, -1);
    setsockopt(fd, level, name, val, 0);
    setsockopt(fd, level, name, NULL, 4);
}

static void get_ints(int fd, int level, int name, int *val, socklen_t *len)
{
    *len = 4;
    getsockopt(fd, level, name, val, len);
    *len = 5;
    getsockopt(fd, level, name, val, len);
    *len = 3;
    getsockopt(fd, level, name, val, len);
    *len = 0;
    getsockopt(fd, level, name, NULL, len);
    *len = 4;
    getsockopt(fd, level, name, val + 1, len);     /* unreadable value: the call fails */
    getsockopt(fd, level, name, val, len + 1);     /* unreadable length */
    getsockopt(fd, level, name, val, NULL);
    *len = -1;
    getsockopt(fd, level, name, val, len);
    *len = 4;
    getsockopt(-1, level, name, val, len);
}

int main(void)
{
    int *val = tail_alloc(sizeof(*val));
    socklen_t *len = tail_alloc(sizeof(*len));
    int s = socket(AF_INET, SOCK_STREAM, 0);

    /* int options, known and unknown */
    set_ints(s, SOL_SOCKET, SO_REUSEADDR, val);
    get_ints(s, SOL_SOCKET, SO_REUSEADDR, val, len);
    get_ints(s, SOL_SOCKET, SO_TYPE, val, len);
    set_ints(s, SOL_SOCKET, 0x7fff, val);
    set_ints(s, SOL_SOCKET, SO_TXREHASH, val);
    get_ints(s, SOL_SOCKET, SO_TXREHASH, val, len);
    set_ints(s, SOL_TCP, TCP_NODELAY, val);
    get_ints(s, SOL_TCP, TCP_NODELAY, val, len);
    set_ints(s, SOL_TCP, 99, val);
    set_ints(s, 0x200, 7, val);                     /* no such level */
    set_ints(s, SOL_IP, IP_TOS, val);
    set_ints(s, SOL_IP, 0x7777, val);

    /* a string option */
    char *cc = tail_alloc(16);
    *len = 16;
    getsockopt(s, SOL_TCP, TCP_CONGESTION, cc, len);
    *len = 3;
    getsockopt(s, SOL_TCP, TCP_CONGESTION, cc, len);
    memcpy(cc, "reno", 5);
    setsockopt(s, SOL_TCP, TCP_CONGESTION, cc, 5);
    setsockopt(s, SOL_TCP, TCP_CONGESTION, cc, 17);

    /* SO_LINGER */
    struct linger *lg = tail_alloc(sizeof(*lg));
    lg->l_onoff = 1;
    lg->l_linger = 42;
    setsockopt(s, SOL_SOCKET, SO_LINGER, lg, sizeof(*lg));
    setsockopt(s, SOL_SOCKET, SO_LINGER, lg, sizeof(*lg) - 1);
    setsockopt(s, SOL_SOCKET, SO_LINGER, lg, sizeof(*lg) + 1);
    setsockopt(s, SOL_SOCKET, SO_LINGER, (char *) lg + 4, sizeof(*lg));
    *len = sizeof(*lg);
    getsockopt(s, SOL_SOCKET, SO_LINGER, lg, len);
    *len = sizeof(*lg) - 2;
    getsockopt(s, SOL_SOCKET, SO_LINGER, lg, len);
    *len = 3;
    getsockopt(s, SOL_SOCKET, SO_LINGER, lg, len);

    /* SO_PEERCRED of one end of a socketpair */
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    struct ucred *cr = tail_alloc(sizeof(*cr));
    *len = sizeof(*cr);
    getsockopt(pair[0], SOL_SOCKET, SO_PEERCRED, cr, len);
    *len = sizeof(*cr) - 4;
    getsockopt(pair[0], SOL_SOCKET, SO_PEERCRED, cr, len);
    *len = 6;
    getsockopt(pair[0], SOL_SOCKET, SO_PEERCRED, cr, len);
    *len = sizeof(*cr) + 1;
    getsockopt(pair[0], SOL_SOCKET, SO_PEERCRED, cr, len);

    /* SO_ERROR after a refused connection */
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof(addr);
    int closed = socket(AF_INET, SOCK_STREAM, 0);
    bind(closed, (void *) &addr, sizeof(addr));
    getsockname(closed, (void *) &addr, &alen);
    close(closed);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    fcntl(c, F_SETFL, O_NONBLOCK);
    connect(c, (void *) &addr, sizeof(addr));
    usleep(100000);
    *len = 4;
    getsockopt(c, SOL_SOCKET, SO_ERROR, val, len);
    *len = 4;
    getsockopt(c, SOL_SOCKET, SO_ERROR, val, len);  /* cleared: [0] */
    *len = 2;
    getsockopt(c, SOL_SOCKET, SO_ERROR, val, len);
    close(c);

    /* socket filters */
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 3, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, 0xffff),
        BPF_STMT(BPF_RET | BPF_K, 0),
    };
    struct sock_fprog *prog = tail_alloc(sizeof(*prog));
    prog->len = 4;
    prog->filter = code;
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, prog, sizeof(*prog));
    setsockopt(u, SOL_SOCKET, SO_ATTACH_FILTER, prog, sizeof(*prog) - 1);
    setsockopt(u, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, prog, sizeof(*prog));
    struct sock_filter *got = tail_alloc(8 * sizeof(*got));
    *len = 8;
    getsockopt(u, SOL_SOCKET, SO_GET_FILTER, got, len);
    *len = 0;
    getsockopt(u, SOL_SOCKET, SO_GET_FILTER, got, len);
    setsockopt(u, SOL_SOCKET, SO_DETACH_FILTER, val, 4);

    /* multicast membership */
    struct ip_mreq *mreq = tail_alloc(sizeof(*mreq));
    mreq->imr_multiaddr.s_addr = inet_addr("224.0.0.1");
    mreq->imr_interface.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(-1, SOL_IP, IP_ADD_MEMBERSHIP, mreq, sizeof(*mreq));
    setsockopt(-1, SOL_IP, IP_DROP_MEMBERSHIP, mreq, sizeof(*mreq) - 1);
    setsockopt(-1, SOL_IP, IP_ADD_MEMBERSHIP, mreq, sizeof(*mreq) + 1);
    struct ipv6_mreq *mreq6 = tail_alloc(sizeof(*mreq6));
    inet_pton(AF_INET6, "ff01::c", &mreq6->ipv6mr_multiaddr);
    mreq6->ipv6mr_interface = 1;
    setsockopt(-1, SOL_IPV6, IPV6_ADD_MEMBERSHIP, mreq6, sizeof(*mreq6));
    mreq6->ipv6mr_interface = 0xfacefeed;
    setsockopt(-1, SOL_IPV6, IPV6_JOIN_ANYCAST, mreq6, sizeof(*mreq6));
    setsockopt(-1, SOL_IPV6, IPV6_DROP_MEMBERSHIP, mreq6, sizeof(*mreq6) - 1);
    struct group_req *greq = tail_alloc(sizeof(*greq));
    greq->gr_interface = 1;
    struct sockaddr_in *grp = (void *) &greq->gr_group;
    grp->sin_family = AF_INET;
    grp->sin_addr.s_addr = inet_addr("224.0.0.1");
    setsockopt(-1, SOL_IP, MCAST_JOIN_GROUP, greq, sizeof(*greq));
    setsockopt(-1, SOL_IPV6, MCAST_LEAVE_GROUP, greq, sizeof(*greq) - 1);

    /* ICMP filter, at SOL_RAW */
    struct icmp_filter *filt = tail_alloc(sizeof(*filt));
    filt->data = ~(1 << ICMP_ECHO | 1 << ICMP_ECHOREPLY);
    setsockopt(-1, SOL_RAW, ICMP_FILTER, filt, sizeof(*filt));
    filt->data = 1 << ICMP_ECHO | 1 << 31;
    setsockopt(-1, SOL_RAW, ICMP_FILTER, filt, sizeof(*filt));
    setsockopt(-1, SOL_RAW, ICMP_FILTER, filt, 0);

    /* netlink options */
    int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    set_ints(nl, SOL_NETLINK, NETLINK_PKTINFO, val);
    get_ints(nl, SOL_NETLINK, NETLINK_PKTINFO, val, len);
    int *groups = tail_alloc(2 * sizeof(int));
    *len = 2 * sizeof(int);
    getsockopt(nl, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups, len);     /* none yet: [8 => 0] */
    setsockopt(nl, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &(int) {33}, sizeof(int));
    *len = 8;
    getsockopt(nl, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups, len);
    *len = 4;
    getsockopt(nl, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups + 1, len);  /* [4 => 8]: one element */
    *len = 3;
    getsockopt(nl, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups + 2, len);  /* no element: [] */
    close(nl);
    close(u);
    close(pair[0]);
    close(pair[1]);
    close(s);
    return 0;
}
