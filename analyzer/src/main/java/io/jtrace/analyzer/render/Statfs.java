package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/** struct statfs of statfs and fstatfs (x86_64, 120 bytes) as strace's print_struct_statfs prints it. */
final class Statfs {
    static final int SIZE = 120;
    private static final int ST_VALID = 0x20;
    /** strace 6.1's src/xlat/fsmagic.in. */
    private static final Flags FS_MAGIC = Flags.of(null,
            "QNX4_SUPER_MAGIC", 0x0000002fL, "Z3FOLD_MAGIC", 0x00000033L, "AUTOFS_SUPER_MAGIC", 0x00000187L,
            "DEVFS_SUPER_MAGIC", 0x00001373L, "EXT_SUPER_MAGIC", 0x0000137dL, "MINIX_SUPER_MAGIC", 0x0000137fL,
            "MINIX_SUPER_MAGIC2", 0x0000138fL, "DEVPTS_SUPER_MAGIC", 0x00001cd1L, "MINIX2_SUPER_MAGIC", 0x00002468L,
            "MINIX2_SUPER_MAGIC2", 0x00002478L, "NILFS_SUPER_MAGIC", 0x00003434L, "HFS_SUPER_MAGIC", 0x00004244L,
            "HFSPLUS_SUPER_MAGIC", 0x0000482bL, "MSDOS_SUPER_MAGIC", 0x00004d44L, "MINIX3_SUPER_MAGIC", 0x00004d5aL,
            "SMB_SUPER_MAGIC", 0x0000517bL, "NCP_SUPER_MAGIC", 0x0000564cL, "EXOFS_SUPER_MAGIC", 0x00005df5L,
            "NFS_SUPER_MAGIC", 0x00006969L, "ROMFS_MAGIC", 0x00007275L, "JFFS2_SUPER_MAGIC", 0x000072b6L,
            "ISOFS_SUPER_MAGIC", 0x00009660L, "PROC_SUPER_MAGIC", 0x00009fa0L, "OPENPROM_SUPER_MAGIC", 0x00009fa1L,
            "USBDEVICE_SUPER_MAGIC", 0x00009fa2L, "ADFS_SUPER_MAGIC", 0x0000adf5L, "AFFS_SUPER_MAGIC", 0x0000adffL,
            "EXT2_OLD_SUPER_MAGIC", 0x0000ef51L, "EXT2_SUPER_MAGIC", 0x0000ef53L,
            "ECRYPTFS_SUPER_MAGIC", 0x0000f15fL, "UFS_MAGIC", 0x00011954L, "CGROUP_SUPER_MAGIC", 0x0027e0ebL,
            "EFS_SUPER_MAGIC", 0x00414a53L, "HOSTFS_SUPER_MAGIC", 0x00c0ffeeL, "CEPH_SUPER_MAGIC", 0x00c36400L,
            "TMPFS_MAGIC", 0x01021994L, "V9FS_MAGIC", 0x01021997L, "GFS2_MAGIC", 0x01161970L,
            "XIAFS_SUPER_MAGIC", 0x012fd16dL, "XENIX_SUPER_MAGIC", 0x012ff7b4L, "SYSV4_SUPER_MAGIC", 0x012ff7b5L,
            "SYSV2_SUPER_MAGIC", 0x012ff7b6L, "COH_SUPER_MAGIC", 0x012ff7b7L, "SHMFS_SUPER_MAGIC", 0x02011994L,
            "ANON_INODE_FS_MAGIC", 0x09041934L, "FUTEXFS_SUPER_MAGIC", 0x0bad1deaL,
            "MTD_INODE_FS_MAGIC", 0x11307854L, "BALLOON_KVM_MAGIC", 0x13661366L, "UDF_SUPER_MAGIC", 0x15013346L,
            "BFS_MAGIC", 0x1badfaceL, "EXFAT_SUPER_MAGIC", 0x2011bab0L, "UBIFS_SUPER_MAGIC", 0x24051905L,
            "CRAMFS_MAGIC", 0x28cd3d45L, "ZFS_SUPER_MAGIC", 0x2fc12fc1L, "JFS_SUPER_MAGIC", 0x3153464aL,
            "BEFS_SUPER_MAGIC", 0x42465331L, "BINFMTFS_MAGIC", 0x42494e4dL, "SMACK_MAGIC", 0x43415d53L,
            "DMA_BUF_MAGIC", 0x444d4142L, "CRAMFS_MAGIC_WEND", 0x453dcd28L, "DEVMEM_MAGIC", 0x454d444dL,
            "GPFS_SUPER_MAGIC", 0x47504653L, "PIPEFS_MAGIC", 0x50495045L, "REISERFS_SUPER_MAGIC", 0x52654973L,
            "SECRETMEM_MAGIC", 0x5345434dL, "AFS_SUPER_MAGIC", 0x5346414fL, "NTFS_SB_MAGIC", 0x5346544eL,
            "SOCKFS_MAGIC", 0x534f434bL, "UFS_CIGAM", 0x54190100L, "VZFS_SUPER_MAGIC", 0x565a4653L,
            "STACK_END_MAGIC", 0x57ac6e9dL, "ZSMALLOC_MAGIC", 0x58295829L, "XFS_SUPER_MAGIC", 0x58465342L,
            "AAFS_MAGIC", 0x5a3c69f0L, "ZONEFS_MAGIC", 0x5a4f4653L, "PSTOREFS_MAGIC", 0x6165676cL,
            "AUFS_SUPER_MAGIC", 0x61756673L, "BDEVFS_MAGIC", 0x62646576L, "CONFIGFS_MAGIC", 0x62656570L,
            "SYSFS_MAGIC", 0x62656572L, "CGROUP2_SUPER_MAGIC", 0x63677270L, "DEBUGFS_MAGIC", 0x64626720L,
            "DAXFS_MAGIC", 0x64646178L, "FUSE_CTL_SUPER_MAGIC", 0x65735543L, "FUSE_SUPER_MAGIC", 0x65735546L,
            "QNX6_SUPER_MAGIC", 0x68191122L, "AFS_FS_MAGIC", 0x6b414653L, "BINDERFS_SUPER_MAGIC", 0x6c6f6f70L,
            "NSFS_MAGIC", 0x6e736673L, "SECURITYFS_MAGIC", 0x73636673L, "SQUASHFS_MAGIC", 0x73717368L,
            "BTRFS_TEST_MAGIC", 0x73727279L, "CODA_SUPER_MAGIC", 0x73757245L, "OCFS2_SUPER_MAGIC", 0x7461636fL,
            "TRACEFS_MAGIC", 0x74726163L, "OVERLAYFS_SUPER_MAGIC", 0x794c7630L, "RAMFS_MAGIC", 0x858458f6L,
            "BTRFS_SUPER_MAGIC", 0x9123683eL, "HUGETLBFS_MAGIC", 0x958458f6L, "VXFS_SUPER_MAGIC", 0xa501fcf5L,
            "XENFS_SUPER_MAGIC", 0xabba1974L, "PPC_CMM_MAGIC", 0xc7571590L, "LOGFS_MAGIC", 0xc97e8168L,
            "BPF_FS_MAGIC", 0xcafe4a11L, "EFIVARFS_MAGIC", 0xde5e81e4L, "EROFS_SUPER_MAGIC_V1", 0xe0f5e1e2L,
            "F2FS_SUPER_MAGIC", 0xf2f52010L, "SELINUX_MAGIC", 0xf97cff8cL, "HPFS_SUPER_MAGIC", 0xf995e849L,
            "SMB2_SUPER_MAGIC", 0xfe534d42L, "CIFS_SUPER_MAGIC", 0xff534d42L);
    private static final Flags ST_FLAGS = Flags.of("ST_???", "ST_VALID", 0x20, "ST_RDONLY", 0x1, "ST_NOSUID", 0x2,
            "ST_NODEV", 0x4, "ST_NOEXEC", 0x8, "ST_SYNCHRONOUS", 0x10, "ST_MANDLOCK", 0x40, "ST_NOATIME", 0x400,
            "ST_NODIRATIME", 0x800, "ST_RELATIME", 0x1000, "ST_NOSYMFOLLOW", 0x2000);

