/*
 * ioctl requests of the families strace decodes in hdio.c, kd_ioctl.c and gpio_ioctl.c, made on fd -1
 * (no device needed), for IoctlFamiliesTest to compare jtrace's lines with strace 6.1's: run as is
 * (EBADF: only what strace prints at entry) and with every ioctl's return injected (the structures
 * the program filled in are then printed as the kernel's output). argv[1] names the family. NULL,
 * structures that end in an unreadable page, unknown values and flags. Everything after the failed
 * write of the marker is deterministic but for addresses.
 */
#define _GNU_SOURCE
#include <linux/hdreg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
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

static void io(unsigned long request, unsigned long arg)
{
	syscall(SYS_ioctl, -1, request, arg);
}

static void fill(void *p, size_t n, unsigned char from)
{
	for (size_t i = 0; i < n; i++)
		((unsigned char *) p)[i] = from + i;
}

static void hdio(void)
{
	static const unsigned long gets[] = { HDIO_GET_UNMASKINTR, HDIO_GET_MULTCOUNT, HDIO_GET_KEEPSETTINGS,
		HDIO_GET_32BIT, HDIO_GET_NOWERR, HDIO_GET_DMA, HDIO_GET_WCACHE, HDIO_GET_ACOUSTIC, HDIO_GET_ADDRESS,
		HDIO_GET_NICE, HDIO_GET_BUSSTATE };
	static const unsigned long sets[] = { HDIO_SET_MULTCOUNT, HDIO_SET_UNMASKINTR, HDIO_SET_32BIT,
		HDIO_SET_PIO_MODE, HDIO_UNREGISTER_HWIF, HDIO_SET_NICE, HDIO_SET_BUSSTATE, HDIO_SET_XFER };
	struct hd_geometry *geo = (struct hd_geometry *) page_tail(sizeof(*geo));
	geo->heads = 255;
	geo->sectors = 63;
	geo->cylinders = 60801;
	geo->start = 2048;
	io(HDIO_GETGEO, 0);
	io(HDIO_GETGEO, (unsigned long) geo + 1);
	io(HDIO_GETGEO, (unsigned long) geo);

	unsigned char *cmd = (unsigned char *) page_tail(4);
	memcpy(cmd, "\xec\x01\x02\x00", 4);
	io(HDIO_DRIVE_CMD, 0);
	io(HDIO_DRIVE_CMD, (unsigned long) cmd + 2);
	io(HDIO_DRIVE_CMD, (unsigned long) cmd);
	cmd[3] = 1;                                     /* a sector that is not there */
	io(HDIO_DRIVE_CMD, (unsigned long) cmd);
	unsigned char *sector = (unsigned char *) page_tail(4 + 512);
	memcpy(sector, "\x99\x05\x06\x01", 4);
	fill(sector + 4, 512, 0x20);
	io(HDIO_DRIVE_CMD, (unsigned long) sector);

	int *ints = (int *) page_tail(3 * sizeof(int));
	ints[0] = 0xdeadbeef;
	ints[1] = 7;
	ints[2] = -1;
	io(HDIO_DRIVE_RESET, 0);
	io(HDIO_DRIVE_RESET, (unsigned long) ints);
	io(HDIO_SCAN_HWIF, (unsigned long) (ints + 1));
	io(HDIO_SCAN_HWIF, (unsigned long) (ints + 3));

	unsigned long *value = (unsigned long *) page_tail(sizeof(*value));
	for (size_t i = 0; i < sizeof(gets) / sizeof(gets[0]); i++) {
		*value = i == 9 ? 0x1b : i == 10 ? 2 : 0xfacefeed00000000UL + i;
		io(gets[i], (unsigned long) value);
	}
	io(HDIO_GET_BUSSTATE, (unsigned long) value);
	*value = 7;
	io(HDIO_GET_BUSSTATE, (unsigned long) value);
	io(HDIO_GET_DMA, 0);
	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		io(sets[i], 0xfacefeed00000013UL + i);
	io(HDIO_SET_NICE, 0);
	io(HDIO_SET_BUSSTATE, 1);

	char *id = page_tail(512);
	fill(id, 512, 'A');
	io(HDIO_GET_IDENTITY, 0);
	io(HDIO_GET_IDENTITY, (unsigned long) id);
	io(HDIO_GET_IDENTITY, (unsigned long) (id + 100));
	io(HDIO_OBSOLETE_IDENTITY, (unsigned long) id);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	write(-1, "jtrace-ioctl-families-begin", 27);
	if (!strcmp(argv[1], "hdio"))
		hdio();
	else
		return 2;
	return 0;
}
