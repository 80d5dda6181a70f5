/* V4L2 ioctls on fd -1 for V4l2DecodingTest: no device is needed; run plain (EBADF, what strace
 * prints at entry) and with the ioctls' return injected (what it prints at exit). Structures are
 * filled with fixed patterns; an array that ends in an unreadable page checks "... /* addr *\/". */
#include <linux/videodev2.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static void fill(void *p, size_t n, unsigned seed)
{
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char) (seed + 7 * i);
}

int main(void)
{
    char *page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 1;
    munmap(page + 4096, 4096);
    write(-1, "v4l2", 4);

    struct v4l2_capability cap;
    fill(&cap, sizeof(cap), 1);
    strcpy((char *) cap.driver, "vivid");
    strcpy((char *) cap.card, "card");
    strcpy((char *) cap.bus_info, "platform:vivid");
    cap.version = 0x050f02;
    cap.capabilities = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
    ioctl(-1, VIDIOC_QUERYCAP, &cap);
    ioctl(-1, VIDIOC_QUERYCAP, NULL);

    struct v4l2_fmtdesc fd;
    fill(&fd, sizeof(fd), 2);
    fd.index = 3;
    fd.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    strcpy((char *) fd.description, "YUYV 4:2:2");
    fd.pixelformat = V4L2_PIX_FMT_YUYV;
    fd.flags = V4L2_FMT_FLAG_COMPRESSED;
    ioctl(-1, VIDIOC_ENUM_FMT, &fd);

    struct v4l2_format f;
    static const unsigned types[] = {
        V4L2_BUF_TYPE_VIDEO_CAPTURE, V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE, V4L2_BUF_TYPE_VIDEO_OVERLAY,
        V4L2_BUF_TYPE_VBI_CAPTURE, V4L2_BUF_TYPE_SLICED_VBI_OUTPUT, V4L2_BUF_TYPE_SDR_CAPTURE,
        V4L2_BUF_TYPE_META_CAPTURE, 0x77
    };
    struct v4l2_clip *clips = (struct v4l2_clip *) (page + 4096 - 2 * sizeof(struct v4l2_clip));
    fill(clips, 2 * sizeof(*clips), 9);
    for (unsigned i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        fill(&f, sizeof(f), 10 + i);
        f.type = types[i];
        if (types[i] == V4L2_BUF_TYPE_VIDEO_CAPTURE)
            f.fmt.pix.pixelformat = V4L2_PIX_FMT_MJPEG;
        if (types[i] == V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE)
            f.fmt.pix_mp.num_planes = 2;
        if (types[i] == V4L2_BUF_TYPE_VIDEO_OVERLAY) {
            f.fmt.win.clips = clips;
            f.fmt.win.clipcount = 3;
            f.fmt.win.bitmap = NULL;
        }
        ioctl(-1, VIDIOC_G_FMT, &f);
        ioctl(-1, VIDIOC_S_FMT, &f);
        ioctl(-1, VIDIOC_TRY_FMT, &f);
    }

    struct v4l2_requestbuffers rb = { .count = 4, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP };
    ioctl(-1, VIDIOC_REQBUFS, &rb);

    struct v4l2_buffer b;
    fill(&b, sizeof(b), 20);
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    b.flags = V4L2_BUF_FLAG_MAPPED | V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
    b.timestamp.tv_sec = 12345;
    b.timestamp.tv_usec = 678;
    ioctl(-1, VIDIOC_QUERYBUF, &b);
    b.memory = V4L2_MEMORY_USERPTR;
    ioctl(-1, VIDIOC_QBUF, &b);
    ioctl(-1, VIDIOC_DQBUF, &b);

    struct v4l2_framebuffer fb;
    fill(&fb, sizeof(fb), 30);
    ioctl(-1, VIDIOC_G_FBUF, &fb);
    ioctl(-1, VIDIOC_S_FBUF, &fb);
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    ioctl(-1, VIDIOC_STREAMON, &type);
    type = 0x5a5a;
    ioctl(-1, VIDIOC_STREAMOFF, &type);

    struct v4l2_streamparm sp;
    fill(&sp, sizeof(sp), 40);
    sp.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    ioctl(-1, VIDIOC_G_PARM, &sp);
    sp.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
    ioctl(-1, VIDIOC_S_PARM, &sp);

    v4l2_std_id std = V4L2_STD_PAL;
    ioctl(-1, VIDIOC_G_STD, &std);
    ioctl(-1, VIDIOC_S_STD, &std);
    struct v4l2_standard st;
    fill(&st, sizeof(st), 50);
    strcpy((char *) st.name, "PAL");
    ioctl(-1, VIDIOC_ENUMSTD, &st);
    struct v4l2_input in;
    fill(&in, sizeof(in), 60);
    strcpy((char *) in.name, "Camera 1");
    in.type = V4L2_INPUT_TYPE_CAMERA;
    ioctl(-1, VIDIOC_ENUMINPUT, &in);
    int input = 2;
    ioctl(-1, VIDIOC_G_INPUT, &input);
    ioctl(-1, VIDIOC_S_INPUT, &input);

    struct v4l2_control ctl = { .id = V4L2_CID_BRIGHTNESS, .value = -3 };
    ioctl(-1, VIDIOC_G_CTRL, &ctl);
    ctl.id = V4L2_CID_USER_BASE + 0x1020;
    ioctl(-1, VIDIOC_S_CTRL, &ctl);

    struct v4l2_tuner t;
    fill(&t, sizeof(t), 70);
    strcpy((char *) t.name, "tuner");
    ioctl(-1, VIDIOC_G_TUNER, &t);
    ioctl(-1, VIDIOC_S_TUNER, &t);

    struct v4l2_queryctrl qc;
    fill(&qc, sizeof(qc), 80);
    qc.id = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CID_CONTRAST;
    strcpy((char *) qc.name, "Contrast");
    ioctl(-1, VIDIOC_QUERYCTRL, &qc);
    struct v4l2_query_ext_ctrl qe;
    fill(&qe, sizeof(qe), 90);
    qe.id = V4L2_CID_HUE;
    qe.nr_of_dims = 2;
    strcpy((char *) qe.name, "Hue");
    ioctl(-1, VIDIOC_QUERY_EXT_CTRL, &qe);

    struct v4l2_cropcap cc;
    fill(&cc, sizeof(cc), 100);
    cc.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    ioctl(-1, VIDIOC_CROPCAP, &cc);
    struct v4l2_crop cr;
    fill(&cr, sizeof(cr), 110);
    cr.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
    ioctl(-1, VIDIOC_G_CROP, &cr);
    ioctl(-1, VIDIOC_S_CROP, &cr);

    struct v4l2_ext_control ec[2];
    char str[] = "abcdef";
    memset(ec, 0, sizeof(ec));
    ec[0].id = V4L2_CID_SATURATION;
    ec[0].value64 = -42;
    ec[1].id = V4L2_CID_AUDIO_VOLUME;
    ec[1].size = sizeof(str);
    ec[1].string = str;
    struct v4l2_ext_controls ecs = { .ctrl_class = V4L2_CTRL_CLASS_USER, .count = 2, .error_idx = 1, .controls = ec };
    ioctl(-1, VIDIOC_S_EXT_CTRLS, &ecs);
    ioctl(-1, VIDIOC_G_EXT_CTRLS, &ecs);
    ecs.count = 0;
    ioctl(-1, VIDIOC_TRY_EXT_CTRLS, &ecs);

    struct v4l2_frmsizeenum fs;
    fill(&fs, sizeof(fs), 120);
    fs.pixel_format = V4L2_PIX_FMT_H264;
    fs.type = V4L2_FRMSIZE_TYPE_STEPWISE;
    ioctl(-1, VIDIOC_ENUM_FRAMESIZES, &fs);
    struct v4l2_frmivalenum fi;
    fill(&fi, sizeof(fi), 130);
    fi.pixel_format = V4L2_PIX_FMT_GREY;
    fi.type = V4L2_FRMIVAL_TYPE_DISCRETE;
    ioctl(-1, VIDIOC_ENUM_FRAMEINTERVALS, &fi);

    struct v4l2_create_buffers cb;
    fill(&cb, sizeof(cb), 140);
    cb.memory = V4L2_MEMORY_DMABUF;
    cb.format.type = V4L2_BUF_TYPE_SDR_OUTPUT;
    ioctl(-1, VIDIOC_CREATE_BUFS, &cb);

    /* a structure that ends in the unreadable page */
    ioctl(-1, VIDIOC_G_FMT, page + 4096 - 8);
    return 0;
}