    private Statfs() {
    }

    /** The statfs buffer the call filled; NULL, or the address of a failed call's or an unreadable one. */
    static final Arg STATFS_OUT = Arg.out((c, i, out) -> {
        ByteBuffer b = Umove.orAddress(c, out, c.atExit(i), c.arg(i), SIZE, true);
        if (b != null) {
            statfs(out, b);
        }
    });

    static void statfs(LineBuffer out, ByteBuffer b) {
        out.append("{f_type=");
        FS_MAGIC.hexValue(out, b.getLong(0));
        out.append(", f_bsize=").appendUnsigned(b.getLong(8)).append(", f_blocks=").appendUnsigned(b.getLong(16))
                .append(", f_bfree=").appendUnsigned(b.getLong(24)).append(", f_bavail=").appendUnsigned(b.getLong(32))
                .append(", f_files=").appendUnsigned(b.getLong(40)).append(", f_ffree=").appendUnsigned(b.getLong(48))
                .append(", f_fsid={val=[");
        Formats.hex(out, b.getInt(56) & 0xffffffffL).append(", ");
        Formats.hex(out, b.getInt(60) & 0xffffffffL).append("]}");
        out.append(", f_namelen=").appendUnsigned(b.getLong(64)).append(", f_frsize=").appendUnsigned(b.getLong(72));
        long flags = b.getLong(80);
        if ((flags & ST_VALID) != 0) {
            out.append(", f_flags=");
            ST_FLAGS.flags(out, flags);
        }
        out.append('}');
    }
}
