/* btrfs requests on fd -1 for BtrfsDecodingTest: those render/ioctl/Btrfs decodes (numbers, flags,
 * vol_args, defrag range, qgroup and quota arguments), and NULL for others strace decodes. */
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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
    /* no items asked for: under -v strace would print the result buffer's headers, not decoded yet */
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
    ioctl(-1, BTRFS_IOC_TREE_SEARCH, NULL);
    ioctl(-1, BTRFS_IOC_SNAP_CREATE_V2, NULL);
    ioctl(-1, BTRFS_IOC_FS_INFO, NULL);
    ioctl(-1, BTRFS_IOC_SEND, NULL);
    return 0;
}
