/*
 * Calls of the smaller decoders that MiscDecodingTest compares with strace 6.1's: the extended
 * attribute calls (names, values with and without a trailing NUL, NULL, unreadable and oversized
 * values, lists, XATTR_ flags) and the POSIX message queue calls (attributes, messages, timeouts,
 * sigevents, structures that end in an unreadable page), finit_module's and kexec_file_load's
 * strings (always with an invalid fd or flag: nothing is loaded, even as root). Usage: misc_calls FILE QUEUE (a file and
 * a queue name it may create and remove).
 * Everything after the failed write of "jtrace-misc-begin" is deterministic but for addresses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

/* n bytes that end where an inaccessible page begins */
static char *page_tail(size_t n)
{
	long ps = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + ps, ps, PROT_NONE))
		_exit(2);
	return p + ps - n;
}

static void xattr_calls(const char *path)
{
	static const char value[] = "foo\0bar";
	char *tail = page_tail(8);
	char buf[256];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	syscall(SYS_fsetxattr, -1, NULL, NULL, 0, XATTR_CREATE);
	syscall(SYS_fsetxattr, -1, NULL, value, 0, XATTR_CREATE);
	syscall(SYS_fsetxattr, -1, "user.test", tail, 65537, XATTR_CREATE);
	memcpy(tail + 1, value, 7);
	syscall(SYS_fsetxattr, -1, "user.test", tail + 1, 8, XATTR_CREATE);
	syscall(SYS_fsetxattr, fd, "user.test", value, sizeof(value), 0x10);
	syscall(SYS_fsetxattr, fd, "user.test", value, sizeof(value) - 1, XATTR_CREATE | XATTR_REPLACE);
	setxattr(path, "user.a-rather-long-attribute-name", "some text value\n", 16, 0);
	lsetxattr(path, "user.binary", "\x01\x02\xff", 3, XATTR_REPLACE);
	fsetxattr(fd, "user.nul", "text\0", 5, 0);
	getxattr(path, "user.nul", buf, sizeof(buf));
	lgetxattr(path, "user.a-rather-long-attribute-name", buf, sizeof(buf));
	fgetxattr(fd, "user.missing", buf, sizeof(buf));
	getxattr(path, "user.nul", buf, 0);
	getxattr(path, "user.nul", tail, 65537);
	listxattr(path, buf, sizeof(buf));
	llistxattr(path, buf, 0);
	flistxattr(-1, buf, 4);
	llistxattr("", buf, 4);
	removexattr(path, "user.nul");
	lremovexattr(path, "user.missing");
	fremovexattr(fd, "user.a-rather-long-attribute-name");
	close(fd);
	unlink(path);
}

static void mq_calls(const char *name)
{
	struct mq_attr *attr = (struct mq_attr *) page_tail(sizeof(*attr));
	struct timespec *ts = (struct timespec *) page_tail(sizeof(*ts));
	unsigned int *prio = (unsigned int *) page_tail(sizeof(*prio));
	char *msg = page_tail(40);
	char buf[64];

	memset(attr, 0, sizeof(*attr));
	attr->mq_flags = 0xdead;
	attr->mq_maxmsg = 2;
	attr->mq_msgsize = 40;
	syscall(SYS_mq_open, NULL, O_RDONLY);
	syscall(SYS_mq_open, name, O_RDONLY | O_CREAT, 0700, (char *) attr + 8);
	int q = syscall(SYS_mq_open, name, O_RDWR | O_CREAT | O_NONBLOCK, 0600, attr);
	syscall(SYS_mq_getsetattr, q, NULL, attr);
	attr->mq_flags = O_NONBLOCK | 1;
	syscall(SYS_mq_getsetattr, q, attr, NULL);
	syscall(SYS_mq_getsetattr, -1, attr, attr);
	for (int i = 0; i < 40; i++)
		msg[i] = "abc\1\377"[i % 5];
	ts->tv_sec = 1;
	ts->tv_nsec = 0;
	syscall(SYS_mq_timedsend, q, msg, 5, 7, ts);
	syscall(SYS_mq_timedsend, q, msg, 40, 3, NULL);
	syscall(SYS_mq_timedsend, q, msg + 8, 40, 3, ts);
	syscall(SYS_mq_timedsend, q, msg, 40, 3, (char *) ts + 8);
	syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), prio, ts);
	syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), NULL, NULL);
	syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), prio, ts);
	syscall(SYS_mq_timedreceive, q, buf, 10, prio, ts);

	struct sigevent *sev = (struct sigevent *) page_tail(32);
	memset(sev, 0, 32);
	sev->sigev_notify = SIGEV_SIGNAL;
	sev->sigev_signo = SIGUSR1;
	syscall(SYS_mq_notify, q, sev);
	syscall(SYS_mq_notify, q, NULL);
	sev->sigev_value.sival_ptr = (void *) (uintptr_t) 0xbadc0ded;
	sev->sigev_notify = SIGEV_NONE;
	syscall(SYS_mq_notify, q, sev);
	syscall(SYS_mq_notify, q, NULL);
	sev->sigev_notify = SIGEV_THREAD;
	syscall(SYS_mq_notify, -1, sev);
	sev->sigev_notify = 0x123;
	syscall(SYS_mq_notify, -1, sev);
	syscall(SYS_mq_notify, -1, (char *) sev + 8);
	close(q);
	syscall(SYS_mq_unlink, name);
	syscall(SYS_mq_unlink, name);
}

static void module_calls(void)
{
	char *tail = page_tail(40);
	memcpy(tail, "0123456789abcdefghijklmnopqrstuvwxyz0123", 40);
	syscall(SYS_finit_module, -1, NULL, 0);
	syscall(SYS_finit_module, -1, tail, 0x10);
	tail[39] = 0;
	syscall(SYS_finit_module, -1, tail, 2);
	syscall(SYS_finit_module, -1, tail + 30, 5);
	syscall(SYS_finit_module, -1, tail + 40, 0);
	tail[39] = '3';
	syscall(SYS_finit_module, -1, tail + 30, 0);
	syscall(SYS_kexec_file_load, -1, -1, 0, NULL, 0x100);
	syscall(SYS_kexec_file_load, -1, -1, 40, tail, 0x104);
	syscall(SYS_kexec_file_load, -1, -1, 7, "abcdef", 0xdeadbeef00000010ULL);
	syscall(SYS_kexec_file_load, -1, -1, 8, tail + 33, 0x100);
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	write(-1, "jtrace-misc-begin", 17);
	xattr_calls(argv[1]);
	mq_calls(argv[2]);
	module_calls();
	return 0;
}
