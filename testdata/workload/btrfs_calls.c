/* btrfs requests on fd -1 for BtrfsDecodingTest: those render/ioctl/Btrfs* decode (numbers, flags,
 * vol_args, defrag range, qgroup and quota arguments, tree search, device and space information,
 * balance, device replace, features, inode paths and logical inodes with their data containers,
 * received subvolume) and FIDEDUPERANGE's ranges; NULL arguments. */
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static void balance_and_replace(void)
{
    struct btrfs_ioctl_balance_args balance = {
        .flags = 0x3f, .state = 5,
        .data = { .profiles = 0x7, .flags = 0x7, .devid = 0x801, .pend = UINT64_MAX, .vend = UINT64_MAX, .usage = 90 },
        .meta = { .profiles = 0x38, .flags = 0x38, .devid = 1, .target = 3 },
        .sys = { .profiles = 0x1c0 | (1ULL << 48) | (1ULL << 60), .flags = 0x4c0 | (1ULL << 40), .devid = 1 },
    };
    ioctl(-1, BTRFS_IOC_BALANCE_V2, &balance);
    balance.flags = BTRFS_BALANCE_METADATA | BTRFS_BALANCE_FORCE;
    balance.state = 0x80;
    ioctl(-1, BTRFS_IOC_BALANCE_V2, &balance);
    ioctl(-1, BTRFS_IOC_BALANCE_PROGRESS, &balance);
    ioctl(-1, BTRFS_IOC_BALANCE_V2, NULL);

    static struct btrfs_ioctl_dev_replace_args replace = { .cmd = BTRFS_IOCTL_DEV_REPLACE_CMD_START,
                                                           .result = 2 };
    replace.start.srcdevid = 0x803;
    strcpy((char *) replace.start.srcdev_name, "/dev/sda1");
    memset(replace.start.tgtdev_name, 'b', sizeof(replace.start.tgtdev_name));
    for (int mode = 0; mode < 3; mode++) {
        replace.start.cont_reading_from_srcdev_mode = mode;
        ioctl(-1, BTRFS_IOC_DEV_REPLACE, &replace);
    }
    memset(&replace, 0, sizeof(replace));
    replace.cmd = BTRFS_IOCTL_DEV_REPLACE_CMD_STATUS;
    replace.result = 7;
    replace.status.replace_state = 1;
    replace.status.progress_1000 = 505;
    replace.status.time_started = 1463193386;
    replace.status.num_write_errors = 3;
    ioctl(-1, BTRFS_IOC_DEV_REPLACE, &replace);
    replace.status.replace_state = 9;
    replace.status.progress_1000 = 1001;
    replace.status.time_stopped = 1463193390;
    ioctl(-1, BTRFS_IOC_DEV_REPLACE, &replace);
    replace.cmd = 5;
    ioctl(-1, BTRFS_IOC_DEV_REPLACE, &replace);
}

