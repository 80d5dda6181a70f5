/* fanotify_init and fanotify_mark with known, unknown and mixed flags, FAN_NOFD, AT_FDCWD and a
 * directory fd (most calls fail: only their decoding matters). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    long fd = syscall(SYS_fanotify_init, 0x4 | 0x1 | 0x2, O_RDWR | O_LARGEFILE);
    syscall(SYS_fanotify_init, 0xc | 0x80000000UL, O_WRONLY | O_CLOEXEC);
    syscall(SYS_fanotify_init, 0, 0);
    syscall(SYS_fanotify_mark, fd, 0x1 | 0x10, 0x40000000UL | 0x8 | 0x1, -100, "/");
    syscall(SYS_fanotify_mark, fd, 0x2, 0x08000000UL | 0x100000000UL, -1, 0);
    syscall(SYS_fanotify_mark, fd, 0x80000000UL, 0xffffffff00000000UL, 0, "/nonexistent");
    syscall(SYS_fanotify_mark, fd, 0, 0, AT_FDCWD, "/tmp");
    syscall(SYS_fanotify_mark, -1, 0x1, 0x1, -1, 0);
    return 0;
}
