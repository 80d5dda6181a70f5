/*
 * Both ends of N loopback TCP connections in one trace: a child connects N times, sends one HTTP POST on each
 * and reads the answer; the parent accepts (with accept(fd, NULL, NULL) as many C servers do, or with an address
 * buffer when a second argument is given), reads the request and answers. The client never calls getsockname.
 * usage: pair_ends N [addr]
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 5;
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 16)) {
        perror("bind/listen");
        return 1;
    }
    socklen_t len = sizeof a;
    getsockname(l, (struct sockaddr *)&a, &len);
    pid_t child = fork();
    if (child == 0) {
        for (int i = 0; i < n; i++) {
            int c = socket(AF_INET, SOCK_STREAM, 0);
            if (connect(c, (struct sockaddr *)&a, sizeof a)) {
                perror("connect");
                _exit(1);
            }
            char req[128];
            int k = snprintf(req, sizeof req, "POST /pair/%d HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi", i);
            if (write(c, req, k) != k) {
                _exit(1);
            }
            char buf[512];
            if (read(c, buf, sizeof buf) <= 0) {
                _exit(1);
            }
            close(c);
        }
        _exit(0);
    }
    for (int i = 0; i < n; i++) {
        struct sockaddr_in peer;
        socklen_t peerlen = sizeof peer;
        int s = argc > 2 ? accept(l, (struct sockaddr *)&peer, &peerlen) : accept(l, NULL, NULL);
        char buf[512];
        if (s < 0 || read(s, buf, sizeof buf) <= 0) {
            return 1;
        }
        const char *r = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        if (write(s, r, strlen(r)) != (ssize_t)strlen(r)) {
            return 1;
        }
        close(s);
    }
    int status;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