static void features_and_info(void)
{
    struct btrfs_ioctl_feature_flags features[3] = {
        { .compat_flags = 1, .compat_ro_flags = 0x7, .incompat_flags = 0x3ff },
        { .compat_flags = 0, .compat_ro_flags = 1ULL << 40, .incompat_flags = 0 },
        { .compat_flags = 0, .compat_ro_flags = 2, .incompat_flags = BTRFS_FEATURE_INCOMPAT_NO_HOLES },
    };
    ioctl(-1, BTRFS_IOC_SET_FEATURES, features);
    ioctl(-1, BTRFS_IOC_GET_FEATURES, features);
    ioctl(-1, BTRFS_IOC_GET_SUPPORTED_FEATURES, features);

    static struct btrfs_ioctl_fs_info_args info = { .max_id = 3, .num_devices = 2, .nodesize = 16384,
                                                    .sectorsize = 4096, .clone_alignment = 4096,
                                                    .csum_type = 1, .csum_size = 8, .flags = 7,
                                                    .generation = 12345 };
    memcpy(info.fsid, "\x01\x23\x45\x67\x89\xab\xcd\xef\xfe\xdc\xba\x98\x76\x54\x32\x10", 16);
    memcpy(info.metadata_uuid, "\xfe\xdc\xba\x98\x76\x54\x32\x10\x01\x23\x45\x67\x89\xab\xcd\xef", 16);
    ioctl(-1, BTRFS_IOC_FS_INFO, &info);
    info.flags = 0x10;
    info.csum_type = 9;
    ioctl(-1, BTRFS_IOC_FS_INFO, &info);
    info.flags = BTRFS_FS_INFO_FLAG_CSUM_INFO;
    ioctl(-1, BTRFS_IOC_FS_INFO, &info);

    struct btrfs_ioctl_qgroup_limit_args limit = { .qgroupid = 256,
                                                   .lim = { .flags = 0x3, .max_rfer = 1 << 20, .rsv_excl = 9 } };
    ioctl(-1, BTRFS_IOC_QGROUP_LIMIT, &limit);
    struct btrfs_ioctl_quota_rescan_args rescan = { .flags = 1, .progress = BTRFS_FIRST_FREE_OBJECTID };
    ioctl(-1, BTRFS_IOC_QUOTA_RESCAN_STATUS, &rescan);
    rescan.progress = 12345;
    ioctl(-1, BTRFS_IOC_QUOTA_RESCAN_STATUS, &rescan);

    struct btrfs_ioctl_received_subvol_args received = { .stransid = 0x12345, .rtransid = 77,
                                                         .stime = { .sec = 1463193386, .nsec = 12345 },
                                                         .rtime = { .sec = 0, .nsec = 0 }, .flags = 2 };
    memcpy(received.uuid, "\x01\x23\x45\x67\x89\xab\xcd\xef\xfe\xdc\xba\x98\x76\x54\x32\x10", 16);
    ioctl(-1, BTRFS_IOC_SET_RECEIVED_SUBVOL, &received);
    received.rtime.sec = 1463193390;
    received.stime.nsec = 1000000000;
    ioctl(-1, BTRFS_IOC_SET_RECEIVED_SUBVOL, &received);

    struct btrfs_ioctl_vol_args va = { .fd = 0 };
    strcpy(va.name, "/dev/sdc");
    ioctl(-1, BTRFS_IOC_DEVICES_READY, &va);
}

static void inodes(void)
{
    /* a container with two paths and one with two (inode, offset, root) records, as the kernel fills them */
    static union {
        struct btrfs_data_container head;
        char bytes[256];
    } paths, records;
    paths.head.bytes_left = 100;
    paths.head.elem_cnt = 2;
    paths.head.elem_missed = 1;
    paths.head.val[0] = 16;
    paths.head.val[1] = 24;
    strcpy(paths.bytes + 16 + 16, "dir/a");
    strcpy(paths.bytes + 16 + 24, "dir/\"b\"");
    records.head.bytes_missing = 4;
    records.head.elem_cnt = 7;
    uint64_t values[] = { 257, 0, 5, 258, 4096, 256 };
    memcpy(records.head.val, values, sizeof(values));

    struct btrfs_ioctl_ino_path_args ino = { .inum = 256, .size = sizeof(paths), .fspath = (uintptr_t) &paths };
    ioctl(-1, BTRFS_IOC_INO_PATHS, &ino);
    ino.fspath = 0;
    ioctl(-1, BTRFS_IOC_INO_PATHS, &ino);
    struct btrfs_ioctl_logical_ino_args logical = { .logical = 4096, .size = sizeof(records),
                                                    .reserved = { 0, 7, 0 }, .flags = 1,
                                                    .inodes = (uintptr_t) &records };
    ioctl(-1, BTRFS_IOC_LOGICAL_INO, &logical);
    logical.reserved[1] = 0;
    logical.flags = 3;
    ioctl(-1, BTRFS_IOC_LOGICAL_INO, &logical);
    ioctl(-1, BTRFS_IOC_LOGICAL_INO_V2, &logical);
    ioctl(-1, BTRFS_IOC_INO_PATHS, NULL);
}

