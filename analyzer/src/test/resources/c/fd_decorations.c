/*
 * fd_decorations: the fds strace -y and -yy decorate, for StraceOptionsTest: a TCP listener,
 * a connected pair through it, a UNIX socketpair, /dev/null opened and duplicated (once with
 * garbage above the fd's 32 bits, which the kernel ignores), an inotify fd, then all closed.
 */
#include <sys/syscall.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(l, (void *) &a, sizeof a); listen(l, 1);
    socklen_t n = sizeof a; getsockname(l, (void *) &a, &n);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (void *) &a, sizeof a);
    int s = accept(l, 0, 0);
    write(c, "x", 1); char b; read(s, &b, 1);
    int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    write(sv[0], "y", 1);
    int d = open("/dev/null", O_RDONLY); dup(d); dup2(c, 20);
    int e = syscall(SYS_dup, 0xdefaced00000000ULL | d);
    close(e);
    close(syscall(SYS_inotify_init1, 0)); close(20); close(s); close(c); close(l); close(sv[0]); close(sv[1]); close(d);
    return 0;
}
