/*
 * bpf(2), perf_event_open(2) and classic BPF socket filters, whose decoding BpfDecodingTest compares
 * with strace 6.1's: BPF_PROG_LOAD with instructions, license, log buffer, kernel version and name;
 * BPF_MAP_CREATE's fd, BPF_OBJ_PIN and BPF_OBJ_GET's paths, BPF_RAW_TRACEPOINT_OPEN's name, BPF_BTF_LOAD's data,
 * BPF_PROG_TEST_RUN, BPF_PROG_QUERY, BPF_TASK_FD_QUERY, BPF_OBJ_GET_INFO_BY_FD, BPF_LINK_CREATE's
 * unions, unions shorter than their structure and with non-zero bytes past it, memory that ends
 * inside a string or an array; perf_event_attr (abbreviated and not, an E2BIG that writes the
 * size back, PERF_EVENT_IOC_MODIFY_ATTRIBUTES); SO_ATTACH_FILTER and SO_GET_FILTER's programs.
 * Everything after the failed write of "jtrace-bpf-begin" is deterministic but for addresses.
 */
#define _GNU_SOURCE
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/perf_event.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/* n bytes that end where an inaccessible page begins */
static char *page_tail(size_t n)
{
	long ps = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + ps, ps, PROT_NONE))
		_exit(2);
	memset(p, 0, ps);
	return p + ps - n;
}

static long sys_bpf(unsigned int cmd, void *attr, unsigned int size)
{
	return syscall(SYS_bpf, cmd, attr, size);
}

static void prog_load(void)
{
	static const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_LDX | BPF_MEM | BPF_W, .dst_reg = BPF_REG_2, .src_reg = BPF_REG_1, .off = -8 },
		{ .code = BPF_JMP | BPF_JEQ | BPF_X, .dst_reg = BPF_REG_1, .src_reg = BPF_REG_2, .off = 1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char *log = page_tail(4);
	memcpy(log, "log ", 4);
	union bpf_attr *attr = (union bpf_attr *) page_tail(sizeof(*attr));
	attr->prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr->insn_cnt = 4;
	attr->insns = (uintptr_t) insns;
	attr->license = (uintptr_t) "GPL";
	attr->log_level = 1;
	attr->log_size = 4;
	attr->log_buf = (uintptr_t) log;
	attr->kern_version = (5 << 16) | (10 << 8) | 42;
	attr->prog_flags = BPF_F_STRICT_ALIGNMENT | (1U << 7);
	strcpy(attr->prog_name, "jtrace_prog");
	sys_bpf(BPF_PROG_LOAD, attr, sizeof(*attr));
	sys_bpf(BPF_PROG_LOAD, attr, 72);
	sys_bpf(BPF_PROG_LOAD, attr, 48);
	sys_bpf(BPF_PROG_LOAD, attr, 4);
	/* a license that ends in an unreadable page, no instructions readable */
	char *license = page_tail(3);
	memcpy(license, "GPL", 3);
	attr->license = (uintptr_t) license;
	attr->insns = (uintptr_t) (license + 3);
	attr->log_buf = 0;
	sys_bpf(BPF_PROG_LOAD, attr, 128);
	/* a larger union with non-zero bytes past the structure */
	char *big = page_tail(256);
	memcpy(big, attr, 128);
	big[200] = 'x';
	sys_bpf(BPF_PROG_LOAD, big, 256);
}

static void objects(void)
{
	union bpf_attr *attr = (union bpf_attr *) page_tail(sizeof(*attr));
	attr->pathname = (uintptr_t) "/sys/fs/bpf/jtrace/none";
	attr->bpf_fd = -1;
	attr->file_flags = BPF_F_RDONLY;
	sys_bpf(BPF_OBJ_PIN, attr, 16);
	sys_bpf(BPF_OBJ_GET, attr, 12);
	attr->pathname = (uintptr_t) -1L;
	sys_bpf(BPF_OBJ_GET, attr, 16);

	memset(attr, 0, sizeof(*attr));
	attr->raw_tracepoint.name = (uintptr_t) "sys_enter_jtrace_with_a_long_name_to_cut";
	attr->raw_tracepoint.prog_fd = -1;
	sys_bpf(BPF_RAW_TRACEPOINT_OPEN, attr, 16);

	static const char btf[] = "\x9f\xeb\x01\0btf data";
	memset(attr, 0, sizeof(*attr));
	attr->btf = (uintptr_t) btf;
	attr->btf_size = sizeof(btf) - 1;
	attr->btf_log_level = 1;
	sys_bpf(BPF_BTF_LOAD, attr, 28);

	memset(attr, 0, sizeof(*attr));
	attr->test.prog_fd = -1;
	attr->test.data_size_in = 16;
	attr->test.repeat = 3;
	attr->test.flags = BPF_F_TEST_RUN_ON_CPU;
	sys_bpf(BPF_PROG_TEST_RUN, attr, 80);
	sys_bpf(BPF_PROG_TEST_RUN, attr, 40);

	uint32_t *ids = (uint32_t *) page_tail(8);
	memset(attr, 0, sizeof(*attr));
	attr->query.target_fd = -1;
	attr->query.attach_type = BPF_CGROUP_INET_EGRESS;
	attr->query.query_flags = BPF_F_QUERY_EFFECTIVE;
	attr->query.prog_ids = (uintptr_t) ids;
	attr->query.prog_cnt = 4;
	sys_bpf(BPF_PROG_QUERY, attr, 40);

	memset(attr, 0, sizeof(*attr));
	attr->task_fd_query.pid = 0x7ffffff0; /* no such process, whoever runs it */
	attr->task_fd_query.fd = -1;
	attr->task_fd_query.buf = (uintptr_t) page_tail(16);
	attr->task_fd_query.buf_len = 16;
	sys_bpf(BPF_TASK_FD_QUERY, attr, 48);

	memset(attr, 0, sizeof(*attr));
	attr->info.bpf_fd = -1;
	attr->info.info_len = 64;
	attr->info.info = (uintptr_t) page_tail(64);
	sys_bpf(BPF_OBJ_GET_INFO_BY_FD, attr, 16);
}

