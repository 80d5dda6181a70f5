/*
 * Receive calls whose MSG_TRUNC return is longer than the buffer, for SocketDecodingTest: strace
 * prints what the buffer holds, min(len, return value) bytes, never the bytes after it. Cases
 * after strace's own tests/recv-MSG_TRUNC.c and recvfrom-MSG_TRUNC.c. The buffers sit where
 * readable memory ends, so a recorder that copied the return value's bytes would find them
 * unreadable; other bytes follow the iovecs of recvmsg.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
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

int main(void)
{
    static const char datagram[] = "a datagram of 31 bytes to cut..";
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair)) {
        perror("socketpair");
        return 1;
    }
    char *buf = tail_alloc(4);
    send(pair[0], datagram, sizeof(datagram) - 1, 0);
    recv(pair[1], buf, 4, MSG_TRUNC);
    send(pair[0], datagram, sizeof(datagram) - 1, 0);
    recvfrom(pair[1], buf, 4, MSG_TRUNC, NULL, NULL);
    send(pair[0], datagram, sizeof(datagram) - 1, 0);
    recv(pair[1], buf, 4, 0);                       /* no MSG_TRUNC: the length read */
    send(pair[0], datagram, sizeof(datagram) - 1, 0);
    recv(pair[1], buf, 0, MSG_TRUNC);

    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof(addr);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    bind(u, (void *) &addr, sizeof(addr));
    getsockname(u, (void *) &addr, &alen);
    sendto(u, datagram, sizeof(datagram) - 1, 0, (void *) &addr, sizeof(addr));
    struct sockaddr_in from;
    socklen_t fromlen = sizeof(from);
    recvfrom(u, buf, 4, MSG_TRUNC, (void *) &from, &fromlen);

    /* recvmsg: two iovecs of 3 and 2 bytes, 8 bytes of the caller's after them */
    char *two = tail_alloc(16);
    memset(two, '-', 16);
    struct iovec iov[2] = {{two, 3}, {two + 8, 2}};
    struct msghdr mh = {NULL, 0, iov, 2, NULL, 0, 0};
    send(pair[0], datagram, sizeof(datagram) - 1, 0);
    recvmsg(pair[1], &mh, MSG_TRUNC);
    send(pair[0], datagram, sizeof(datagram) - 1, 0);
    recvmsg(pair[1], &mh, 0);
    close(u);
    close(pair[0]);
    close(pair[1]);
    return 0;
}
