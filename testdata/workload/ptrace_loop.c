/*
 * ptrace_loop: the floor of a ptrace recorder, for scripts/bench-recorder --prototype (issue 13).
 * Launches CMD traced with -f semantics (threads, forks, vforks followed; PTRACE_O_EXITKILL) and
 * stops it at the entry and exit of every syscall, as strace and jtrace-record do without seccomp.
 *
 *   gcc -O2 -o ptrace_loop testdata/workload/ptrace_loop.c
 *   ptrace_loop -a -- CMD ARGS...          (a) resume every stop, read nothing
 *   ptrace_loop -b FILE -- CMD ARGS...     (b) PTRACE_GET_SYSCALL_INFO at every stop; for the
 *       syscalls of trace=network,read,write,readv,writev,close, fwrite the info block and, for
 *       write/sendto at entry and read/recvfrom at exit, the buffer (process_vm_readv, at most
 *       65536 bytes) to FILE
 *
 * Exits with CMD's status. A prototype: no signal forwarding beyond passing signals on, no
 * detach, x86_64 numbers only; per-tid state is indexed by tid (pid_max at most 2^22).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define SNAP 65536
static uint64_t nr_of[1 << 22], buf_of[1 << 22]; /* the syscall a tid is in, and its buffer */
static char data[SNAP];

static int recorded(uint64_t nr) { /* read write close readv writev, and the network class */
    return nr == 0 || nr == 1 || nr == 3 || nr == 19 || nr == 20 || (nr >= 41 && nr <= 55)
           || nr == 288 || nr == 299 || nr == 307;
}

static void copy(FILE *out, pid_t tid, uint64_t addr, uint64_t len) {
    struct iovec local = { data, len < SNAP ? len : SNAP }, remote = { (void *) addr, local.iov_len };
    ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
    if (n > 0) fwrite(data, 1, (size_t) n, out);
}

int main(int argc, char **argv) {
    int full = argc > 3 && !strcmp(argv[1], "-b"), first = full ? 4 : 3, status, code = 0;
    if (argc <= first || (!full && strcmp(argv[1], "-a")) || strcmp(argv[first - 1], "--")) {
        fprintf(stderr, "usage: ptrace_loop -a -- CMD [ARGS...] | ptrace_loop -b FILE -- CMD [ARGS...]\n");
        return 2;
    }
    FILE *out = full ? fopen(argv[2], "w") : NULL;
    if (full && !out) { perror(argv[2]); return 2; }
    if (out) setvbuf(out, NULL, _IOFBF, 1 << 20);
    pid_t child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        raise(SIGSTOP);
        execvp(argv[first], argv + first);
        _exit(127);
    }
    waitpid(child, &status, 0);
    ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK
           | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
    ptrace(PTRACE_SYSCALL, child, 0, 0);
    for (;;) {
        pid_t tid = wait4(-1, &status, __WALL, NULL);
        if (tid < 0) break; /* ECHILD: every tracee is gone */
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            if (tid == child) code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            continue;
        }
        int sig = WSTOPSIG(status);
        if (sig == (SIGTRAP | 0x80)) {
            sig = 0;
            if (full) {
                struct __ptrace_syscall_info si;
                ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof si, &si);
                if (si.op == PTRACE_SYSCALL_INFO_ENTRY) {
                    nr_of[tid] = si.entry.nr, buf_of[tid] = si.entry.args[1];
                    if (recorded(si.entry.nr)) {
                        fwrite(&si, sizeof si, 1, out);
                        if (si.entry.nr == 1 || si.entry.nr == 44) copy(out, tid, si.entry.args[1], si.entry.args[2]);
                    }
                } else if (si.op == PTRACE_SYSCALL_INFO_EXIT && recorded(nr_of[tid])) {
                    fwrite(&si, sizeof si, 1, out);
                    if ((nr_of[tid] == 0 || nr_of[tid] == 45) && si.exit.rval > 0)
                        copy(out, tid, buf_of[tid], (uint64_t) si.exit.rval);
                }
            }
        } else if (status >> 16 || sig == SIGSTOP || sig == SIGTRAP) {
            sig = 0; /* a ptrace event, a new thread's first stop */
        }
        ptrace(PTRACE_SYSCALL, tid, 0, sig);
    }
    if (out) fclose(out);
    return code;
}
