/* conns N: N loopback TCP connections, each: socket, connect, accept, one byte each way, close both;
 * prints the milliseconds they took. The cost of the recorder's fd probe (BENCHMARKS.md, "Fd state"). */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(l, (void *) &a, sizeof a); listen(l, 128);
    socklen_t len = sizeof a; getsockname(l, (void *) &a, &len);
    struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < n; i++) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        connect(c, (void *) &a, sizeof a);
        int s = accept(l, 0, 0);
        char b = 'x'; write(c, &b, 1); read(s, &b, 1); write(s, &b, 1); read(c, &b, 1);
        close(c); close(s);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%.0f\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    return 0;
}
