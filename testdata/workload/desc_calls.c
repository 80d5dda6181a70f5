/*
 * Desc and file calls whose decoding DescDecodingTest compares with strace 6.1's: fcntl's struct
 * flock and f_owner_ex and its other commands, the offsets of sendfile, splice and
 * copy_file_range, open's O_ACCMODE, memfd_create's flags and names, unsigned int arguments with
 * garbage in their upper halves, iovec arrays (long, failed, unreadable in the middle).
 * Everything after the failed write of "jtrace-desc-begin" is deterministic but for addresses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <unistd.h>

#define HIGH 0xdefaced00000000ULL

/* n bytes that end where an inaccessible page begins */
static char *page_tail(size_t n)
{
	long ps = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + ps, ps, PROT_NONE))
		_exit(2);
	return p + ps - n;
}

static long sys_fcntl(int fd, unsigned long long cmd, unsigned long long arg)
{
	return syscall(SYS_fcntl, fd, cmd, arg);
}

static void fcntl_calls(int fd, int pipe_r, int sealable)
{
	struct flock *fl = (struct flock *) page_tail(sizeof(*fl));
	memset(fl, 0, sizeof(*fl));
	fl->l_type = F_RDLCK;
	fl->l_len = 4096;
	sys_fcntl(fd, F_SETLK, (uintptr_t) fl);
	fl->l_type = F_WRLCK;
	sys_fcntl(fd, F_GETLK, (uintptr_t) fl);
	fl->l_type = F_UNLCK;
	sys_fcntl(fd, F_SETLKW, (uintptr_t) fl);
	fl->l_type = F_RDLCK;
	fl->l_whence = SEEK_END;
	fl->l_start = (off_t) 0xdefaced1facefeedULL;
	fl->l_len = (off_t) 0xdefaced2cafef00dULL;
	sys_fcntl(fd, F_SETLK, (uintptr_t) fl);
	fl->l_type = 7;
	fl->l_whence = 9;
	sys_fcntl(fd, F_SETLK, (uintptr_t) fl);
	sys_fcntl(fd, F_SETLK, (uintptr_t) fl + 1);
	sys_fcntl(fd, F_GETLK, (uintptr_t) fl + 1);
	sys_fcntl(fd, F_GETLK, 0);

	memset(fl, 0, sizeof(*fl));
	fl->l_type = F_WRLCK;
	fl->l_start = 10;
	fl->l_len = 20;
	sys_fcntl(fd, F_OFD_SETLK, (uintptr_t) fl);
	sys_fcntl(fd, F_OFD_GETLK, (uintptr_t) fl);
	fl->l_type = F_UNLCK;
	sys_fcntl(fd, F_OFD_SETLKW, (uintptr_t) fl);
	sys_fcntl(fd, F_OFD_GETLK, (uintptr_t) fl + 1);

	struct f_owner_ex *owner = (struct f_owner_ex *) page_tail(sizeof(*owner));
	owner->type = F_OWNER_TID;
	owner->pid = 1234567890;
	sys_fcntl(fd, F_SETOWN_EX, (uintptr_t) owner);
	owner->type = 5;
	owner->pid = 0;
	sys_fcntl(fd, F_SETOWN_EX, (uintptr_t) owner);
	owner->type = F_OWNER_PGRP;
	sys_fcntl(fd, F_SETOWN_EX, (uintptr_t) owner);
	sys_fcntl(fd, F_GETOWN_EX, (uintptr_t) owner);
	sys_fcntl(fd, F_GETOWN_EX, (uintptr_t) owner + 1);
	sys_fcntl(fd, F_SETOWN_EX, (uintptr_t) owner + 1);

	sys_fcntl(fd, F_SETOWN, 0);
	sys_fcntl(fd, F_GETOWN, 0);
	sys_fcntl(fd, F_SETSIG, 0);
	sys_fcntl(fd, F_SETSIG, SIGUSR1);
	sys_fcntl(fd, F_GETSIG, 0);
	sys_fcntl(fd, F_SETSIG, 99);
	sys_fcntl(fd, F_SETSIG, 0);
	sys_fcntl(fd, F_GETSIG, 0);
	sys_fcntl(fd, F_SETLEASE, F_UNLCK);
	sys_fcntl(fd, F_SETLEASE, 0x77);
	sys_fcntl(fd, F_GETLEASE, 0);
	sys_fcntl(fd, F_NOTIFY, DN_ACCESS | DN_MULTISHOT);
	sys_fcntl(sealable, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK);
	sys_fcntl(sealable, F_ADD_SEALS, 0x100);
	sys_fcntl(sealable, F_GET_SEALS, 0);
	sys_fcntl(pipe_r, F_GETPIPE_SZ, 0);
	sys_fcntl(pipe_r, F_SETPIPE_SZ, 8192);
	sys_fcntl(fd, F_DUPFD, HIGH | 20);
	sys_fcntl(fd, F_GETFD | HIGH, 0);
	sys_fcntl(fd, F_SETFL, O_ACCMODE | O_NONBLOCK);
	sys_fcntl(fd, F_GETFL, 0);
	sys_fcntl(fd, 12345, 0);
	sys_fcntl(fd, 12345, 0xdeadbeefcafeULL);
	sys_fcntl(fd, 12, 0);
	sys_fcntl(fd, 1027, 0);
	sys_fcntl(fd, 17 /* F_GETOWNER_UIDS */, 0);
}

