/*
 * execve and execveat calls that ExecDecodingTest compares with strace 6.1's: argv and envp
 * arrays empty, short, longer than strace's 32 elements, with strings longer than -s, with
 * pointers that cannot be read, ending where an inaccessible page begins (unterminated), NULL and
 * unreadable. The path never exists, so no exec happens.
 * Everything after the failed write of "jtrace-exec-begin" is deterministic but for addresses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MISSING "/nonexistent/jtrace-exec\nprogram"

/* n pointers that end where an inaccessible page begins */
static char **page_tail(size_t n)
{
	long ps = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + ps, ps, PROT_NONE))
		_exit(2);
	return (char **) (p + ps) - n;
}

static long call_execveat(int dirfd, const char *path, char **argv, char **envp, int flags)
{
	return syscall(SYS_execveat, dirfd, path, argv, envp, flags);
}

int main(void)
{
	static char long_string[] = "0123456789012345678901234567890123456789";
	char *argv[] = { "first", "second\tquoted\"", NULL };
	char *envp[] = { "HOME=/nowhere", "A=b", NULL };
	char *one[] = { "only", NULL };
	char *empty[] = { NULL };
	char *many[41];
	char **tail = page_tail(5);
	char **unterminated = page_tail(3);

	if (write(-1, "jtrace-exec-begin", 17) != -1)
		return 1;
	for (int i = 0; i < 40; i++)
		many[i] = long_string + i;
	many[40] = NULL;
	tail[0] = "tail";
	tail[1] = (char *) -1;
	tail[2] = (char *) -2;
	tail[3] = "";
	tail[4] = "x";
	unterminated[0] = "ENV=1";
	unterminated[1] = "ENV=2";
	unterminated[2] = "ENV=3";

	syscall(SYS_execve, MISSING, argv, envp);
	syscall(SYS_execve, MISSING, one, empty);
	syscall(SYS_execve, MISSING, NULL, NULL);
	call_execveat(AT_FDCWD, MISSING, argv, envp, 0);
	call_execveat(AT_FDCWD, MISSING, tail, unterminated, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH);
	call_execveat(-1, MISSING, empty, one, 0x10000 | AT_SYMLINK_NOFOLLOW);
	call_execveat(AT_FDCWD, MISSING, many, many, 0);
	call_execveat(AT_FDCWD, MISSING, many + 8, many + 9, 0);
	call_execveat(AT_FDCWD, MISSING, tail + 5, tail + 5, 0);
	call_execveat(AT_FDCWD, MISSING, (char **) -1, (char **) -1, 0);
	call_execveat(AT_FDCWD, MISSING, unterminated, NULL, 0);
	return 0;
}
