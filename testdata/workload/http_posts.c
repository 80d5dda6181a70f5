/*
 * http_posts: a bounded loopback HTTP/1.1 workload in C for the recorder's overhead benchmark
 * (scripts/bench-recorder --workload c; issue 13). One process: client threads on keep-alive
 * connections to 127.0.0.1 and one server thread per accepted connection (pthreads), so a
 * tracer's cost shows without a JVM's own syscalls around it.
 *
 *   gcc -O2 -pthread -o http_posts testdata/workload/http_posts.c
 *   ./http_posts [--requests N] [--clients C] [--body B] [--split] [--sendto]
 *                [--getppid G] [--summary FILE] [--timeout S]
 *
 * --requests N  POSTs in all, shared out among the clients (default 20000)
 * --clients C   client threads, each on its own connection with its own server thread (default 4)
 * --body B      request body bytes (default 256); the response body is about 40 bytes
 * --split       write the headers and the body of a request in two write(2) calls, as Java 11+
 *               clients often do; by default a request is one write(2)
 * --sendto      send with sendto(2) and receive with recvfrom(2) instead of write(2) and read(2),
 *               as Java 8 clients send: the exchanges then fall in strace's "network" class
 * --getppid G   G getppid() calls per request in the client thread, outside any network trace
 *               set (untraced syscalls for the seccomp comparison; default 0)
 * --summary F   write the JSON summary to F (atomically) instead of stdout
 * --timeout S   give up with exit status 3 after S seconds (default 120)
 *
 * Both ends set TCP_NODELAY (a split request's body must not wait for the delayed ACK).
 * Requests carry Content-Length; both sides parse it and read until the message is whole, from
 * a 64 KiB buffer per connection (one read(2) per message when it arrived whole). The summary's
 * elapsed_ms is the exchange phase only: from just before the client threads start until all
 * are joined (connects and accepts included, process start-up not), as HttpWorkload.java's.
 * Exit status 0 when every request got its response, 1 otherwise, 2 on a usage error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BUF 65536

static long requests = 20000, clients = 4, body_size = 256, getppids = 0;
static int split, use_sendto;
static int port;
static char *body;
static atomic_long sent_requests, split_requests, responses, client_sent, client_received,
        server_sent, server_received, getppid_calls;

/* A connection's read side: bytes read but not yet consumed stay for the next message. */
struct conn { int fd; char buf[BUF]; size_t len; };

static void die(const char *what) { perror(what); exit(1); }

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = use_sendto ? sendto(fd, p, n, 0, NULL, 0) : write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w, n -= (size_t) w;
    }
    return 0;
}

/* Reads one message (headers + Content-Length body) into c->buf; returns its length, 0 at a clean
 * end of stream, -1 on error. The message is consumed by the caller through consume(). */
static long read_message(struct conn *c) {
    for (;;) {
        char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
        if (end) {
            long head = end + 4 - c->buf, length = 0;
            char *cl = memmem(c->buf, (size_t) head, "Content-Length:", 15);
            if (cl) length = strtol(cl + 15, NULL, 10);
            if (head + length > BUF) return -1;
            if ((long) c->len >= head + length) return head + length;
        }
        if (c->len == BUF) return -1;
        ssize_t r = use_sendto ? recvfrom(c->fd, c->buf + c->len, BUF - c->len, 0, NULL, NULL)
                               : read(c->fd, c->buf + c->len, BUF - c->len);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) return c->len == 0 ? 0 : -1;
        c->len += (size_t) r;
    }
}

static void consume(struct conn *c, long n) {
    memmove(c->buf, c->buf + n, c->len - (size_t) n);
    c->len -= (size_t) n;
}

static void nodelay(int fd) {
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) die("setsockopt");
}

static void *server(void *arg) {
    struct conn *c = arg;
    char resp[256];
    nodelay(c->fd);
    for (;;) {
        long n = read_message(c);
        if (n <= 0) break;
        server_received += n;
        char *eol = memchr(c->buf, '\r', (size_t) n);
        int line = eol ? (int) (eol - c->buf) : 0;
        if (line > 100) line = 100;
        int rb = snprintf(NULL, 0, "accepted %.*s\n", line, c->buf);
        int len = snprintf(resp, sizeof resp, "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\n"
                "Content-Length: %d\r\n\r\naccepted %.*s\n", rb, line, c->buf);
        consume(c, n);
        server_sent += len; /* counted first: the client's reply implies it */
        if (write_all(c->fd, resp, (size_t) len) < 0) break;
    }
    close(c->fd);
    free(c);
    return NULL;
}

