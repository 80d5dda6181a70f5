/*
 * Control messages of sendmsg and recvmsg, for SocketDecodingTest: run under strace and under
 * jtrace-record, the two outputs must be the same lines but for the times of the SO_TIMESTAMP*
 * messages. Cases after strace's own tests/msg_control.c and inet-cmsg.c: IP_PKTINFO, IP_TTL,
 * IP_TOS, IP_ORIGDSTADDR and the SO_TIMESTAMP family received on a UDP socket, SCM_RIGHTS and
 * SCM_CREDENTIALS over a unix socket pair, and control data the kernel is given.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef SCM_SECURITY
# define SCM_SECURITY 3
#endif
#ifndef SO_TIMESTAMP_NEW
# define SO_TIMESTAMP_NEW 63
# define SO_TIMESTAMPNS_NEW 64
#endif

static int udp_self(struct sockaddr_in *addr)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    socklen_t len = sizeof(*addr);
    addr->sin_family = AF_INET;
    addr->sin_port = 0;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || bind(s, (void *) addr, sizeof(*addr)) || getsockname(s, (void *) addr, &len)) {
        perror("udp");
        exit(1);
    }
    return s;
}

static void on(int s, int level, int name)
{
    int one = 1;
    setsockopt(s, level, name, &one, sizeof(one));
}

/* sends "datagram" to the socket itself and receives it with room for every control message */
static void echo(int s, struct sockaddr_in *addr)
{
    sendto(s, "datagram", 8, 0, (void *) addr, sizeof(*addr));
    char data[16];
    struct iovec iov = {data, sizeof(data)};
    union {
        char buf[512];
        struct cmsghdr align;
    } control;
    struct sockaddr_in from;
    struct msghdr mh = {&from, sizeof(from), &iov, 1, control.buf, sizeof(control.buf), 0};
    recvmsg(s, &mh, 0);
}

/* a control buffer of one message of level, type and the data given, sent to no socket */
static void send_one(int level, int type, const void *data, size_t n)
{
    union {
        char buf[CMSG_SPACE(64)];
        struct cmsghdr align;
    } c;
    memset(&c, 0, sizeof(c));
    struct cmsghdr *cm = (void *) c.buf;
    cm->cmsg_len = CMSG_LEN(n);
    cm->cmsg_level = level;
    cm->cmsg_type = type;
    memcpy(CMSG_DATA(cm), data, n);
    struct msghdr mh = {NULL, 0, NULL, 0, c.buf, CMSG_SPACE(n), 0};
    sendmsg(-1, &mh, 0);
}

static void hand_made(void)
{
    long long times[6] = {1700000000, 123456, 1700000001, 999999999, 0, 1};
    send_one(SOL_SOCKET, SO_TIMESTAMP, times, 16);
    send_one(SOL_SOCKET, SO_TIMESTAMP, times, 8);               /* too short: ??? */
    send_one(SOL_SOCKET, SO_TIMESTAMPNS, times, 16);
    send_one(SOL_SOCKET, SO_TIMESTAMPING, times, 48);
    send_one(SOL_SOCKET, SO_TIMESTAMPING, times, 40);
    send_one(SOL_SOCKET, SO_TIMESTAMP_NEW, times, 16);
    send_one(SOL_SOCKET, SO_TIMESTAMPNS_NEW, times, 16);
    send_one(SOL_SOCKET, 65 /* SO_TIMESTAMPING_NEW */, times, 48);
    send_one(SOL_SOCKET, SCM_SECURITY, "system_u:object_r", 17);
    send_one(SOL_SOCKET, 0x77, times, 8);
    struct ucred cred = {.pid = 1, .uid = -1, .gid = 12345};
    send_one(SOL_SOCKET, SCM_CREDENTIALS, &cred, sizeof(cred));
    int fds[40];
    for (int i = 0; i < 40; i++)
        fds[i] = i;
    send_one(SOL_SOCKET, SCM_RIGHTS, fds, 16 * sizeof(int));
    struct in_pktinfo pi = {.ipi_ifindex = 0xfacefeed, .ipi_addr.s_addr = htonl(0x7f000002)};
    send_one(SOL_IP, IP_PKTINFO, &pi, sizeof(pi));
    send_one(SOL_IP, IP_PKTINFO, &pi, sizeof(pi) - 1);
    unsigned char opts[40];
    for (int i = 0; i < 40; i++)
        opts[i] = i * 7;
    send_one(SOL_IP, IP_RETOPTS, opts, 40);
    send_one(SOL_IP, IP_CHECKSUM, fds, 8);
    struct {
        struct sock_extended_err ee;
        struct sockaddr_in offender;
    } err = {{.ee_errno = 111, .ee_origin = SO_EE_ORIGIN_ICMP, .ee_type = 3, .ee_code = 3, .ee_info = 7,
              .ee_data = 8}, {.sin_family = AF_INET, .sin_port = htons(53), .sin_addr.s_addr = htonl(0x0a000001)}};
    send_one(SOL_IP, IP_RECVERR, &err, sizeof(err));
    send_one(SOL_IP, SCM_SECURITY, "label", 5);
    send_one(SOL_IP, 0x55, opts, 4);
    send_one(0x99, 0x55, opts, 4);
    send_one(0xfacefeed, 0xfacefeed, opts, 4);
    send_one(SOL_SOCKET, 0xfacefeed, opts, 4);
}

