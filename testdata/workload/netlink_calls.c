/* Netlink traffic for NetlinkDecodingTest: sock_diag requests and the kernel's answers (a unix
 * socket looked up by inode, an empty dump's NLMSG_DONE, an NLMSG_ERROR for a bad family) over
 * sendto/recvfrom and sendmsg/recvmsg, and an unprivileged RTM_GETLINK request. */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static char answer[16384];

struct diag_request {
    struct nlmsghdr nlh;
    struct unix_diag_req req;
};

static void request(struct diag_request *r, unsigned flags, unsigned states, unsigned ino) {
    memset(r, 0, sizeof(*r));
    r->nlh.nlmsg_len = sizeof(*r);
    r->nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    r->nlh.nlmsg_flags = flags;
    r->nlh.nlmsg_seq = 7;
    r->req.sdiag_family = AF_UNIX;
    r->req.udiag_states = states;
    r->req.udiag_ino = ino;
    r->req.udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_RQLEN;
    r->req.udiag_cookie[0] = r->req.udiag_cookie[1] = ~0U;
}

int main(void) {
    if (write(-1, "netlink", 7) != -1) {
        return 1;
    }
    int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
    struct sockaddr_nl nl = {.nl_family = AF_NETLINK};
    socklen_t len = sizeof(nl);
    if (fd < 0 || bind(fd, (struct sockaddr *) &nl, sizeof(nl)) || getsockname(fd, (struct sockaddr *) &nl, &len)) {
        perror("netlink socket");
        return 1;
    }

    /* a listening unix socket with an abstract name, looked up by its inode */
    int unix_fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un un = {.sun_family = AF_UNIX};
    int n = snprintf(un.sun_path + 1, sizeof(un.sun_path) - 1, "jtrace-netlink-%07d", getpid());   /* one length: the same attribute sizes every run */
    struct stat st;
    if (bind(unix_fd, (struct sockaddr *) &un, offsetof(struct sockaddr_un, sun_path) + 1 + n)
            || listen(unix_fd, 1) || fstat(unix_fd, &st)) {
        perror("unix socket");
        return 1;
    }
    struct diag_request r;
    request(&r, NLM_F_REQUEST, 1 << 10 /* TCP_LISTEN */, st.st_ino);
    sendto(fd, &r, sizeof(r), 0, NULL, 0);
    recvfrom(fd, answer, sizeof(answer), 0, NULL, NULL);

    /* a dump that matches nothing: NLMSG_DONE alone; through sendmsg and recvmsg */
    request(&r, NLM_F_REQUEST | NLM_F_DUMP, 0, 0);
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    struct iovec iov = {&r, sizeof(r)};
    struct msghdr msg = {.msg_name = &kernel, .msg_namelen = sizeof(kernel), .msg_iov = &iov, .msg_iovlen = 1};
    sendmsg(fd, &msg, 0);
    struct iovec in = {answer, sizeof(answer)};
    struct msghdr reply = {.msg_name = &kernel, .msg_namelen = sizeof(kernel), .msg_iov = &in, .msg_iovlen = 1};
    recvmsg(fd, &reply, 0);

    /* a family sock_diag does not know: the kernel answers NLMSG_ERROR with the request */
    request(&r, NLM_F_REQUEST, 0, 0);
    r.req.sdiag_family = 200;
    sendto(fd, &r, sizeof(r), 0, NULL, 0);
    recvfrom(fd, answer, sizeof(answer), 0, NULL, NULL);
    close(fd);

    /* a route socket's request: RTM_GETLINK dump header with a struct rtgenmsg */
    int route = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    struct {
        struct nlmsghdr nlh;
        struct rtgenmsg gen;
    } link;
    memset(&link, 0, sizeof(link));   /* the padding after rtgenmsg too */
    link.nlh = (struct nlmsghdr) {sizeof(link), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0};
    link.gen.rtgen_family = AF_PACKET;
    sendto(route, &link, sizeof(link), MSG_DONTWAIT, NULL, 0);
    close(route);
    close(unix_fd);
    return 0;
}
