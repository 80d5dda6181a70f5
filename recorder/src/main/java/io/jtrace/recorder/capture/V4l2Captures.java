package io.jtrace.recorder.capture;

import java.nio.ByteBuffer;

/**
 * What V4L2 ioctl structures point to and strace prints: an overlay window's clips (struct
 * v4l2_format, also inside struct v4l2_create_buffers) and extended controls with their strings.
 * Part IOV of the argument: index 0 the array, index 1 + i the string of control i.
 */
final class V4l2Captures {
    private static final int G_FMT = 0xc0d05604;
    private static final int S_FMT = 0xc0d05605;
    private static final int TRY_FMT = 0xc0d05640;
    private static final int CREATE_BUFS = 0xc100565c;
    private static final int G_EXT_CTRLS = 0xc0205647;
    private static final int S_EXT_CTRLS = 0xc0205648;
    private static final int TRY_EXT_CTRLS = 0xc0205649;
    private static final int BUF_TYPE_VIDEO_OVERLAY = 3;
    private static final int BUF_TYPE_VIDEO_OUTPUT_OVERLAY = 8;
    private static final int CLIP = 24;
    private static final int EXT_CONTROL = 20;
    /** More elements than strace prints with any sensible -s; the rest is not copied. */
    private static final int ARRAY_MAX = 64 * 1024;
    private static final int STRINGS_MAX = 256;
    private static final int STRING_MAX = 4096;

    private V4l2Captures() {
    }

    static void at(int code, long arg, BufferReader r, boolean atExit) {
        switch (code) {
            case G_FMT, S_FMT, TRY_FMT -> {
                if (atExit || code != G_FMT) {
                    clips(r, arg, atExit);
                }
            }
            case CREATE_BUFS -> {
                if (!atExit) {
                    clips(r, arg + 16, false);
                }
            }
            case G_EXT_CTRLS, S_EXT_CTRLS, TRY_EXT_CTRLS -> controls(r, arg, atExit);
            default -> {
            }
        }
    }

    /** The clips of the struct v4l2_format at {@code format}, when its type is an overlay. */
    private static void clips(BufferReader r, long format, boolean atExit) {
        ByteBuffer f = r.struct(format, 44);
        if (f == null) {
            return;
        }
        int type = f.getInt(0);
        if (type != BUF_TYPE_VIDEO_OVERLAY && type != BUF_TYPE_VIDEO_OUTPUT_OVERLAY) {
            return;
        }
        long clips = f.getLong(32);
        long count = f.getInt(40) & 0xffffffffL;
        if (clips != 0 && count != 0) {
            r.unsnapped(2, BufferReader.IOV, 0, clips, Math.min(count * CLIP, ARRAY_MAX), ARRAY_MAX, atExit);
        }
    }

    private static void controls(BufferReader r, long arg, boolean atExit) {
        ByteBuffer c = r.struct(arg, 32);
        if (c == null) {
            return;
        }
        long count = c.getInt(4) & 0xffffffffL;
        long controls = c.getLong(24);
        if (controls == 0 || count == 0) {
            return;
        }
        r.unsnapped(2, BufferReader.IOV, 0, controls, Math.min(count * EXT_CONTROL, ARRAY_MAX), ARRAY_MAX, atExit);
        for (int i = 0; i < Math.min(count, STRINGS_MAX); i++) {
            ByteBuffer e = r.struct(controls + (long) EXT_CONTROL * i, EXT_CONTROL);
            if (e == null) {
                return;
            }
            long size = e.getInt(4) & 0xffffffffL;
            if (size > 0) {
                r.unsnapped(2, BufferReader.IOV, 1 + i, e.getLong(12), size, STRING_MAX, atExit);
            }
        }
    }
}