/* tree search results and space information as the kernel fills them: item headers, spaces */
static void results(void)
{
    static struct btrfs_ioctl_search_args search;
    search.key.tree_id = BTRFS_ROOT_TREE_OBJECTID;
    search.key.max_objectid = UINT64_MAX;
    search.key.max_type = 255;
    search.key.nr_items = 3;
    size_t off = 0;
    for (int i = 0; i < 40; i++) {
        struct btrfs_ioctl_search_header *h = (void *) (search.buf + off);
        h->transid = 100 + i;
        h->objectid = i == 0 ? BTRFS_FS_TREE_OBJECTID : 256 + i;
        h->offset = 4096 * i;
        h->type = i == 1 ? BTRFS_ROOT_ITEM_KEY : BTRFS_INODE_ITEM_KEY + i;
        h->len = i < 3 ? 8 * i : 0;
        off += sizeof(*h) + h->len;
    }
    ioctl(-1, BTRFS_IOC_TREE_SEARCH, &search);
    search.key.nr_items = 40;
    ioctl(-1, BTRFS_IOC_TREE_SEARCH, &search);

    static struct {
        struct btrfs_ioctl_search_args_v2 args;
        char buf[200];
    } search2;
    search2.args.key = search.key;
    search2.args.key.nr_items = 5;
    search2.args.buf_size = sizeof(search2.buf);
    memcpy(search2.args.buf, search.buf, sizeof(search2.buf));
    /* the fourth item's data would end past buf_size: strace stops there */
    ((struct btrfs_ioctl_search_header *) ((char *) search2.args.buf + 32 + (32 + 8) + (32 + 16)))->len = 100;
    ioctl(-1, BTRFS_IOC_TREE_SEARCH_V2, &search2);

    long page = sysconf(_SC_PAGESIZE);
    char *pages = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) {
        return;
    }
    mprotect(pages + page, page, PROT_NONE);
    /* the result buffer ends with the page after its second item */
    struct btrfs_ioctl_search_args_v2 *cut = (void *) (pages + page - sizeof(*cut) - 32 - 40);
    memcpy(cut, &search2, sizeof(*cut) + 32 + 40);
    cut->buf_size = 4096;
    ioctl(-1, BTRFS_IOC_TREE_SEARCH_V2, cut);

    struct {
        struct btrfs_ioctl_space_args args;
        struct btrfs_ioctl_space_info spaces[2];
    } space = { .args = { .space_slots = 2, .total_spaces = 2 },
                .spaces = { { BTRFS_BLOCK_GROUP_DATA, 1 << 30, 1 << 20 },
                            { BTRFS_BLOCK_GROUP_METADATA | BTRFS_BLOCK_GROUP_DUP | (1ULL << 62), 1 << 28, 4096 } } };
    ioctl(-1, BTRFS_IOC_SPACE_INFO, &space);
    space.args.space_slots = 0;
    ioctl(-1, BTRFS_IOC_SPACE_INFO, &space);
    struct btrfs_ioctl_space_args *end = (void *) (pages + page - sizeof(space));
    memcpy(end, &space, sizeof(space));
    end->space_slots = 3;
    end->total_spaces = 3;
    ioctl(-1, BTRFS_IOC_SPACE_INFO, end);
}

static void dedupe(void)
{
    struct file_dedupe_range empty = { .src_offset = 1024, .src_length = 10240 };
    ioctl(-1, FIDEDUPERANGE, &empty);
    size_t size = sizeof(struct file_dedupe_range) + 3 * sizeof(struct file_dedupe_range_info);
    struct file_dedupe_range *range = calloc(1, size);
    range->src_offset = 4096;
    range->src_length = 8192;
    for (int i = 0; i < 3; i++) {
        range->info[i].dest_fd = i + 1;
        range->info[i].dest_offset = 10240 * i;
        range->info[i].bytes_deduped = 8192 - i;
        range->info[i].status = i == 2 ? -22 : i;
    }
    for (int n = 1; n <= 3; n++) {
        range->dest_count = n;
        ioctl(-1, FIDEDUPERANGE, range);
    }
    /* the third destination on a page that cannot be read */
    long page = sysconf(_SC_PAGESIZE);
    char *pages = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) {
        return;
    }
    struct file_dedupe_range *cut = (void *) (pages + page - sizeof(*cut) - 2 * sizeof(cut->info[0]));
    memcpy(cut, range, sizeof(*cut) + 2 * sizeof(cut->info[0]));
    cut->dest_count = 3;
    mprotect(pages + page, page, PROT_NONE);
    ioctl(-1, FIDEDUPERANGE, cut);
    cut->dest_count = 2;
    ioctl(-1, FIDEDUPERANGE, cut);
    free(range);
}

