/*
 * An execveat by a thread other than the leader, which ThreadExecveTest compares with strace 6.1
 * (its maybe_switch_tcbs: "<pid changed to N ...>", "+++ superseded by execve in pid N +++",
 * "<... execveat resumed>"). Without arguments the program starts a thread that executes the
 * program again with the argument "again" while the leader spins outside any syscall; the new
 * image exits at once. Build with -pthread.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile unsigned int started;

static void *thread(void *arg)
{
	char *argv[] = { arg, "again", NULL };

	while (!started) {
		/* until the leader spins */
	}
	syscall(SYS_execveat, AT_FDCWD, arg, argv, NULL, 0);
	_exit(1);
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1)
		return 0;
	if (pthread_create(&t, NULL, thread, argv[0]))
		return 2;
	for (;;)
		++started;
}