static void *client(void *arg) {
    long id = (long) arg, count = requests / clients + (id < requests % clients);
    struct conn *c = calloc(1, sizeof *c);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (!c || (c->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0) die("socket");
    if (connect(c->fd, (struct sockaddr *) &a, sizeof a) < 0) die("connect");
    nodelay(c->fd);
    char *req = malloc((size_t) body_size + 256);
    for (long i = 0; i < count; i++) {
        int head = sprintf(req, "POST /orders/%ld?seq=%ld HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                "Content-Type: application/json\r\nContent-Length: %ld\r\n\r\n", id, i, port, body_size);
        memcpy(req + head, body, (size_t) body_size);
        int bad = split ? write_all(c->fd, req, (size_t) head) < 0
                          || write_all(c->fd, req + head, (size_t) body_size) < 0
                        : write_all(c->fd, req, (size_t) (head + body_size)) < 0;
        if (bad) break;
        if (split) split_requests++;
        sent_requests++;
        client_sent += head + body_size;
        for (long g = 0; g < getppids; g++) syscall(SYS_getppid);
        getppid_calls += getppids;
        long n = read_message(c);
        if (n <= 0) { fprintf(stderr, "http_posts: client %ld: no response to request %ld\n", id, i); break; }
        consume(c, n);
        client_received += n;
        responses++;
    }
    close(c->fd);
    free(req);
    free(c);
    return NULL;
}

static void timeout(int sig) {
    (void) sig;
    static const char msg[] = "http_posts: timed out\n";
    if (write(2, msg, sizeof msg - 1)) {}
    _exit(3);
}

int main(int argc, char **argv) {
    const char *summary = NULL;
    long limit = 120;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--split")) { split = 1; continue; }
        if (!strcmp(o, "--sendto")) { use_sendto = 1; continue; }
        if (i + 1 >= argc) goto usage;
        const char *v = argv[++i];
        if (!strcmp(o, "--requests")) requests = atol(v);
        else if (!strcmp(o, "--clients")) clients = atol(v);
        else if (!strcmp(o, "--body")) body_size = atol(v);
        else if (!strcmp(o, "--getppid")) getppids = atol(v);
        else if (!strcmp(o, "--summary")) summary = v;
        else if (!strcmp(o, "--timeout")) limit = atol(v);
        else goto usage;
    }
    if (requests < 0 || clients < 1 || clients > 1000 || body_size < 0 || body_size > BUF - 512 || getppids < 0)
        goto usage;
    signal(SIGALRM, timeout);
    alarm((unsigned) limit);
    signal(SIGPIPE, SIG_IGN);
    body = malloc((size_t) body_size + 1);
    for (long i = 0; i < body_size; i++) body[i] = (char) ('a' + i % 26);

    int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
            || bind(ls, (struct sockaddr *) &a, sizeof a) < 0 || listen(ls, (int) clients) < 0
            || getsockname(ls, (struct sockaddr *) &a, &alen) < 0) die("listen");
    port = ntohs(a.sin_port);

    pthread_t *ct = calloc((size_t) clients, sizeof *ct), *st = calloc((size_t) clients, sizeof *st);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < clients; i++)
        if (pthread_create(&ct[i], NULL, client, (void *) i)) die("pthread_create");
    for (long i = 0; i < clients; i++) {
        struct conn *c = calloc(1, sizeof *c);
        if (!c || (c->fd = accept(ls, NULL, NULL)) < 0) die("accept");
        if (pthread_create(&st[i], NULL, server, c)) die("pthread_create");
    }
    for (long i = 0; i < clients; i++) pthread_join(ct[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    for (long i = 0; i < clients; i++) pthread_join(st[i], NULL);
    close(ls);
    double ms = (double) (t1.tv_sec - t0.tv_sec) * 1e3 + (double) (t1.tv_nsec - t0.tv_nsec) / 1e6;

    char json[512];
    snprintf(json, sizeof json, "{\"requests\":%ld,\"split_requests\":%ld,\"responses\":%ld,"
            "\"client_sent\":%ld,\"client_received\":%ld,\"server_sent\":%ld,\"server_received\":%ld,"
            "\"exit_code\":%d,\"elapsed_ms\":%.3f,\"getppid_calls\":%ld,\"clients\":%ld,\"body\":%ld,\"port\":%d}\n",
            (long) sent_requests, (long) split_requests, (long) responses, (long) client_sent,
            (long) client_received, (long) server_sent, (long) server_received, responses != requests,
            ms, (long) getppid_calls, clients, body_size, port);
    fprintf(stderr, "http_posts: %ld requests, %ld responses in %.1f ms\n", (long) sent_requests, (long) responses, ms);
    if (summary) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", summary);
        FILE *f = fopen(tmp, "w");
        if (!f || fputs(json, f) < 0 || fclose(f) != 0 || rename(tmp, summary) < 0) die(summary);
    } else {
        fputs(json, stdout);
    }
    return responses != requests;
usage:
    fprintf(stderr, "usage: http_posts [--requests N] [--clients C] [--body B] [--split] [--sendto] [--getppid G]"
            " [--summary FILE] [--timeout S]\n");
    return 2;
}
