/* MTD, UBI, LIRC, SCSI generic, TEE and device mapper ioctls on fd -1 for IoctlFamiliesDecodingTest: no device is
 * needed; run plain (EBADF) and with the ioctls' return injected (what strace prints at exit).
 * argv[1] picks the family: mtd, ubi, lirc, scsi, tee or dm. */
#include <linux/dm-ioctl.h>
#include <linux/lirc.h>
#include <linux/tee.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <scsi/sg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void fill(void *p, size_t n, unsigned seed)
{
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char) (seed + 5 * i);
}

static void mtd(void)
{
    struct erase_info_user ei = { .start = 0x1000, .length = 0x2000 };
    ioctl(-1, MEMERASE, &ei);
    ioctl(-1, MEMISLOCKED, &ei);
    struct erase_info_user64 ei64 = { .start = 0x100000000ULL, .length = 0x4000 };
    ioctl(-1, MEMERASE64, &ei64);
    struct mtd_oob_buf ob = { .start = 1, .length = 2, .ptr = NULL };
    ioctl(-1, MEMREADOOB, &ob);
    struct mtd_oob_buf64 ob64 = { .start = 3, .length = 4, .usr_ptr = 0xdeadbeef };
    ioctl(-1, MEMWRITEOOB64, &ob64);
    struct mtd_write_req wr;
    fill(&wr, sizeof(wr), 3);
    wr.mode = MTD_OPS_RAW;
    ioctl(-1, MEMWRITE, &wr);
    struct otp_info oi = { .start = 5, .length = 6, .locked = 1 };
    ioctl(-1, OTPGETREGIONINFO, &oi);
    ioctl(-1, OTPLOCK, &oi);
    int sel = MTD_OTP_USER;
    ioctl(-1, OTPSELECT, &sel);
    ioctl(-1, MTDFILEMODE, MTD_FILE_MODE_RAW);
    long long ofs = 123456789;
    ioctl(-1, MEMGETBADBLOCK, &ofs);
    struct mtd_info_user mi;
    fill(&mi, sizeof(mi), 7);
    mi.type = MTD_NANDFLASH;
    mi.flags = MTD_WRITEABLE;
    ioctl(-1, MEMGETINFO, &mi);
    struct nand_oobinfo no;
    fill(&no, sizeof(no), 9);
    no.useecc = MTD_NANDECC_AUTOPLACE;
    ioctl(-1, MEMGETOOBSEL, &no);
    struct nand_ecclayout_user el;
    fill(&el, sizeof(el), 11);
    ioctl(-1, ECCGETLAYOUT, &el);
    struct mtd_ecc_stats es;
    fill(&es, sizeof(es), 13);
    ioctl(-1, ECCGETSTATS, &es);
    int count = 7;
    ioctl(-1, OTPGETREGIONCOUNT, &count);
    ioctl(-1, MEMGETREGIONCOUNT, &count);
    struct region_info_user ri;
    fill(&ri, sizeof(ri), 15);
    ioctl(-1, MEMGETREGIONINFO, &ri);
    ioctl(-1, MEMGETINFO, NULL);
}

