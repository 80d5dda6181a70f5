/*
 * Calls that pass pids, made from a new pid namespace (PidnsTranslationTest): the process unshares
 * a user and a pid namespace (no root needed where unprivileged user namespaces are allowed), forks
 * its namespace's init (pid 1 there), which forks pid 2; pid 2 starts a session and then passes
 * its pid, tid and process group to fcntl, f_owner_ex, connect (nl_pid), sendto (nlmsg_pid) and
 * gets its own through SO_PEERCRED. Exits 77 when the namespaces cannot be made.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/netlink.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void calls(void)
{
	pid_t pid = getpid();
	pid_t tid = syscall(SYS_gettid);
	setsid();
	write(-1, "marker", 6);

	fcntl(0, F_SETOWN, pid);
	fcntl(0, F_GETOWN);
	fcntl(0, F_SETOWN, -getpgrp());
	struct f_owner_ex owner = { .type = F_OWNER_TID, .pid = tid };
	fcntl(0, F_SETOWN_EX, &owner);
	fcntl(0, F_GETOWN_EX, &owner);
	owner.type = F_OWNER_PGRP;
	owner.pid = getpgrp();
	fcntl(0, F_SETOWN_EX, &owner);
	owner.type = F_OWNER_PID;
	owner.pid = 12345;	/* no such process: no translation */
	fcntl(0, F_SETOWN_EX, &owner);

	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
		struct ucred cred;
		socklen_t len = sizeof(cred);
		getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len);
	}

	struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = pid, .nl_groups = 0 };
	connect(-1, (struct sockaddr *) &nl, sizeof(nl));
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	if (fd >= 0) {
		struct nlmsghdr h = { .nlmsg_len = sizeof(h), .nlmsg_type = NLMSG_NOOP, .nlmsg_flags = NLM_F_REQUEST,
				      .nlmsg_seq = 0, .nlmsg_pid = pid };
		sendto(fd, &h, sizeof(h), MSG_DONTWAIT, NULL, 0);
	}
}

static int wait_for(pid_t child)
{
	int status;
	if (child < 0 || waitpid(child, &status, 0) != child)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(void)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWPID) != 0)
		return 77;
	pid_t init = fork();
	if (init == 0) {
		pid_t second = fork();
		if (second == 0) {
			calls();
			_exit(0);
		}
		_exit(wait_for(second));
	}
	return wait_for(init);
}
