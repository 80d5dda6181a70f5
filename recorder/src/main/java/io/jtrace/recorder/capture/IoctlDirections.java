package io.jtrace.recorder.capture;

/**
 * Requests whose _IOC direction does not say what strace prints: the structure of an _IOR request
 * the kernel reads (strace prints it at entry), the result an _IOW request writes back (printed at exit),
 * a structure larger than the size the request encodes, and the old-style SCSI generic requests
 * (type 0x22, no size encoded; SG_IO is {@link SgIoCaptures}').
 */
final class IoctlDirections {
    private IoctlDirections() {
    }

    /** Bytes to copy at entry: {@code encoded} unless the request is one of these. */
    static int entry(int code, int encoded) {
        return switch (code) {
            case 0x80084d17 -> 8;               // MEMISLOCKED: struct erase_info_user
            case 0x800c4d10 -> 12;              // OTPLOCK: struct otp_info
            case 0x80044d0d -> 4;               // OTPSELECT
            case 0x80044f05 -> 4;               // UBI_IOCEBISMAP
            case 0x8008a404 -> 8;               // TEE_IOC_CANCEL
            case 0x8004a405 -> 4;               // TEE_IOC_CLOSE_SESSION
            case 0x8010a402, 0x8010a403, 0x8010a406, 0x8010a407 -> 16; // TEE session requests' tee_ioctl_buf_data
            case 0x40044f02 -> 16;              // UBI_IOCEBCH: encodes an int, strace reads ubi_leb_change_req
            case 0x90009427 -> 4096;            // BTRFS_IOC_DEVICES_READY: _IOR, strace prints its vol_args at entry
            case 0x2201, 0x2271, 0x2275, 0x2279, 0x227b, 0x227e, 0x2283, 0x2287,
                 0x2284 -> 4;                   // SG_SET_*, SG_NEXT_CMD_LEN, SG_SCSI_RESET
            default -> encoded;
        };
    }

    /** Bytes to copy at exit: {@code encoded} unless the request is one of these. */
    static int exit(int code, int encoded) {
        return switch (code) {
            case 0x400c4d0f -> 12;              // OTPGETREGIONINFO: struct otp_info
            case 0x40044d0e -> 4;               // OTPGETREGIONCOUNT
            case 0x40986f00, 0x40186f40 -> 4;   // UBI_IOCMKVOL, UBI_IOCATT: the volume or device number
            case 0x2203, 0x2289, 0x2270, 0x2288, 0x227a, 0x227d, 0x227c, 0x2272, 0x227f, 0x2205,
                 0x2282 -> 4;                   // SG_EMULATED_HOST, SG_GET_*: an int
            case 0x2276 -> 32;                  // SG_GET_SCSI_ID: struct sg_scsi_id
            case 0x2286 -> 24;                  // SG_GET_REQUEST_TABLE: (the first) struct sg_req_info
            case 0x50009417, 0x50009418 -> 16;  // BTRFS_IOC_SNAP_CREATE_V2, SUBVOL_CREATE_V2: fd, transid
            default -> encoded;
        };
    }
}