static void ubi(void)
{
    struct ubi_mkvol_req mk;
    memset(&mk, 0, sizeof(mk));
    mk.vol_id = 3;
    mk.alignment = 1;
    mk.bytes = 1 << 20;
    mk.vol_type = UBI_STATIC_VOLUME;
    mk.flags = UBI_VOL_SKIP_CRC_CHECK_FLG;
    strcpy(mk.name, "rootfs");
    mk.name_len = 6;
    ioctl(-1, UBI_IOCMKVOL, &mk);
    struct ubi_attach_req at = { .ubi_num = -1, .mtd_num = 2, .vid_hdr_offset = 512, .max_beb_per1024 = 20 };
    ioctl(-1, UBI_IOCATT, &at);
    struct ubi_rsvol_req rs = { .bytes = 4096, .vol_id = 1 };
    ioctl(-1, UBI_IOCRSVOL, &rs);
    struct ubi_rnvol_req rn;
    memset(&rn, 0, sizeof(rn));
    rn.count = 2;
    rn.ents[0].vol_id = 1;
    rn.ents[0].name_len = 3;
    strcpy(rn.ents[0].name, "abc");
    rn.ents[1].vol_id = 2;
    rn.ents[1].name_len = 200;
    memset(rn.ents[1].name, 'x', sizeof(rn.ents[1].name));
    ioctl(-1, UBI_IOCRNVOL, &rn);
    struct ubi_leb_change_req ch = { .lnum = 4, .bytes = 100, .dtype = 1 };
    ioctl(-1, UBI_IOCEBCH, &ch);
    struct ubi_map_req map = { .lnum = 5, .dtype = 7 };
    ioctl(-1, UBI_IOCEBMAP, &map);
    struct ubi_set_vol_prop_req prop = { .property = UBI_VOL_PROP_DIRECT_WRITE, .value = 1 };
    ioctl(-1, UBI_IOCSETVOLPROP, &prop);
    long long bytes = -1;
    ioctl(-1, UBI_IOCVOLUP, &bytes);
    int n = 9;
    ioctl(-1, UBI_IOCRMVOL, &n);
    ioctl(-1, UBI_IOCEBISMAP, &n);
    ioctl(-1, UBI_IOCVOLCRBLK, 0);
    ioctl(-1, UBI_IOCVOLRMBLK);
}

static void lirc(void)
{
    unsigned v = LIRC_CAN_SEND_PULSE | LIRC_CAN_REC_MODE2 | 0x1;
    ioctl(-1, LIRC_GET_FEATURES, &v);
    v = LIRC_MODE_MODE2;
    ioctl(-1, LIRC_GET_REC_MODE, &v);
    ioctl(-1, LIRC_SET_SEND_MODE, &v);
    v = 0xf0;
    ioctl(-1, LIRC_SET_TRANSMITTER_MASK, &v);
    v = 38000;
    ioctl(-1, LIRC_SET_SEND_CARRIER, &v);
    ioctl(-1, LIRC_GET_REC_TIMEOUT, &v);
    ioctl(-1, LIRC_GET_FEATURES, NULL);
}

static void scsi(void)
{
    int v = 3000;
    ioctl(-1, SG_SET_TIMEOUT, &v);
    ioctl(-1, SG_GET_TIMEOUT, 0);
    ioctl(-1, SG_GET_RESERVED_SIZE, &v);
    ioctl(-1, SG_GET_VERSION_NUM, &v);
    ioctl(-1, SG_SET_TRANSFORM, 0xfacefeed);
    unsigned reset = 0x100 | SG_SCSI_RESET_BUS; /* SG_SCSI_RESET_NO_ESCALATE */
    ioctl(-1, SG_SCSI_RESET, &reset);
    reset = 0x77;
    ioctl(-1, SG_SCSI_RESET, &reset);
    struct sg_scsi_id id;
    fill(&id, sizeof(id), 17);
    ioctl(-1, SG_GET_SCSI_ID, &id);
    struct sg_req_info ri;
    fill(&ri, sizeof(ri), 19);
    ioctl(-1, SG_GET_REQUEST_TABLE, &ri);
    unsigned iid = 'Z';
    ioctl(-1, SG_IO, &iid);
    ioctl(-1, SG_IO, NULL);
}

