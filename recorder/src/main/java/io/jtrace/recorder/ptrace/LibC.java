package io.jtrace.recorder.ptrace;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;

/**
 * The libc functions the recorder calls, declared with their C names (jnr-posix style).
 *
 * <p>{@code ptrace} is reached through {@code syscall(2)}: glibc's {@code ptrace} is variadic and
 * rewrites the PEEK requests' return convention, while the raw system call has one uniform
 * contract. glibc's {@code syscall} is assembly that only shuffles registers, so declaring it
 * with fixed {@code long} arguments is sound on x86_64 and aarch64. Pointers the kernel only
 * sees as numbers are passed as {@code long} addresses. Every method saves errno, read right
 * after the call on the same thread through {@link Native#errno()}.
 */
@SaveError
public interface LibC {
    long SYS_PTRACE_X86_64 = 101;

    long syscall(long number, long a1, long a2, long a3, long a4);

    /** {@code pid_t wait4(pid_t pid, int *wstatus, int options, struct rusage *rusage)}; the status in native memory we own. */
    int wait4(int pid, Pointer wstatus, int options, Pointer rusage);

    /** The iovec arrays live in native memory we own (a raw-address declaration got EINVAL through jffi). */
    long process_vm_readv(int pid, Pointer localIov, long liovcnt, Pointer remoteIov, long riovcnt, long flags);

    int tgkill(int tgid, int tid, int sig);

    int kill(int pid, int sig);

    int getpid();

    int gettid();

    String strerror(int errnum);

    int pipe2(int[] fds, int flags);

    int close(int fd);

    /** {@code ssize_t readlink(const char *path, char *buf, size_t size)}, into native memory we own. */
    long readlink(String path, Pointer buf, long size);

    /** On an fd of our own (a tracee's, duplicated by pidfd_getfd): its name, its peer, an option. */
    int getsockname(int fd, Pointer addr, Pointer addrlen);

    int getpeername(int fd, Pointer addr, Pointer addrlen);

    int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

    int open(String path, int flags, int mode);

    long write(int fd, byte[] buf, long count);

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    /** glibc 2.34+: close every fd from {@code from} on in the child. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

    /** glibc's {@code struct sigaction} (not the kernel's): glibc supplies the restorer. */
    int sigaction(int sig, Pointer act, Pointer oldact);

    int pthread_sigmask(int how, Pointer set, Pointer oldset);

    /** SIGRTMIN as glibc defines it at run time (it keeps the first real-time signals for itself). */
    int __libc_current_sigrtmin();

    int setrlimit(int resource, Pointer rlim);
}