static void offset_calls(int fd, int other, int pipe_r, int pipe_w)
{
	off_t *off = (off_t *) page_tail(sizeof(*off));
	*off = 2;
	syscall(SYS_sendfile, pipe_w, fd, (uintptr_t) off, 5);
	syscall(SYS_sendfile, pipe_w, fd, 0, 3);
	*off = 30;
	syscall(SYS_sendfile, pipe_w, fd, (uintptr_t) off, 0);
	syscall(SYS_sendfile, pipe_w, -1, (uintptr_t) off, 5);
	syscall(SYS_sendfile, pipe_w, fd, (uintptr_t) off + 1, 5);
	*off = -1;
	syscall(SYS_sendfile, pipe_w, fd, (uintptr_t) off, 5);

	loff_t *in = (loff_t *) page_tail(2 * sizeof(*in));
	loff_t *out = in + 1;
	*in = 1;
	*out = 100;
	syscall(SYS_splice, fd, (uintptr_t) in, pipe_w, 0, 4, HIGH | SPLICE_F_MOVE);
	syscall(SYS_splice, pipe_r, 0, fd, (uintptr_t) out, 4, 0x10);
	*in = -5;
	syscall(SYS_splice, fd, (uintptr_t) in, pipe_w, (uintptr_t) out + 1, 4, 0);
	syscall(SYS_tee, pipe_r, -1, 10, HIGH | SPLICE_F_NONBLOCK);

	*in = 0;
	*out = 40;
	syscall(SYS_copy_file_range, fd, (uintptr_t) in, other, (uintptr_t) out, 8, 0);
	syscall(SYS_copy_file_range, fd, 0, other, 0, 3, HIGH);
	syscall(SYS_copy_file_range, fd, (uintptr_t) out + 1, other, 0, 3, 1);
}

static void flag_calls(void)
{
	syscall(SYS_open, "/dev/null", O_RDONLY | O_ACCMODE);
	syscall(SYS_openat, AT_FDCWD, "/dev/null", HIGH | O_ACCMODE | O_CLOEXEC);
	syscall(SYS_memfd_create, "mfd", HIGH | 0xffffff0000000000ULL | MFD_CLOEXEC);
	syscall(SYS_memfd_create, "mfd", MFD_HUGETLB | (21 << 26 /* MFD_HUGE_SHIFT */));
	syscall(SYS_memfd_create, "mfd", 30 << 26 /* MFD_HUGE_SHIFT */);
	syscall(SYS_memfd_create, "mfd", 0);
	syscall(SYS_memfd_create, "mfd", 0x8);
	syscall(SYS_memfd_create, "mfd", -1ULL);
	syscall(SYS_memfd_create, "a name longer than the thirty-two bytes -s shows", 0);
	syscall(SYS_memfd_create, 0, 0);
	char *name = page_tail(250);
	for (int i = 0; i < 250; i++)
		name[i] = '0' + i % 10;
	syscall(SYS_memfd_create, name, 0);
	name = page_tail(40);
	memset(name, 'x', 40);
	syscall(SYS_memfd_create, name, 0);
	name = page_tail(4);
	memcpy(name, "abcd", 4);
	syscall(SYS_memfd_create, name, 0);
	syscall(SYS_close_range, HIGH | -2U, HIGH | -1U, HIGH | 1);
	syscall(SYS_close_range, HIGH | 7, HIGH | 7, 8);
	syscall(SYS_close_range, 1000, 1000, -1ULL);
	syscall(SYS_close_range, HIGH | 1000, HIGH | 1001, HIGH | 2);
}

static void iovec_calls(int fd, int pipe_r, int pipe_w)
{
	static char bytes[64];
	struct iovec many[40];
	for (int i = 0; i < 40; i++) {
		bytes[i] = 'a' + i % 26;
		many[i].iov_base = bytes + i;
		many[i].iov_len = 1;
	}
	syscall(SYS_pwritev, fd, many, 40, 0, 0);
	syscall(SYS_preadv, fd, many, 40, 0, 0);
	syscall(SYS_preadv, -1, many, 2, 0, 0);
	syscall(SYS_readv, -1, many, 3);
	syscall(SYS_preadv2, -1, many, 1, 5, 0, HIGH | 0x9);
	syscall(SYS_preadv2, fd, many, 1, 5, 0, 0x40);
	syscall(SYS_pwritev2, fd, many, 2, 0, 0, RWF_DSYNC);

	/* an array whose third element lies past the end of readable memory */
	struct iovec *cut = (struct iovec *) page_tail(2 * sizeof(struct iovec));
	cut[0].iov_base = bytes;
	cut[0].iov_len = 3;
	cut[1].iov_base = bytes + 3;
	cut[1].iov_len = 2;
	syscall(SYS_writev, pipe_w, cut, 3);
	syscall(SYS_readv, pipe_r, cut, 3);
	syscall(SYS_preadv, -1, cut, 3, 0, 0);
	syscall(SYS_writev, pipe_w, cut + 2, 1);
	syscall(SYS_writev, pipe_w, cut, 0);
}