static void tee(void)
{
    struct tee_ioctl_version_data v = { .impl_id = TEE_IMPL_ID_OPTEE, .impl_caps = 1, .gen_caps = TEE_GEN_CAP_GP };
    ioctl(-1, TEE_IOC_VERSION, &v);
    struct tee_ioctl_cancel_arg cancel = { .cancel_id = 7, .session = 0xbeef };
    ioctl(-1, TEE_IOC_CANCEL, &cancel);
    struct tee_ioctl_close_session_arg close = { .session = 0xcafe };
    ioctl(-1, TEE_IOC_CLOSE_SESSION, &close);
    struct tee_ioctl_shm_alloc_data alloc = { .size = 4096, .flags = 0x1, .id = 3 };
    ioctl(-1, TEE_IOC_SHM_ALLOC, &alloc);
    struct tee_ioctl_shm_register_data reg = { .addr = 0x1000, .length = 8192, .flags = 0x80, .id = 4 };
    ioctl(-1, TEE_IOC_SHM_REGISTER, &reg);

    struct {
        struct tee_ioctl_invoke_arg arg;
        struct tee_ioctl_param params[3];
    } inv;
    fill(&inv, sizeof(inv), 21);
    inv.arg.num_params = 3;
    inv.params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_NONE;
    inv.params[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT;
    inv.params[2].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT | TEE_IOCTL_PARAM_ATTR_META;
    struct tee_ioctl_buf_data buf = { .buf_ptr = (unsigned long) &inv, .buf_len = sizeof(inv) };
    ioctl(-1, TEE_IOC_INVOKE, &buf);
    buf.buf_len = 16;
    ioctl(-1, TEE_IOC_INVOKE, &buf);

    struct {
        struct tee_ioctl_open_session_arg arg;
        struct tee_ioctl_param params[1];
    } open;
    fill(&open, sizeof(open), 23);
    open.arg.clnt_login = TEE_IOCTL_LOGIN_GROUP;
    open.arg.num_params = 1;
    open.params[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
    buf.buf_ptr = (unsigned long) &open;
    buf.buf_len = sizeof(open);
    ioctl(-1, TEE_IOC_OPEN_SESSION, &buf);
    open.arg.clnt_login = 0x33;
    ioctl(-1, TEE_IOC_OPEN_SESSION, &buf);

    struct {
        struct tee_iocl_supp_recv_arg arg;
    } recv = { { .func = 9, .num_params = 0 } };
    buf.buf_ptr = (unsigned long) &recv;
    buf.buf_len = sizeof(recv);
    ioctl(-1, TEE_IOC_SUPPL_RECV, &buf);
    ioctl(-1, TEE_IOC_SUPPL_SEND, &buf);
    ioctl(-1, TEE_IOC_SUPPL_SEND, NULL);
}

static void dm(void)
{
    struct {
        struct dm_ioctl ioc;
        struct dm_target_spec spec;
        char params[24];
    } d;
    memset(&d, 0, sizeof(d));
    d.ioc.version[0] = DM_VERSION_MAJOR;
    d.ioc.version[1] = 1;
    d.ioc.data_size = sizeof(d.ioc);
    d.ioc.dev = 0x1234;
    strcpy(d.ioc.name, "vg-lv");
    strcpy(d.ioc.uuid, "LVM-abc");
    ioctl(-1, DM_VERSION, &d);
    ioctl(-1, DM_DEV_STATUS, &d);
    ioctl(-1, DM_REMOVE_ALL, &d);
    d.ioc.flags = DM_SUSPEND_FLAG | DM_READONLY_FLAG;
    ioctl(-1, DM_DEV_SUSPEND, &d);
    d.ioc.flags = 0;
    d.ioc.event_nr = 5;
    ioctl(-1, DM_DEV_SUSPEND, &d);

    d.ioc.data_size = sizeof(d);
    d.ioc.data_start = sizeof(d.ioc);
    d.ioc.target_count = 1;
    d.spec.sector_start = 0;
    d.spec.length = 2048;
    strcpy(d.spec.target_type, "linear");
    strcpy(d.params, "8:1 0");
    ioctl(-1, DM_TABLE_LOAD, &d);
    strcpy((char *) &d.spec, "new-name");
    ioctl(-1, DM_DEV_RENAME, &d);
    d.ioc.version[0] = 3;
    ioctl(-1, DM_VERSION, &d);
    d.ioc.version[0] = DM_VERSION_MAJOR;
    d.ioc.data_size = 8;
    ioctl(-1, DM_VERSION, &d);
    ioctl(-1, DM_VERSION, NULL);
}

int main(int argc, char **argv)
{
    write(-1, "ioctl", 5);
    if (argc > 1 && strcmp(argv[1], "mtd") == 0)
        mtd();
    else if (argc > 1 && strcmp(argv[1], "ubi") == 0)
        ubi();
    else if (argc > 1 && strcmp(argv[1], "scsi") == 0)
        scsi();
    else if (argc > 1 && strcmp(argv[1], "tee") == 0)
        tee();
    else if (argc > 1 && strcmp(argv[1], "dm") == 0)
        dm();
    else
        lirc();
    return 0;
}
