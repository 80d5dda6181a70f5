/*
 * Socket calls whose captures SocketCaptureTest checks: a recv with MSG_TRUNC that returns more
 * than its 4-byte buffer (which ends where readable memory ends), and structures longer than a
 * small snap length (a sockaddr_in6, a group_req).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + page, page, PROT_NONE)) {
        perror("mmap");
        return 1;
    }
    int pair[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    send(pair[0], "a datagram of 31 bytes to cut..", 31, 0);
    recv(pair[1], p + page - 4, 4, MSG_TRUNC);

    struct sockaddr_in6 in6 = {.sin6_family = AF_INET6, .sin6_port = htons(80), .sin6_scope_id = 1};
    inet_pton(AF_INET6, "fe80::1", &in6.sin6_addr);
    connect(-1, (void *) &in6, sizeof(in6));
    struct group_req greq;
    memset(&greq, 'g', sizeof(greq));
    setsockopt(-1, SOL_IP, MCAST_JOIN_GROUP, &greq, sizeof(greq));
    return 0;
}