/* other calls of strace's desc class: unsigned int arguments with garbage above, unknown values */
static void other_calls(int fd, int pipe_r, int pipe_w)
{
	static char two[] = "vm";
	struct iovec bytes_iov[2] = {{two, 1}, {two + 1, 1}};

	syscall(SYS_lseek, fd, -1L, HIGH | SEEK_CUR);
	syscall(SYS_lseek, fd, 0, 7);
	syscall(SYS_fadvise64, fd, 0, 0, HIGH | 1);
	syscall(SYS_fadvise64, fd, 0, 0, 99);
	syscall(SYS_flock, fd, HIGH | LOCK_SH);
	syscall(SYS_flock, fd, 0x10);
	syscall(SYS_flock, fd, LOCK_UN);
	syscall(SYS_fallocate, fd, HIGH | 0x1, 0, 8);
	syscall(SYS_fallocate, fd, 0x100, 0, 8);
	syscall(SYS_ftruncate, fd, -1L);
	syscall(SYS_ftruncate, fd, 36);
	syscall(SYS_readahead, fd, 0, -1L);
	syscall(SYS_pread64, fd, 0, 0, -5L);
	syscall(SYS_dup3, fd, 30, HIGH | O_CLOEXEC);
	syscall(SYS_dup3, fd, 31, 0x1);
	syscall(SYS_pipe2, 0, HIGH | 0x1);
	syscall(SYS_eventfd2, HIGH | 3, HIGH | EFD_CLOEXEC);
	syscall(SYS_eventfd2, 0, 0x4);
	syscall(SYS_epoll_create1, HIGH | EPOLL_CLOEXEC);
	syscall(SYS_epoll_create1, 0x4);
	syscall(SYS_epoll_ctl, 30, HIGH | 99, fd, 0);
	syscall(SYS_timerfd_create, HIGH | CLOCK_MONOTONIC, HIGH | TFD_CLOEXEC);
	syscall(SYS_timerfd_create, 99, 0x4);
	syscall(SYS_inotify_init1, HIGH | IN_CLOEXEC);
	syscall(SYS_inotify_init1, 0x4);
	syscall(SYS_signalfd4, -1, 0, 8, HIGH | 0x4);
	syscall(SYS_sync_file_range, fd, 0, 0, HIGH | 0x8);
	syscall(SYS_tee, pipe_r, -1, 10, 0x100);
	syscall(SYS_fadvise64, fd, 0, -1L, 0);
	syscall(SYS_vmsplice, pipe_w, bytes_iov, 2, SPLICE_F_NONBLOCK);
	syscall(SYS_fchmod, -1, HIGH | 0xffff0644);
	syscall(SYS_fchown, -1, HIGH | 0xffff0000, -1L);
	syscall(SYS_mkdirat, -1, "jtrace-none", HIGH | 0177777);
	syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent/jtrace", 0x2000);
	syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent/jtrace", HIGH | 0x10);
	syscall(SYS_renameat2, AT_FDCWD, "/nonexistent/a", AT_FDCWD, "/nonexistent/b", 0x8);
	syscall(SYS_faccessat2, AT_FDCWD, "/", F_OK, HIGH | 0x10);
	syscall(SYS_statx, AT_FDCWD, "/nonexistent/jtrace", 0, 0x80000000U, 0);
	syscall(SYS_close, HIGH | 30);
	syscall(SYS_dup, HIGH | 31);
	syscall(SYS_dup2, HIGH | 31, HIGH | 32);
	syscall(SYS_fsync, HIGH | 32);
	syscall(SYS_getdents64, HIGH | 32, 0, HIGH | 16);
}

int main(void)
{
	int pipe_fds[2];
	syscall(SYS_close_range, 3, ~0U, 0); /* fds inherited from whoever started us */
	if (pipe(pipe_fds))
		return 2;
	write(-1, "jtrace-desc-begin", 17);
	int fd = syscall(SYS_memfd_create, "jtrace-desc", MFD_CLOEXEC);
	int other = syscall(SYS_memfd_create, "jtrace-other", 0);
	int sealable = syscall(SYS_memfd_create, "jtrace-sealed", MFD_ALLOW_SEALING);
	write(fd, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
	fcntl_calls(fd, pipe_fds[0], sealable);
	offset_calls(fd, other, pipe_fds[0], pipe_fds[1]);
	flag_calls();
	iovec_calls(fd, pipe_fds[0], pipe_fds[1]);
	other_calls(fd, pipe_fds[0], pipe_fds[1]);
	write(-1, "jtrace-desc-end", 15);
	return 0;
}
