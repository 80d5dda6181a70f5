/*
 * Calls whose capture CaptureDecodingTest compares with strace 6.1's output: sendmmsg and
 * recvmmsg vectors (names, several iovecs, more messages than -s shows, a vector that ends in
 * unreadable memory, a timeout), SCM_RIGHTS with more fds than -s shows, a file name that is not
 * UTF-8 under -y, a file opened by a relative path that the program removes (-P), a write
 * whose buffer ends in unreadable memory after 64 KiB and iovecs empty or cut short (-e write=, read=).
 * Run it in a directory holding a file "capture-tmpfile". Everything after the failed write of
 * "jtrace-capture-begin" is deterministic but for addresses, inodes, pids and the time left.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define MANY 40

/* n bytes that end where an inaccessible page begins */
static char *page_tail(size_t n)
{
	long ps = sysconf(_SC_PAGESIZE);
	size_t size = (n + ps - 1) / ps * ps;
	char *p = mmap(NULL, size + ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + size, ps, PROT_NONE))
		return NULL;
	return p + size - n;
}

int main(void)
{
	if (write(-1, "jtrace-capture-begin", 20) != -1)
		return 1;

	/* -P capture-tmpfile: the fd is the file's although the path is gone when the trace is read */
	int fd = open("capture-tmpfile", O_WRONLY | O_TRUNC);
	if (fd < 0 || write(fd, "relative", 8) != 8)
		return 2;
	close(fd);
	unlink("capture-tmpfile");

	/* -y: a name that is not UTF-8 */
	static const char odd[] = "capture-\377\200-\t-name";
	fd = open(odd, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		return 3;
	fsync(fd);
	close(fd);
	unlink(odd);

	int sv[2];
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return 4;

	/* two messages, the first of two iovecs */
	static char a[] = "012", b[] = "34567", c[] = "89abcde";
	struct iovec out0[] = { { a, 3 }, { b, 5 } };
	struct iovec out1[] = { { c, 7 } };
	struct mmsghdr out[2];
	memset(out, 0, sizeof(out));
	out[0].msg_hdr.msg_iov = out0;
	out[0].msg_hdr.msg_iovlen = 2;
	out[1].msg_hdr.msg_iov = out1;
	out[1].msg_hdr.msg_iovlen = 1;
	if (sendmmsg(sv[1], out, 2, MSG_DONTWAIT) != 2)
		return 5;

	char r0[8], r1[8], r2[8];
	struct iovec in0[] = { { r0, 8 } };
	struct iovec in1[] = { { r1, 8 }, { r2, 8 } };
	struct sockaddr_storage from[2];
	struct mmsghdr in[2];
	memset(in, 0, sizeof(in));
	in[0].msg_hdr.msg_name = &from[0];
	in[0].msg_hdr.msg_namelen = sizeof(from[0]);
	in[0].msg_hdr.msg_iov = in0;
	in[0].msg_hdr.msg_iovlen = 1;
	in[1].msg_hdr.msg_iov = in1;
	in[1].msg_hdr.msg_iovlen = 2;
	struct timespec timeout = { 1, 0 };
	if (recvmmsg(sv[0], in, 2, 0, &timeout) != 2)
		return 6;

	/* more messages than -s shows */
	static struct mmsghdr many[MANY];
	static struct iovec one[MANY];
	static char digits[] = "0123456789";
	for (int i = 0; i < MANY; i++) {
		one[i].iov_base = &digits[i % 10];
		one[i].iov_len = 1;
		many[i].msg_hdr.msg_iov = &one[i];
		many[i].msg_hdr.msg_iovlen = 1;
	}
	if (sendmmsg(sv[1], many, MANY, MSG_DONTWAIT) != MANY)
		return 7;
	if (recvmmsg(sv[0], many, MANY, MSG_DONTWAIT, NULL) != MANY)
		return 8;

	/* a vector whose second message lies in unreadable memory */
	struct mmsghdr *tail = (struct mmsghdr *) page_tail(sizeof(struct mmsghdr));
	if (!tail)
		return 9;
	*tail = out[1];
	sendmmsg(-1, tail, 2, MSG_DONTWAIT);
	recvmmsg(-1, tail, 2, MSG_DONTWAIT, &timeout);

	/* SCM_RIGHTS of more fds than -s shows */
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(MANY * sizeof(int))];
	} control;
	memset(&control, 0, sizeof(control));
	control.h.cmsg_len = CMSG_LEN(MANY * sizeof(int));
	control.h.cmsg_level = SOL_SOCKET;
	control.h.cmsg_type = SCM_RIGHTS;
	int *fds = (int *) CMSG_DATA(&control.h);
	for (int i = 0; i < MANY; i++)
		fds[i] = sv[i % 2];
	struct iovec data = { c, 7 };
	struct msghdr msg = {
		.msg_iov = &data, .msg_iovlen = 1,
		.msg_control = &control, .msg_controllen = sizeof(control)
	};
	sendmsg(sv[1], &msg, MSG_DONTWAIT);
	close(sv[0]);
	close(sv[1]);

	/* -e write=3: a buffer that ends in unreadable memory is dumped 64 KiB at a time, up to the piece that is not */
	const size_t readable = 65536 + 16;
	char *big = page_tail(readable);
	if (!big || open("/dev/null", O_WRONLY) != 3)
		return 10;
	for (size_t i = 0; i < readable; i++)
		big[i] = (char) i;
	write(3, big, readable + 2);

	/* -e write=3 -e read=4: iovecs dumped up to the first empty one, one whose memory ends announced only */
	struct iovec gap[] = { { a, 3 }, { c, 0 }, { b, 5 } };
	writev(3, gap, 3);
	char *edge = page_tail(2);
	struct iovec cut[] = { { a, 3 }, { edge, 4 }, { b, 5 } };
	writev(3, cut, 3);
	if (open("/dev/zero", O_RDONLY) != 4)
		return 11;
	struct iovec zeros[] = { { r0, 4 }, { r1, 0 }, { r2, 4 } };
	readv(4, zeros, 3);
	return 0;
}