int main(void)
{
    struct sockaddr_in addr;
    int s = udp_self(&addr);
    on(s, SOL_IP, IP_PKTINFO);
    on(s, SOL_IP, IP_RECVTTL);
    on(s, SOL_IP, IP_RECVTOS);
    on(s, SOL_IP, IP_RECVORIGDSTADDR);
    echo(s, &addr);
    close(s);

    s = udp_self(&addr);
    on(s, SOL_SOCKET, SO_TIMESTAMP);
    echo(s, &addr);
    close(s);
    s = udp_self(&addr);
    on(s, SOL_SOCKET, SO_TIMESTAMPNS);
    echo(s, &addr);
    close(s);
    s = udp_self(&addr);
    on(s, SOL_SOCKET, SO_TIMESTAMP_NEW);
    echo(s, &addr);
    close(s);
    s = udp_self(&addr);
    on(s, SOL_SOCKET, SO_TIMESTAMPNS_NEW);
    echo(s, &addr);

    /* control data the kernel is given: IP_PKTINFO, IP_TTL, IP_TOS */
    union {
        char buf[CMSG_SPACE(sizeof(struct in_pktinfo)) + 2 * CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } out;
    memset(&out, 0, sizeof(out));
    struct cmsghdr *cm = (void *) out.buf;
    cm->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
    cm->cmsg_level = SOL_IP;
    cm->cmsg_type = IP_PKTINFO;
    struct in_pktinfo *pi = (void *) CMSG_DATA(cm);
    pi->ipi_ifindex = 1;
    pi->ipi_spec_dst.s_addr = htonl(INADDR_LOOPBACK);
    cm = (void *) ((char *) cm + CMSG_SPACE(sizeof(struct in_pktinfo)));
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    cm->cmsg_level = SOL_IP;
    cm->cmsg_type = IP_TTL;
    *(int *) CMSG_DATA(cm) = 64;
    cm = (void *) ((char *) cm + CMSG_SPACE(sizeof(int)));
    cm->cmsg_len = CMSG_LEN(1);
    cm->cmsg_level = SOL_IP;
    cm->cmsg_type = IP_TOS;
    *CMSG_DATA(cm) = 0x10;
    struct iovec iov = {"out", 3};
    struct msghdr mh = {&addr, sizeof(addr), &iov, 1, out.buf, sizeof(out.buf), 0};
    sendmsg(s, &mh, 0);
    mh.msg_controllen = CMSG_SPACE(sizeof(struct in_pktinfo)) - 4;     /* a cut message */
    sendmsg(-1, &mh, 0);
    close(s);

    /* messages made up, for a call that fails: every printer and its length checks */
    hand_made();

    /* SCM_RIGHTS and SCM_CREDENTIALS over a unix socket pair */
    int pair[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    on(pair[1], SOL_SOCKET, SO_PASSCRED);
    union {
        char buf[CMSG_SPACE(3 * sizeof(int))];
        struct cmsghdr align;
    } rights;
    cm = (void *) rights.buf;
    cm->cmsg_len = CMSG_LEN(3 * sizeof(int));
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    int fds[3] = {0, 1, 2};
    memcpy(CMSG_DATA(cm), fds, sizeof(fds));
    struct msghdr rmh = {NULL, 0, &iov, 1, rights.buf, sizeof(rights.buf), 0};
    sendmsg(pair[0], &rmh, 0);
    char data[16];
    struct iovec in = {data, sizeof(data)};
    union {
        char buf[256];
        struct cmsghdr align;
    } got;
    struct msghdr gmh = {NULL, 0, &in, 1, got.buf, sizeof(got.buf), 0};
    recvmsg(pair[1], &gmh, MSG_CMSG_CLOEXEC);
    gmh.msg_controllen = 8;                         /* too small for any message: MSG_CTRUNC */
    sendmsg(pair[0], &(struct msghdr) {NULL, 0, &iov, 1, NULL, 0, 0}, 0);
    recvmsg(pair[1], &gmh, 0);
    return 0;
}
