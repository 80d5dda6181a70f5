/* SG_IO on fd -1 for SgIoDecodingTest: struct sg_io_hdr (v3) and struct sg_io_v4 with real command,
 * data and sense buffers, iovec arrays, each data direction, residues, and structures that end in an
 * unreadable page. No device is needed: strace prints the exit fields of a failed call too. */
#include <linux/bsg.h>
#include <scsi/sg.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

static unsigned char cmd[6] = { 0x12, 0, 0, 0, 0x24, 0 };
static unsigned char data[8] = "ABCD\x01\x02\xff";
static unsigned char sense[4] = { 0x70, 0, 5, 0 };

static void v3(char *page_end)
{
    struct iovec iov[2] = { { data, 3 }, { data + 3, 4 } };
    struct sg_io_hdr h;
    memset(&h, 0, sizeof(h));
    h.interface_id = 'S';
    h.cmd_len = sizeof(cmd);
    h.cmdp = cmd;
    h.mx_sb_len = sizeof(sense);
    h.sbp = sense;
    h.sb_len_wr = 3;
    h.timeout = 1000;
    h.status = 2;
    h.host_status = 0x11;
    h.duration = 7;
    int dirs[] = { SG_DXFER_NONE, SG_DXFER_TO_DEV, SG_DXFER_FROM_DEV, SG_DXFER_TO_FROM_DEV, -7 };
    for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        h.dxfer_direction = dirs[i];
        h.dxferp = data;
        h.dxfer_len = 6;
        h.iovec_count = 0;
        h.resid = (int) i - 1;
        h.flags = i == 4 ? 0x40 : 0x20 | SG_FLAG_DIRECT_IO; /* SG_FLAG_Q_AT_HEAD */
        h.info = i;
        ioctl(-1, SG_IO, &h);
        h.dxferp = iov;
        h.iovec_count = 2;
        h.dxfer_len = 5;
        ioctl(-1, SG_IO, &h);
    }
    h.dxfer_direction = SG_DXFER_FROM_DEV;
    h.dxferp = (void *) 0xdeadbeef;
    h.iovec_count = 0;
    h.cmdp = NULL;
    h.sbp = NULL;
    ioctl(-1, SG_IO, &h);
    /* a header whose end is unreadable: strace prints what follows its id as an address */
    struct sg_io_hdr *cut = (struct sg_io_hdr *) (page_end - 8);
    memset(cut, 0, 8);
    cut->interface_id = 'S';
    ioctl(-1, SG_IO, cut);
}

static void v4(char *page_end)
{
    struct iovec iov[3] = { { data, 2 }, { data + 2, 2 }, { data + 4, 3 } };
    struct sg_io_v4 q;
    memset(&q, 0, sizeof(q));
    q.guard = 'Q';
    q.protocol = BSG_PROTOCOL_SCSI;
    q.subprotocol = BSG_SUB_PROTOCOL_SCSI_TRANSPORT;
    q.request_len = sizeof(cmd);
    q.request = (uintptr_t) cmd;
    q.request_tag = 0x1234;
    q.max_response_len = sizeof(sense);
    q.response = (uintptr_t) sense;
    q.response_len = 2;
    q.dout_xfer_len = 4;
    q.dout_xferp = (uintptr_t) data;
    q.din_xfer_len = 6;
    q.din_xferp = (uintptr_t) data;
    q.din_resid = 2;
    q.timeout = 30;
    q.flags = BSG_FLAG_Q_AT_TAIL;
    q.usr_ptr = 0xfeedface;
    q.driver_status = 3;
    q.info = 2;
    q.generated_tag = 0x99;
    ioctl(-1, SG_IO, &q);
    q.dout_iovec_count = 3;
    q.dout_xfer_len = 6;
    q.dout_xferp = (uintptr_t) iov;
    q.din_iovec_count = 2;
    q.din_xfer_len = 9;
    q.din_resid = 10;
    q.din_xferp = (uintptr_t) iov;
    q.protocol = 5;
    q.subprotocol = 9;
    q.flags = 0x101;
    ioctl(-1, SG_IO, &q);
    q.din_xferp = 0;
    q.din_iovec_count = 0;
    q.request = 0;
    ioctl(-1, SG_IO, &q);
    struct sg_io_v4 *cut = (struct sg_io_v4 *) (page_end - 12);
    memset(cut, 0, 12);
    cut->guard = 'Q';
    ioctl(-1, SG_IO, cut);
}

int main(void)
{
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p + 4096, 4096);
    unsigned iid = 'Z';
    write(-1, "sg_io", 5);
    ioctl(-1, SG_IO, &iid);
    ioctl(-1, SG_IO, NULL);
    v3(p + 4096);
    v4(p + 4096);
    return 0;
}
