package io.jtrace.recorder.capture;

/**
 * Requests whose _IOC direction does not say what strace prints: the structure of an _IOR request
 * the kernel reads (strace prints it at entry), the result an _IOW request writes back (printed at exit),
 * a structure larger than the size the request encodes.
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
            case 0x40044f02 -> 16;              // UBI_IOCEBCH: encodes an int, strace reads ubi_leb_change_req
            default -> encoded;
        };
    }

    /** Bytes to copy at exit: {@code encoded} unless the request is one of these. */
    static int exit(int code, int encoded) {
        return switch (code) {
            case 0x400c4d0f -> 12;              // OTPGETREGIONINFO: struct otp_info
            case 0x40044d0e -> 4;               // OTPGETREGIONCOUNT
            case 0x40986f00, 0x40186f40 -> 4;   // UBI_IOCMKVOL, UBI_IOCATT: the volume or device number
            default -> encoded;
        };
    }
}
