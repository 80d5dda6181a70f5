/* conns N [unix]: N loopback TCP connections (or, with "unix", connections to a UNIX socket in the
 * current directory), each: socket, connect, accept, one byte each way, close both; prints the
 * milliseconds they took. The cost of the recorder's fd probe (BENCHMARKS.md, "Fd state"). */
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    int unix_socket = argc > 2 && strcmp(argv[2], "unix") == 0;
    int family = unix_socket ? AF_UNIX : AF_INET;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    struct sockaddr_un u = { .sun_family = AF_UNIX, .sun_path = "conns.sock" };
    void *addr = unix_socket ? (void *) &u : (void *) &a;
    socklen_t len = unix_socket ? sizeof u : sizeof a;
    unlink(u.sun_path);
    int l = socket(family, SOCK_STREAM, 0);
    bind(l, addr, len); listen(l, 128);
    getsockname(l, addr, &len);
    struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < n; i++) {
        int c = socket(family, SOCK_STREAM, 0);
        connect(c, addr, len);
        int s = accept(l, 0, 0);
        char b = 'x'; write(c, &b, 1); read(s, &b, 1); write(s, &b, 1); read(c, &b, 1);
        close(c); close(s);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (unix_socket)
        unlink(u.sun_path);
    printf("%.0f\n", (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    return 0;
}