int main(void)
{
    write(-1, "btrfs", 5);
    ioctl(-1, BTRFS_IOC_TRANS_START, 0);
    ioctl(-1, BTRFS_IOC_SYNC, 0);
    ioctl(-1, BTRFS_IOC_DEFRAG, 0);
    ioctl(-1, BTRFS_IOC_BALANCE_CTL, 1);
    ioctl(-1, BTRFS_IOC_BALANCE_CTL, 7);
    uint64_t u = 0xfedcba9876543210ULL;
    ioctl(-1, BTRFS_IOC_WAIT_SYNC, &u);
    ioctl(-1, BTRFS_IOC_DEFAULT_SUBVOL, &u);
    ioctl(-1, BTRFS_IOC_START_SYNC, &u);
    ioctl(-1, BTRFS_IOC_SUBVOL_GETFLAGS, &u);
    uint64_t flags = BTRFS_SUBVOL_RDONLY | 0x100;
    ioctl(-1, BTRFS_IOC_SUBVOL_SETFLAGS, &flags);
    struct btrfs_ioctl_vol_args va;
    memset(&va, 0, sizeof(va));
    va.fd = 1;
    strcpy(va.name, "subvol\1name");
    ioctl(-1, BTRFS_IOC_SNAP_CREATE, &va);
    ioctl(-1, BTRFS_IOC_RM_DEV, &va);
    memset(va.name, 'x', sizeof(va.name));
    ioctl(-1, BTRFS_IOC_SCAN_DEV, &va);
    struct btrfs_ioctl_defrag_range_args dr = { .start = 4096, .len = UINT64_MAX, .flags = 3, .extent_thresh = 9,
                                                .compress_type = 1 };
    ioctl(-1, BTRFS_IOC_DEFRAG_RANGE, &dr);
    dr.len = 5;
    dr.compress_type = 77;
    ioctl(-1, BTRFS_IOC_DEFRAG_RANGE, &dr);
    struct btrfs_ioctl_qgroup_assign_args qa = { .assign = 1, .src = 257, .dst = UINT64_MAX };
    ioctl(-1, BTRFS_IOC_QGROUP_ASSIGN, &qa);
    struct btrfs_ioctl_qgroup_create_args qc = { .create = 0, .qgroupid = 258 };
    ioctl(-1, BTRFS_IOC_QGROUP_CREATE, &qc);
    struct btrfs_ioctl_quota_ctl_args ctl = { .cmd = BTRFS_QUOTA_CTL_DISABLE };
    ioctl(-1, BTRFS_IOC_QUOTA_CTL, &ctl);
    ctl.cmd = 9;
    ioctl(-1, BTRFS_IOC_QUOTA_CTL, &ctl);
    struct btrfs_ioctl_quota_rescan_args rs = { .flags = 3 };
    ioctl(-1, BTRFS_IOC_QUOTA_RESCAN, &rs);
    struct btrfs_ioctl_vol_args_v2 v2;
    memset(&v2, 0, sizeof(v2));
    v2.fd = 2;
    v2.flags = BTRFS_SUBVOL_RDONLY;
    strcpy(v2.name, "snap");
    ioctl(-1, BTRFS_IOC_SNAP_CREATE_V2, &v2);
    struct {
        struct btrfs_qgroup_inherit head;
        uint64_t ids[3];
    } inherit = { .head = { .flags = 3, .num_qgroups = 3, .num_ref_copies = 1,
                            .lim = { .flags = BTRFS_QGROUP_LIMIT_MAX_RFER, .max_rfer = 1 << 20 } },
                  .ids = { 5, 256, UINT64_MAX } };
    v2.flags = BTRFS_SUBVOL_QGROUP_INHERIT | 0x40;
    v2.size = sizeof(inherit);
    v2.qgroup_inherit = &inherit.head;
    ioctl(-1, BTRFS_IOC_SUBVOL_CREATE_V2, &v2);
    v2.qgroup_inherit = NULL;
    ioctl(-1, BTRFS_IOC_SUBVOL_CREATE_V2, &v2);
    v2.qgroup_inherit = (void *) 0xbadc0de;
    ioctl(-1, BTRFS_IOC_SNAP_CREATE_V2, &v2);
    struct btrfs_ioctl_search_args search;
    memset(&search, 0, sizeof(search));
    search.key.tree_id = BTRFS_FS_TREE_OBJECTID;
    search.key.min_objectid = BTRFS_FIRST_FREE_OBJECTID;
    search.key.max_objectid = BTRFS_LAST_FREE_OBJECTID;
    search.key.max_offset = UINT64_MAX;
    search.key.max_transid = 77;
    search.key.min_type = BTRFS_INODE_ITEM_KEY;
    search.key.max_type = 0xffffffffU;
    ioctl(-1, BTRFS_IOC_TREE_SEARCH, &search);
    struct btrfs_ioctl_search_args_v2 search2;
    memset(&search2, 0, sizeof(search2));
    search2.key = search.key;
    search2.key.min_objectid = 7;
    search2.key.max_objectid = 123456;
    search2.key.max_type = 200;
    search2.buf_size = 0;
    ioctl(-1, BTRFS_IOC_TREE_SEARCH_V2, &search2);
    struct btrfs_ioctl_ino_lookup_args lookup;
    memset(&lookup, 0, sizeof(lookup));
    lookup.objectid = BTRFS_FIRST_FREE_OBJECTID;
    strcpy(lookup.name, "dir/file");
    ioctl(-1, BTRFS_IOC_INO_LOOKUP, &lookup);
    lookup.treeid = 300;
    ioctl(-1, BTRFS_IOC_INO_LOOKUP, &lookup);
    struct btrfs_ioctl_space_args space = { .space_slots = 0 };
    ioctl(-1, BTRFS_IOC_SPACE_INFO, &space);
    static struct btrfs_ioctl_scrub_args scrub = { .devid = 0x801, .start = 3, .end = UINT64_MAX, .flags = 3 };
    scrub.progress.csum_errors = 4;
    scrub.progress.unverified_errors = 5;
    ioctl(-1, BTRFS_IOC_SCRUB, &scrub);
    ioctl(-1, BTRFS_IOC_SCRUB_PROGRESS, &scrub);
    static struct btrfs_ioctl_dev_info_args info = { .devid = 1, .bytes_used = 10, .total_bytes = 20 };
    strcpy((char *) info.path, "/dev/sda1");
    ioctl(-1, BTRFS_IOC_DEV_INFO, &info);
    memcpy(info.uuid, "\x01\x23\x45\x67\x89\xab\xcd\xef\xfe\xdc\xba\x98\x76\x54\x32\x10", 16);
    ioctl(-1, BTRFS_IOC_DEV_INFO, &info);
    uint64_t clones[3] = { 5, 256, 1000 };
    struct btrfs_ioctl_send_args send = { .send_fd = 1, .clone_sources_count = 3, .clone_sources = clones,
                                          .parent_root = 257, .flags = BTRFS_SEND_FLAG_NO_FILE_DATA | 0x100 };
    ioctl(-1, BTRFS_IOC_SEND, &send);
    send.clone_sources_count = 0;
    ioctl(-1, BTRFS_IOC_SEND, &send);
    send.clone_sources = NULL;
    ioctl(-1, BTRFS_IOC_SEND, &send);
    static struct btrfs_ioctl_get_dev_stats stats = { .devid = 1, .nr_items = 3, .flags = 3,
                                                      .values = { 7, 8, 9, 10, 11 } };
    ioctl(-1, BTRFS_IOC_GET_DEV_STATS, &stats);
    stats.nr_items = 7;
    ioctl(-1, BTRFS_IOC_GET_DEV_STATS, &stats);
    ioctl(-1, BTRFS_IOC_BALANCE_PROGRESS, NULL);
    ioctl(-1, FIDEDUPERANGE, NULL);
    ioctl(-1, BTRFS_IOC_TREE_SEARCH, NULL);
    ioctl(-1, BTRFS_IOC_SNAP_CREATE_V2, NULL);
    ioctl(-1, BTRFS_IOC_FS_INFO, NULL);
    ioctl(-1, BTRFS_IOC_SEND, NULL);
    balance_and_replace();
    features_and_info();
    inodes();
    results();
    dedupe();
    return 0;
}
