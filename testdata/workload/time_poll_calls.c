/*
 * Calls whose structures VerboseDecodingTest compares with strace 6.1's under its abbreviation
 * options (-v, -s, -e verbose=none): poll and ppoll's pollfd arrays and revents, select and
 * pselect6's fd_sets, timeouts and time left, signal masks, epoll_event, itimerspec, the time
 * pairs of utimensat, futimesat and utimes, struct stat, statx and statfs, getdents' entries, ustat's device, message queues,
 * perf_event_open's flags, and poll's and select's fds as -P matches them. argv[1]: a directory for a file to stat.
 * Everything after the failed write of "jtrace-verbose-begin" is deterministic but for addresses,
 * the file's inode and its ctime.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
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

static void polls(int r, int w)
{
	struct pollfd fds[4] = {{r, POLLIN | POLLPRI, 0}, {w, POLLOUT | POLLWRBAND, 0}, {-1, POLLIN, 0},
				{w, 0x4000, 0}};
	syscall(SYS_poll, fds, 4, 0);
	syscall(SYS_poll, NULL, 0, 0);
	struct pollfd many[40];
	for (int i = 0; i < 40; i++) {
		many[i].fd = i % 2 ? w : r;
		many[i].events = i % 2 ? POLLOUT : POLLIN;
	}
	syscall(SYS_poll, many, 40, 0);
	struct pollfd *tail = (struct pollfd *) page_tail(2 * sizeof(struct pollfd));
	tail[0] = fds[0];
	tail[1] = fds[1];
	syscall(SYS_poll, tail, 3, 0);

	struct timespec zero = {0, 0}, bad = {1, 1000000000};
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGRTMIN + 2);
	syscall(SYS_ppoll, fds, 2, &zero, &set, 8);
	syscall(SYS_ppoll, fds, 1, &bad, NULL, 8);
	sigfillset(&set);
	sigdelset(&set, SIGHUP);
	syscall(SYS_ppoll, NULL, 0, &zero, &set, 8);
	syscall(SYS_ppoll, fds, 2, NULL, &set, 4);
}

static void selects(int r, int w)
{
	fd_set in, out, ex;
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_ZERO(&ex);
	FD_SET(r, &in);
	FD_SET(w, &in);
	FD_SET(w, &out);
	FD_SET(r, &ex);
	struct timeval tv = {0, 0};
	syscall(SYS_select, w + 1, &in, &out, &ex, &tv);
	struct timeval short_tv = {0, 100};
	syscall(SYS_select, 0, NULL, NULL, NULL, &short_tv);
	syscall(SYS_select, -1, NULL, NULL, NULL, NULL);

	FD_ZERO(&in);
	FD_SET(r, &in);
	struct timespec ts = {0, 0};
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	struct { void *mask; size_t size; } sas = {&set, 8}, none = {NULL, 8};
	syscall(SYS_pselect6, w + 1, &in, NULL, NULL, &ts, &sas);
	syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, &none);
}

static void epolls(int r, int w)
{
	int ep = epoll_create1(0);
	struct epoll_event ev = {EPOLLIN | EPOLLET, {.u64 = 0x1234567890ULL}};
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, r, &ev);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, r, &ev);
	ev.events = 0x8000000;
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, r, &ev);
	struct epoll_event out = {EPOLLOUT, {.u64 = 7}};
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, w, &out);
	struct epoll_event got[4];
	syscall(SYS_epoll_wait, ep, got, 4, 0);
	syscall(SYS_epoll_wait, -1, got, 4, 0);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	syscall(SYS_epoll_pwait, ep, got, 4, 0, &set, 8);
	close(ep);

	int sfd = syscall(SYS_signalfd4, -1, &set, 8, SFD_CLOEXEC);
	close(sfd);
}

/* fds that refer to /dev/null, for -P /dev/null: poll's and select's fds are matched too */
static void null_fds(int r)
{
	int dn = open("/dev/null", O_RDONLY);
	struct pollfd fds[2] = {{r, POLLIN, 0}, {dn, POLLIN, 0}};
	syscall(SYS_poll, fds, 2, 0);
	syscall(SYS_poll, fds, 1, 0);
	fd_set in;
	FD_ZERO(&in);
	FD_SET(dn, &in);
	struct timeval tv = {0, 0};
	syscall(SYS_select, dn + 1, &in, NULL, NULL, &tv);
	close(dn);
}

