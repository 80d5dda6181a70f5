/*
 * ioctl requests whose decoding IoctlDecodingTest compares with strace 6.1's: the common ones of
 * real programs on a pty, a socket, a pipe, /dev/urandom and a file (TCGETS, TCSETS, TIOCGWINSZ,
 * FIONREAD, FIONBIO, SIOCGIFCONF, SIOCGIFFLAGS on lo, RNDGETENTCNT, FS_IOC_GETFLAGS...), and the
 * cases strace prints differently: failed calls (EBADF, EFAULT), NULL, a structure that ends in an
 * unreadable page, unknown requests. Everything after the failed write of "jtrace-ioctl-begin" is
 * deterministic on one machine but for addresses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/input.h>
#include <linux/nsfs.h>
#include <linux/ptp_clock.h>
#include <linux/random.h>
#include <net/if.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
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

static long sys_ioctl(int fd, unsigned long request, unsigned long arg)
{
	return syscall(SYS_ioctl, fd, request, arg);
}

static void terminal(void)
{
	int pty = posix_openpt(O_RDWR | O_NOCTTY);
	if (pty < 0)
		_exit(3);
	struct termios t;
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	int n = 0, on = 0;
	sys_ioctl(pty, TCGETS, (unsigned long) &t);
	t.c_lflag &= ~(ICANON | ECHO);
	sys_ioctl(pty, TCSETS, (unsigned long) &t);
	sys_ioctl(pty, TCSETSW, (unsigned long) &t);
	sys_ioctl(pty, TIOCSWINSZ, (unsigned long) &ws);
	sys_ioctl(pty, TIOCGWINSZ, (unsigned long) &ws);
	sys_ioctl(pty, TIOCSPTLCK, (unsigned long) &on);
	sys_ioctl(pty, FIONREAD, (unsigned long) &n);
	sys_ioctl(pty, TIOCMGET, (unsigned long) &n);
	sys_ioctl(pty, TCFLSH, TCIOFLUSH);
	sys_ioctl(pty, TCXONC, 7);
	sys_ioctl(pty, FIOCLEX, 0);
	sys_ioctl(pty, FIONCLEX, 0);
	/* failed: no such fd, a NULL and an unreadable structure */
	sys_ioctl(-1, TCGETS, (unsigned long) &t);
	sys_ioctl(-1, TCSETS, (unsigned long) &t);
	sys_ioctl(pty, TCGETS, 0);
	sys_ioctl(pty, TCSETS, (unsigned long) page_tail(20));
	sys_ioctl(pty, TIOCSWINSZ, (unsigned long) page_tail(4));
	close(pty);
}

static void sockets(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	int p[2];
	int n = 0, on = 1;
	struct ifreq ifr;
	struct ifreq ifrs[4];
	struct ifconf ifc = { .ifc_len = sizeof(ifrs), .ifc_buf = (char *) ifrs };
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	sys_ioctl(s, FIONBIO, (unsigned long) &on);
	sys_ioctl(s, FIONREAD, (unsigned long) &n);
	sys_ioctl(s, SIOCGIFFLAGS, (unsigned long) &ifr);
	sys_ioctl(s, SIOCGIFINDEX, (unsigned long) &ifr);
	sys_ioctl(s, SIOCGIFMTU, (unsigned long) &ifr);
	sys_ioctl(s, SIOCGIFADDR, (unsigned long) &ifr);
	sys_ioctl(s, SIOCGIFNAME, (unsigned long) &ifr);
	sys_ioctl(s, SIOCGIFCONF, (unsigned long) &ifc);
	ifc.ifc_buf = NULL;
	sys_ioctl(s, SIOCGIFCONF, (unsigned long) &ifc);
	strcpy(ifr.ifr_name, "jtrace-none");
	sys_ioctl(s, SIOCGIFFLAGS, (unsigned long) &ifr);
	sys_ioctl(s, SIOCGIFCONF, 0);
	close(s);
	if (pipe(p))
		_exit(4);
	if (write(p[1], "hello", 5) != 5)
		_exit(5);
	sys_ioctl(p[0], FIONREAD, (unsigned long) &n);
	close(p[0]);
	close(p[1]);
}

static void files(void)
{
	int r = open("/dev/urandom", O_RDONLY);
	int n = 0, flags = 0;
	sys_ioctl(r, RNDGETENTCNT, (unsigned long) &n);
	close(r);
	char name[] = "/tmp/jtrace-ioctl-XXXXXX";
	int f = mkstemp(name);
	if (f < 0)
		_exit(6);
	unlink(name);
	if (write(f, "0123456789", 10) != 10)
		_exit(7);
	sys_ioctl(f, FS_IOC_GETFLAGS, (unsigned long) &flags);
	sys_ioctl(f, FIONREAD, (unsigned long) &n);
	struct fiemap fm = { .fm_start = 0, .fm_length = ~0ULL, .fm_flags = FIEMAP_FLAG_SYNC, .fm_extent_count = 0 };
	sys_ioctl(f, FS_IOC_FIEMAP, (unsigned long) &fm);
	sys_ioctl(f, BLKGETSIZE64, (unsigned long) &n);
	/* cp --reflink's clone requests, on an fd that cannot take them */
	struct file_clone_range range = { .src_fd = f, .src_offset = 1, .src_length = 2, .dest_offset = 3 };
	sys_ioctl(-1, FICLONE, f);
	sys_ioctl(-1, FICLONERANGE, (unsigned long) &range);
	close(f);
	int ns = open("/proc/self/ns/net", O_RDONLY);
	if (ns >= 0) {
		sys_ioctl(ns, NS_GET_NSTYPE, 0);
		close(ns);
	}
	/* unknown requests, printed as _IOC(...) or by number */
	sys_ioctl(-1, _IOC(_IOC_READ, 0xde, 0xad, 8), (unsigned long) &n);
	sys_ioctl(-1, _IOC(_IOC_WRITE | _IOC_READ, 'T', 0xee, 0x10), 0xdeadbeef);
	sys_ioctl(-1, 0x89ff, 0);
	/* requests named with parameters (an event type strace does not know among them) */
	sys_ioctl(-1, EVIOCGBIT(EV_KEY, 8), (unsigned long) &n);
	sys_ioctl(-1, EVIOCGBIT(0x1f, 8), (unsigned long) &n);
	/* a PTP clock's start: its date in a comment, none under -X raw */
	struct ptp_perout_request perout = {.start = {4886718345LL, 123456789}, .period = {11259375, 0}, .index = 3};
	sys_ioctl(-1, PTP_PEROUT_REQUEST, (unsigned long) &perout);
}

int main(void)
{
	if (write(-1, "jtrace-ioctl-begin", 18) != -1)
		return 1;
	terminal();
	sockets();
	files();
	return 0;
}
