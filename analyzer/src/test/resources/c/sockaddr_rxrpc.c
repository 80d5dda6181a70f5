/* connect with struct sockaddr_rxrpc: known and unknown services and socket types, transports of
 * AF_INET and AF_INET6 whole and cut short by transport_len, other transport families, and an
 * address one byte short of the structure (printed as sa_data). Every call fails with EBADF. */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

struct rxrpc {
    uint16_t family, service, type, len;
    union {
        uint16_t family;
        struct sockaddr_in sin;
        struct sockaddr_in6 sin6;
    } t;
};

static void call(struct rxrpc *r, int len)
{
    connect(-1, (struct sockaddr *) r, len);
}

int main(void)
{
    struct rxrpc r;
    memset(&r, 0, sizeof(r));
    r.family = 33;
    r.service = 2500;
    r.type = SOCK_DGRAM;
    r.len = sizeof(struct sockaddr_in);
    r.t.sin.sin_family = AF_INET;
    r.t.sin.sin_port = htons(7001);
    inet_pton(AF_INET, "10.1.2.3", &r.t.sin.sin_addr);
    call(&r, sizeof(r));
    r.len = 7;
    call(&r, sizeof(r));
    r.service = 0x9999;
    r.type = 0x77;
    r.len = sizeof(struct sockaddr_in6);
    memset(&r.t, 0, sizeof(r.t));
    r.t.sin6.sin6_family = AF_INET6;
    r.t.sin6.sin6_port = htons(7003);
    r.t.sin6.sin6_flowinfo = htonl(12345);
    inet_pton(AF_INET6, "fe80::1", &r.t.sin6.sin6_addr);
    r.t.sin6.sin6_scope_id = 1;
    call(&r, sizeof(r));
    r.len = 24;
    call(&r, sizeof(r));
    r.len = 20;
    call(&r, sizeof(r));
    r.service = 1;
    r.type = SOCK_STREAM;
    for (int family = 0; family < 48; family += 7) {
        memset(&r.t, 0xa5, sizeof(r.t));
        r.t.family = family;
        r.len = 0xffff;
        call(&r, sizeof(r));
    }
    r.len = 3;
    call(&r, sizeof(r));
    call(&r, sizeof(r) - 1);
    return 0;
}
