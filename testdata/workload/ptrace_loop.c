/*
 * ptrace_loop: the floor of a ptrace recorder, for scripts/bench-recorder --prototype (issue 13).
 * Launches CMD traced with -f semantics (threads, forks, vforks followed; PTRACE_O_EXITKILL) and
 * stops it at the entry and exit of every syscall, as strace and jtrace-record do without seccomp.
 *
 *   gcc -O2 -o ptrace_loop testdata/workload/ptrace_loop.c
 *   ptrace_loop [-s] [-n] -a -- CMD ARGS...        (a) resume every stop, read nothing
 *   ptrace_loop [-s] [-n] -b FILE -- CMD ARGS...   (b) PTRACE_GET_SYSCALL_INFO at every stop; for
 *       the recorded syscalls, fwrite the info block and, for write/sendto at entry and
 *       read/recvfrom at exit, the buffer (process_vm_readv, at most 65536 bytes) to FILE
 *   -n  record trace=network only (default: trace=network,read,write,readv,writev,close)
 *   -s  as strace --seccomp-bpf: before its execve the child installs a seccomp filter returning
 *       SECCOMP_RET_TRACE for the recorded syscalls plus clone and clone3 (a new task's flags, as
 *       jtrace-record traps them), SECCOMP_RET_ALLOW otherwise; the tracer resumes with
 *       PTRACE_CONT, does the entry work at PTRACE_EVENT_SECCOMP and resumes with PTRACE_SYSCALL
 *       for the exit stop: two stops per recorded call, none for the others
 *
 * Exits with CMD's status. A prototype: no signal forwarding beyond passing signals on, no
 * detach, x86_64 numbers only; per-tid state is indexed by tid (pid_max at most 2^22).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define SNAP 65536
static uint64_t nr_of[1 << 22], buf_of[1 << 22]; /* the syscall a tid is in, and its buffer */
static char in_traced[1 << 22]; /* -s: between a tid's seccomp stop and its exit stop */
static char data[SNAP];
static int network_only;

static int recorded(uint64_t nr) { /* the network class, and read write close readv writev */
    return (nr >= 41 && nr <= 55) || nr == 288 || nr == 299 || nr == 307
           || (!network_only && (nr == 0 || nr == 1 || nr == 3 || nr == 19 || nr == 20));
}

static int trapped(uint64_t nr) { return recorded(nr) || nr == 56 || nr == 435; } /* clone, clone3 */

/* In the child, before execve: the filter, as jtrace-record's SeccompProgram (a test per run of numbers). */
static void install_filter(void) {
    struct sock_filter f[256];
    int n = 0;
    f[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    f[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    f[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[n++] = (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    for (uint64_t lo = 0, hi; lo < 512; lo = hi + 1) {
        for (hi = lo; trapped(lo) && trapped(hi + 1); hi++) {}
        if (!trapped(lo)) continue;
        f[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, lo, 0, 2); /* nr < lo: next run */
        f[n++] = (struct sock_filter) BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, hi, 1, 0);
        f[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    }
    f[n++] = (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog prog = { (unsigned short) n, f };
    long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
    if (rc < 0 && errno == EACCES) { /* without CAP_SYS_ADMIN the kernel asks for no_new_privs */
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
    }
    if (rc < 0) { perror("seccomp"); _exit(127); }
}

static void copy(FILE *out, pid_t tid, uint64_t addr, uint64_t len) {
    struct iovec local = { data, len < SNAP ? len : SNAP }, remote = { (void *) addr, local.iov_len };
    ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
    if (n > 0) fwrite(data, 1, (size_t) n, out);
}

int main(int argc, char **argv) {
    int full = 0, seccomp = 0, mode = 0, opt, status, code = 0;
    FILE *out = NULL;
    while ((opt = getopt(argc, argv, "+ab:sn")) != -1) {
        if (opt == 'a' || opt == 'b') mode = opt;
        if (opt == 'b') full = 1, out = fopen(optarg, "w");
        if (opt == 'b' && !out) { perror(optarg); return 2; }
        if (opt == 's') seccomp = 1;
        if (opt == 'n') network_only = 1;
        if (opt == '?') mode = 0, optind = argc;
    }
    if (!mode || optind >= argc || strcmp(argv[optind - 1], "--")) {
        fprintf(stderr, "usage: ptrace_loop [-s] [-n] -a -- CMD [ARGS...] | ptrace_loop [-s] [-n] -b FILE -- CMD [ARGS...]\n");
        return 2;
    }
    if (out) setvbuf(out, NULL, _IOFBF, 1 << 20);
    pid_t child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        raise(SIGSTOP);
        if (seccomp) install_filter();
        execvp(argv[optind], argv + optind);
        _exit(127);
    }
    waitpid(child, &status, 0);
    ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK
           | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL | (seccomp ? PTRACE_O_TRACESECCOMP : 0));
    ptrace(seccomp ? PTRACE_CONT : PTRACE_SYSCALL, child, 0, 0);
    for (;;) {
        pid_t tid = wait4(-1, &status, __WALL, NULL);
        if (tid < 0) break; /* ECHILD: every tracee is gone */
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            if (tid == child) code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            in_traced[tid] = 0;
            continue;
        }
        int sig = WSTOPSIG(status), event = status >> 16;
        if (sig == (SIGTRAP | 0x80) || event == PTRACE_EVENT_SECCOMP) {
            sig = 0;
            if (seccomp) in_traced[tid] = event == PTRACE_EVENT_SECCOMP; /* else the exit stop: PTRACE_CONT */
            if (full) {
                struct __ptrace_syscall_info si;
                ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof si, &si);
                if (si.op == PTRACE_SYSCALL_INFO_ENTRY || si.op == PTRACE_SYSCALL_INFO_SECCOMP) {
                    /* entry.nr/args and seccomp.nr/args share their offsets */
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
        } else if (event || sig == SIGSTOP || sig == SIGTRAP) {
            sig = 0; /* a ptrace event, a new thread's first stop */
        }
        ptrace(!seccomp || in_traced[tid] ? PTRACE_SYSCALL : PTRACE_CONT, tid, 0, sig);
    }
    if (out) fclose(out);
    return code;
}
