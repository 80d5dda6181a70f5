/*
 * Constants of the socket calls that no name covers, for SocketDecodingTest: strace prints them in
 * hex followed by a comment naming the prefix it looked for (AF_???, SHUT_???), and so flags of
 * which no bit has a name; the names are strace 6.1's where today's kernel headers use others
 * (MSG_PROBE, MSG_CMSG_COMPAT).
 */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    sendto(-1, "", 0, 0x80000002, NULL, 0);
    sendto(-1, "", 0, 0x100000, NULL, 0);
    sendto(-1, "", 0, 0x10 | 0x20000 | 0x80000, NULL, 0);
    recvfrom(-1, NULL, 0, 0x200000 | MSG_DONTWAIT, NULL, NULL);
    socket(AF_INET, 0xf, 0);
    socket(AF_INET, 0xf | SOCK_CLOEXEC, 999);
    socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 17);
    socket(77, SOCK_STREAM | 0x100, 0);
    socket(AF_UNIX, 0, 0);
    socket(AF_NETLINK, SOCK_RAW, 99);
    socket(AF_PACKET + 100, SOCK_RAW, 3);
    socketpair(77, SOCK_STREAM, 5, NULL);
    shutdown(-1, 7);
    shutdown(-1, SHUT_RDWR);
    accept4(-1, NULL, NULL, 0x10);
    accept4(-1, NULL, NULL, SOCK_CLOEXEC | 0x10);
    listen(-1, -5);
    /* strace reads flags and enums as unsigned ints: the upper half of the register is not shown */
    syscall(SYS_sendto, -1, "", 0, 0xdefaced00000040UL, NULL, 0);
    syscall(SYS_recvmsg, -1, NULL, 0xdefaced00000000UL);
    syscall(SYS_shutdown, -1, 0xdefacedfacefeedUL);
    syscall(SYS_accept4, -1, NULL, NULL, 0xdefaced00080000UL);
    return 0;
}
