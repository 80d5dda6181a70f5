/*
 * Calls for InjectTest to tamper with, under strace -e inject=/-e fault= and jtrace-record with the
 * same qualifiers: chdir, sched_yield, getpid (also in a second thread: counts are per thread), getppid
 * with a signal, getuid with only a signal, dup and dup2 under two qualifiers, bpf
 * with retval= (it then succeeds without privileges), sendfile's offset and readlinkat's buffer poked
 * (poke_enter=, poke_exit=). Writes what it saw
 * (return values, errno, signals caught) to the file named by argv[1]: the program's own view,
 * which must be the same under both tracers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, usr2;
static FILE *view;
static long main_pid;

static void on_usr1(int sig) { (void) sig; usr1++; }
static void on_usr2(int sig) { (void) sig; usr2++; }

static void saw(const char *what, long ret)
{
	if (ret == -1)
		fprintf(view, "%s = -1 errno %d\n", what, errno);
	else
		fprintf(view, "%s = %ld\n", what, ret);
}

static void pid_call(const char *what)
{
	long pid = syscall(SYS_getpid);
	/* the real pid differs from run to run */
	fprintf(view, "%s = %s\n", what, pid == 42 ? "42" : pid == main_pid ? "pid" : "other");
}

static void *thread(void *arg)
{
	(void) arg;
	pid_call("thread getpid");
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2 || !(view = fopen(argv[1], "w")))
		return 2;
	setvbuf(view, NULL, _IONBF, 0);
	main_pid = syscall(SYS_gettid);
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, on_usr2);

	for (int i = 1; i <= 5; i++)
		saw("chdir", syscall(SYS_chdir, "/"));
	for (int i = 1; i <= 4; i++)
		saw("sched_yield", syscall(SYS_sched_yield));

	pid_call("getpid");
	pthread_t t;
	if (pthread_create(&t, NULL, thread, NULL) || pthread_join(t, NULL))
		return 3;
	pid_call("getpid");

	saw("getppid", syscall(SYS_getppid));
	fprintf(view, "SIGUSR1 caught %d\n", (int) usr1);
	saw("getuid", syscall(SYS_getuid) == getuid() ? 0 : 1);
	fprintf(view, "SIGUSR2 caught %d\n", (int) usr2);

	for (int i = 1; i <= 3; i++) {
		long fd = syscall(SYS_dup, 0);
		saw("dup", fd);
		if (fd >= 0)
			close(fd);
	}
	saw("dup2", syscall(SYS_dup2, 0, 9));

	/* retval= makes bpf succeed unprivileged; attributes strace prints as NULL or an address */
	static char attr[64];
	saw("bpf", syscall(SYS_bpf, 0, NULL, 256));
	saw("bpf", syscall(SYS_bpf, 5, attr, 0));
	saw("bpf", syscall(SYS_bpf, 0xfacefeed, NULL, 64));
	/* decoded attributes: BPF_MAP_CREATE (whole, cut short, with a non-zero tail), BPF_MAP_LOOKUP_ELEM,
	   BPF_MAP_GET_NEXT_ID, BPF_PROG_ATTACH, BPF_MAP_LOOKUP_BATCH */
	uint32_t create[20] = {2, 4, 8, 256, 0x5, -1, -1};
	memcpy(&create[7], "jtrace-map", 11);
	create[11] = 1;
	create[19] = 7;
	saw("bpf", syscall(SYS_bpf, 0, create, 72));
	saw("bpf", syscall(SYS_bpf, 0, create, 36));
	saw("bpf", syscall(SYS_bpf, 0, create, 80));
	uint64_t lookup[4] = {(uint32_t) -1, (uintptr_t) attr, 0, 4};
	saw("bpf", syscall(SYS_bpf, 1, lookup, 32));
	uint32_t next[3] = {1, 2, 0x8};
	saw("bpf", syscall(SYS_bpf, 12, next, 12));
	uint32_t attach[5] = {-1, 3, 2, 2, 0};
	saw("bpf", syscall(SYS_bpf, 8, attach, 20));
	uint64_t batch[7] = {0, 0, (uintptr_t) attr, (uintptr_t) attr, 8 | (uint64_t) (uint32_t) -1 << 32, 4, 0};
	saw("bpf", syscall(SYS_bpf, 24, batch, 56));

	/* poke_enter= sets the offset to 0 before the kernel reads it, poke_exit= overwrites the result */
	int fds[2];
	if (pipe(fds) == 0) {
		uint64_t off = 0xcafef00dfacefeedULL;
		saw("sendfile", syscall(SYS_sendfile, fds[1], 0, &off, 0));
		fprintf(view, "sendfile offset %#llx\n", (unsigned long long) off);
		char buf[8] = "zzzzzzz";
		saw("readlinkat", syscall(SYS_readlinkat, -100, "/nonexistent/link", buf, 7));
		fprintf(view, "readlinkat buffer %s\n", buf);
	}
	return 0;
}