static void links(void)
{
	union bpf_attr *attr = (union bpf_attr *) page_tail(sizeof(*attr));
	attr->link_create.prog_fd = -1;
	attr->link_create.target_fd = -1;
	attr->link_create.attach_type = BPF_CGROUP_INET_INGRESS;
	attr->link_create.target_btf_id = 7;
	sys_bpf(BPF_LINK_CREATE, attr, 20);

	uint32_t *maps = (uint32_t *) page_tail(8);
	maps[0] = 0;
	maps[1] = 42;
	attr->link_create.attach_type = BPF_TRACE_ITER;
	attr->link_create.iter_info = (uintptr_t) maps;
	attr->link_create.iter_info_len = 3;
	sys_bpf(BPF_LINK_CREATE, attr, 28);

	static const char *syms[] = { "jtrace_sym", NULL, "another_symbol_longer_than_thirty_two" };
	static const uint64_t addrs[] = { 0, 1, 0xffffffffdeadbeefULL };
	memset(attr, 0, sizeof(*attr));
	attr->link_create.attach_type = BPF_TRACE_KPROBE_MULTI;
	attr->link_create.kprobe_multi.flags = BPF_F_KPROBE_MULTI_RETURN;
	attr->link_create.kprobe_multi.cnt = 3;
	attr->link_create.kprobe_multi.syms = (uintptr_t) syms;
	attr->link_create.kprobe_multi.addrs = (uintptr_t) addrs;
	attr->link_create.kprobe_multi.cookies = (uintptr_t) addrs;
	sys_bpf(BPF_LINK_CREATE, attr, 48);

	memset(attr, 0, sizeof(*attr));
	attr->link_create.attach_type = BPF_PERF_EVENT;
	attr->link_create.perf_event.bpf_cookie = 0xfeedfacecafeULL;
	sys_bpf(BPF_LINK_CREATE, attr, 48);
}

static void perf_events(void)
{
	struct perf_event_attr *attr = (struct perf_event_attr *) page_tail(sizeof(*attr));
	attr->type = PERF_TYPE_SOFTWARE;
	attr->size = sizeof(*attr);
	attr->config = PERF_COUNT_SW_DUMMY;
	attr->sample_period = 1000;
	attr->sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_BRANCH_STACK;
	attr->read_format = PERF_FORMAT_ID;
	attr->disabled = 1;
	attr->exclude_kernel = 1;
	attr->precise_ip = 2;
	attr->branch_sample_type = PERF_SAMPLE_BRANCH_USER;
	/* an invalid cpu fails the call the same way for everyone */
	syscall(SYS_perf_event_open, attr, -1, -5, -1, PERF_FLAG_FD_CLOEXEC);

	attr->type = PERF_TYPE_HW_CACHE;
	attr->config = PERF_COUNT_HW_CACHE_LL | (PERF_COUNT_HW_CACHE_OP_WRITE << 8) |
		       (PERF_COUNT_HW_CACHE_RESULT_MISS << 16) | (3ULL << 32);
	attr->freq = 1;
	attr->use_clockid = 1;
	attr->clockid = 1;
	syscall(SYS_perf_event_open, attr, -1, -5, -1, 0);

	/* a larger structure with non-zero bytes past the kernel's: E2BIG, and the kernel writes its size */
	char *big = page_tail(sizeof(*attr) + 16);
	memcpy(big, attr, sizeof(*attr));
	((struct perf_event_attr *) big)->size = sizeof(*attr) + 16;
	big[sizeof(*attr) + 8] = 1;
	syscall(SYS_perf_event_open, big, 0, -1, -1, 0);

	attr->size = 64;
	syscall(SYS_perf_event_open, attr, 0, -5, -1, 0);
	ioctl(-1, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, attr);
}

static void socket_filters(void)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL),
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, SKF_NET_OFF + 2),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_UDP, 0, 1),
		BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 14),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
	};
	struct sock_filter *filter = (struct sock_filter *) page_tail(sizeof(code));
	memcpy(filter, code, sizeof(code));
	struct sock_fprog prog = { .len = 6, .filter = filter };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
	struct sock_filter got[8];
	socklen_t len = 8;
	getsockopt(fd, SOL_SOCKET, SO_GET_FILTER, got, &len);
	/* a program that ends in an unreadable page */
	prog.len = 7;
	setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
	close(fd);
}

/* a map when the caller may create one (-y names its fd, -v shows its info), EPERM otherwise */
static void map(void)
{
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 8;
	attr.max_entries = 1;
	strcpy(attr.map_name, "jtrace_map");
	long fd = sys_bpf(BPF_MAP_CREATE, &attr, 72);
	if (fd < 0)
		return;
	struct bpf_map_info info;
	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = sizeof(info) + 8;
	attr.info.info = (uintptr_t) &info;
	sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr, 16);
	close(fd);
}

int main(void)
{
	if (write(-1, "jtrace-bpf-begin", 16) != -1)
		return 1;
	map();
	prog_load();
	objects();
	links();
	perf_events();
	socket_filters();
	return 0;
}
