/*
 * Calls of the smaller decoders that MiscDecodingTest compares with strace 6.1's: the extended
 * attribute calls (names, values with and without a trailing NUL, NULL, unreadable and oversized
 * values, lists, XATTR_ flags). Usage: misc_calls FILE (a file it may create and remove).
 * Everything after the failed write of "jtrace-misc-begin" is deterministic but for addresses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
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

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	write(-1, "jtrace-misc-begin", 17);
	xattr_calls(argv[1]);
	return 0;
}
