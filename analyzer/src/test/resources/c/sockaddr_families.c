/* connect with the addresses of families strace decodes besides unix, inet, inet6 and netlink:
 * struct sockaddr_rxrpc (known and unknown services and socket types, transports of AF_INET and
 * AF_INET6 whole and cut short by transport_len, other transport families), AF_PACKET, AF_VSOCK,
 * AF_QIPCRTR, AF_XDP, AF_MCTP, AF_NFC, AF_ALG and AF_IEEE802154 (known and unknown values, reserved
 * and padding fields set, strings with and without their NUL), each also one
 * byte short of its structure (printed as sa_data). Every call fails with EBADF. */
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

static void call(void *r, int len)
{
    connect(-1, (struct sockaddr *) r, len);
}

/* a family, then the bytes of the rest of the structure */
static void raw(uint16_t family, const char *rest, int size)
{
    unsigned char b[128];
    memset(b, 0, sizeof(b));
    memcpy(b, &family, 2);
    memcpy(b + 2, rest, size - 2);
    call(b, size);
    call(b, size - 1);
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

    /* AF_PACKET: protocol (network order), ifindex, hatype, pkttype, halen, addr[8] */
    raw(17, "\x08\x00\x01\0\0\0\x01\0\x04\x06\x02\x42\0\x11\x22\x33\0\0", 20);
    raw(17, "\x12\x34\xff\xff\xff\xff\xfe\xff\x77\x08\x61\x62\x63\x64\x65\x66\x67\x68", 20);
    raw(17, "\x86\xdd\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
    {
        unsigned char ll[24];
        memset(ll, 0x61, sizeof(ll));
        ll[0] = 17;
        ll[1] = 0;
        ll[11] = 16;
        call(ll, sizeof(ll));
    }
    /* AF_VSOCK: reserved1, port, cid, flags, zero[3] */
    raw(40, "\0\0\xff\xff\xff\xff\x02\0\0\0\x01\0\0", 16);
    raw(40, "\xad\xde\x01\0\0\0\x07\0\0\0\xef\x42\0\0", 16);
    raw(40, "\0\0\0\0\0\0\xff\xff\xff\xff\x02\0\0\0", 16);
    /* AF_QIPCRTR: node, port */
    raw(42, "\0\0\xff\xff\xff\xff\xfe\xff\xff\xff", 12);
    raw(42, "\0\0\xce\xfa\xad\xde\0\0\0\0", 12);
    /* AF_XDP: flags, ifindex, queue id, shared umem fd */
    raw(44, "\x0d\xde\x01\0\0\0\x05\0\0\0\x07\0\0\0", 16);
    raw(44, "\xd0\xba\xde\xc0\xfe\xca\0\0\0\0\xad\xbe\xed\xfe", 16);
    raw(44, "\x02\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
    /* AF_MCTP: pad0, network, addr, type, tag, pad1 */
    raw(45, "\0\0\0\0\0\0\xff\x01\x08\xea", 12);
    raw(45, "\xce\xfa\xd2\xeb\x3a\x7f\x42\x23\x69\0", 12);
    /* AF_NFC: dev_idx, target_idx, protocol; the llcp form with saps, service name and its length */
    raw(39, "\0\0\x01\0\0\0\x2a\0\0\0\x07\0\0\0", 16);
    raw(39, "\0\0\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90", 17);
    {
        unsigned char nfc[96];
        memset(nfc, 0, sizeof(nfc));
        nfc[0] = 39;
        nfc[4] = 1;
        nfc[12] = 4;
        nfc[16] = 1;
        nfc[17] = 0x33;
        memcpy(nfc + 18, "urn:nfc:sn:snep\0tail", 21);
        nfc[88] = 21;
        call(nfc, sizeof(nfc));
        nfc[88] = 200;
        nfc[16] = 0xff;
        call(nfc, sizeof(nfc));
    }
    /* AF_ALG: type[14], feat, mask, name[] */
    {
        unsigned char alg[64];
        memset(alg, 0, sizeof(alg));
        alg[0] = 38;
        memcpy(alg + 2, "skcipher", 8);
        memcpy(alg + 16, "\0\x10\0\0\x01\x10\0\x80", 8);
        memcpy(alg + 24, "cbc(aes)", 8);
        call(alg, 40);
        call(alg, 25);
        memset(alg + 2, 'x', 14);
        memset(alg + 24, 'y', 40);
        call(alg, 64);
        call(alg, 24);
    }
    /* AF_IEEE802154: addr_type, pan_id, short address or hardware address */
    raw(36, "\0\0\x02\0\0\0\xff\xff\xfe\xff\0\0\0\0\0\0\0\0", 20);
    raw(36, "\0\0\x03\0\0\0\xce\xfa\x01\x02\x03\x04\x05\x06\x07\x08\0\0", 20);
    raw(36, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 20);
    raw(36, "\0\0\x09\0\0\0\x34\x12\xaa\xbb\0\0\0\0\0\0\0\0", 20);
    return 0;
}