/* a message queue: mq_open's attributes, mq_getsetattr's, a message sent and received */
static void queues(void)
{
	struct { long flags, maxmsg, msgsize, curmsgs, pad[4]; } attr = {0, 4, 16, 0, {0}}, old;
	int q = syscall(SYS_mq_open, "jtrace-verbose-mq", O_RDWR | O_CREAT, 0600, &attr);
	syscall(SYS_mq_getsetattr, q, NULL, &old);
	attr.flags = O_NONBLOCK;
	syscall(SYS_mq_getsetattr, q, &attr, &old);
	struct timespec zero = {0, 0};
	syscall(SYS_mq_timedsend, q, "hello", 5, 3, &zero);
	char buf[16];
	unsigned int prio;
	syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), &prio, &zero);
	syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), &prio, &zero);
	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_ptr = (void *) 0xdeadbeefbadc0dedULL;   /* never followed */
	syscall(SYS_mq_notify, q, &sev);
	syscall(SYS_mq_notify, q, NULL);
	close(q);
	syscall(SYS_mq_unlink, "jtrace-verbose-mq");
	syscall(SYS_mq_open, "jtrace-verbose-mq", O_RDONLY);
}

static void timers(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec its = {{1, 2}, {0, 0}}, old;
	syscall(SYS_timerfd_settime, fd, 0, &its, &old);
	syscall(SYS_timerfd_gettime, fd, &old);
	syscall(SYS_timerfd_settime, fd, 0, page_tail(16), &old);
	close(fd);

	struct timespec zero = {0, 0};
	syscall(SYS_recvmmsg, -1, NULL, 1, 0, &zero);
	syscall(SYS_perf_event_open, NULL, 0xfacef00dUL, 0xbadabba7UL, -1L, ~0UL);
}

static void files(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/stat.sample", dir);
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0640);
	if (fd < 0)
		_exit(3);
	write(fd, "12345", 5);
	struct timespec ts[2] = {{1492358706, 123456789}, {1492357068, 0}};
	syscall(SYS_utimensat, AT_FDCWD, path, ts, 0);
	struct timespec special[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
	syscall(SYS_utimensat, fd, NULL, special, 0);
	syscall(SYS_utimensat, AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW);
	/* dates of years past 9999 and before 1000 (glibc's %Y: no padding, no '+') */
	struct timespec far[2] = {{320255973501901LL, 987654321}, {-30610224000LL - 86400LL * 365 * 900, 0}};
	syscall(SYS_utimensat, -1, NULL, far, 0);
	syscall(SYS_utimensat, AT_FDCWD, path, ts, 0);
	struct timeval tv[2] = {{1492356708, 567891}, {1492357086, 678902}};
	syscall(SYS_futimesat, AT_FDCWD, path, tv);
	struct timeval badtv[2] = {{1, 1000000}, {2, 3}};
	syscall(SYS_futimesat, AT_FDCWD, path, badtv);
	syscall(SYS_utimes, path, tv);

	struct stat st;
	syscall(SYS_fstat, fd, &st);
	syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0);
	syscall(SYS_stat, path, &st);
	syscall(SYS_lstat, "/dev/null", &st);
	syscall(SYS_fstat, fd, page_tail(100));
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	char dents[4096];
	syscall(SYS_getdents64, dfd, dents, sizeof(dents));
	lseek(dfd, 0, SEEK_SET);
	syscall(SYS_getdents, dfd, dents, sizeof(dents));
	syscall(SYS_getdents64, dfd, dents, sizeof(dents));
	close(dfd);
	char stx[256];
	syscall(SYS_statx, AT_FDCWD, path, 0, 0xfff, stx);
	syscall(SYS_statx, AT_FDCWD, path, 0x6100, 0x7ff, stx);
	syscall(SYS_statx, fd, "", AT_EMPTY_PATH, 0x3, page_tail(64));
	syscall(SYS_newfstatat, AT_FDCWD, "/nonexistent/jtrace", &st, AT_SYMLINK_NOFOLLOW);
	close(fd);
	unlink(path);

	/* proc's statfs is the same from run to run */
	struct statfs sfs;
	syscall(SYS_statfs, "/proc", &sfs);
	int pfd = open("/proc/self/status", O_RDONLY);
	syscall(SYS_fstatfs, pfd, &sfs);
	syscall(SYS_fstatfs, pfd, page_tail(8));
	close(pfd);
	syscall(SYS_ustat, 0xfacefeedffffffffULL, NULL);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	int p[2];
	if (pipe(p))
		return 2;
	write(-1, "jtrace-verbose-begin", 20);
	write(p[1], "x", 1);
	polls(p[0], p[1]);
	selects(p[0], p[1]);
	epolls(p[0], p[1]);
	null_fds(p[0]);
	queues();
	timers();
	files(argv[1]);
	return 0;
}
