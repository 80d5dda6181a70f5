/* The nsfs ioctls that return fds (NS_GET_USERNS, NS_GET_PARENT: strace's RVAL_FD), for IoctlFdsTest's
 * -y comparison with strace: the owning user namespace of this process's UTS namespace, the parent of
 * a child's new user namespace (when unshare allows one), and failures (fd -1; the initial user
 * namespace has no parent). SIGCHLD is blocked so that no signal line carries the child's pid. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int uts = open("/proc/self/ns/uts", O_RDONLY);
    if (uts < 0)
        return 77;
    write(-1, "nsfs", 4);   /* the marker the test compares from */
    ioctl(-1, NS_GET_USERNS);
    ioctl(-1, NS_GET_PARENT);
    int owner = ioctl(uts, NS_GET_USERNS);
    if (owner >= 0) {
        ioctl(owner, NS_GET_NSTYPE);
        ioctl(owner, NS_GET_PARENT);
        close(owner);
    }
    int ready[2];
    if (pipe(ready) != 0)
        return 1;
    pid_t child = fork();
    if (child == 0) {
        char ok = unshare(CLONE_NEWUSER) == 0 ? 'y' : 'n';
        write(ready[1], &ok, 1);
        pause();
        _exit(0);
    }
    char ok = 'n';
    if (child > 0 && read(ready[0], &ok, 1) == 1 && ok == 'y') {
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/ns/user", (int) child);
        int user = open(path, O_RDONLY);
        int parent = ioctl(user, NS_GET_PARENT);
        ioctl(parent, NS_GET_NSTYPE);
        close(parent);
        close(user);
    }
    if (child > 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    close(uts);
    return 0;
}
