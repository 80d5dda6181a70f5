/*
 * ioctl requests of the families strace decodes in hdio.c, kd_ioctl.c and gpio_ioctl.c, and the
 * structures of rtc.c, evdev.c, loop.c, term.c and fs_f_ioctl.c that -v prints whole, made on fd -1
 * (no device needed), for IoctlFamiliesTest to compare jtrace's lines with strace 6.1's: run as is
 * (EBADF: only what strace prints at entry) and with every ioctl's return injected (the structures
 * the program filled in are then printed as the kernel's output). argv[1] names the family. NULL,
 * structures that end in an unreadable page, unknown values and flags. Everything after the failed
 * write of the marker is deterministic but for addresses.
 */
#define _GNU_SOURCE
#include <asm/termbits.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/kd.h>
#include <linux/input.h>
#include <linux/keyboard.h>
#include <linux/loop.h>
#include <linux/rtc.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

static void kd(void)
{
	static const unsigned long values[] = { 0, 440, 1193182, 0x30000 | 440, 0x3b4, 0x3c0, 0x3e0 };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		io(KIOCSOUND, values[i]);
		io(KDMKTONE, values[i]);
		io(KDADDIO, values[i]);
	}
	io(KDSETLED, 0xff);
	io(KDSKBLED, 0x5);
	io(KDSETMODE, KD_GRAPHICS);
	io(KDSETMODE, 0xbadc0ded00000007UL);
	io(KDSKBMODE, K_UNICODE);
	io(KDSKBMODE, (unsigned long) -1);
	io(KDSKBMETA, K_ESCPREFIX);
	io(KDSIGACCEPT, SIGUSR1);
	io(KDSIGACCEPT, 32);
	io(KDSIGACCEPT, 40);
	io(KDSIGACCEPT, (unsigned long) -1);
	io(KDENABIO, 0);
	io(PIO_FONTRESET, 0);

	unsigned int *word = (unsigned int *) page_tail(sizeof(*word));
	*word = 0x7;
	io(KDGETLED, 0);
	io(KDGETLED, (unsigned long) word);
	io(KDGKBLED, (unsigned long) word);
	io(KDGKBTYPE, (unsigned long) word);
	io(KDGETMODE, (unsigned long) word);
	io(KDGKBMODE, (unsigned long) word);
	io(KDGKBMETA, (unsigned long) word);
	*word = 3;
	io(KDGKBMETA, (unsigned long) word);
	io(KDGKBTYPE, (unsigned long) (word + 1));

	unsigned char *map = (unsigned char *) page_tail(512);
	fill(map, 512, 0x7e);
	io(GIO_SCRNMAP, (unsigned long) map);
	io(PIO_SCRNMAP, (unsigned long) (map + 300));
	io(PIO_CMAP, (unsigned long) map);
	io(GIO_CMAP, (unsigned long) (map + 500));
	unsigned short *uni = (unsigned short *) map;
	for (int i = 0; i < 256; i++)
		uni[i] = i % 3 ? 0xf000 + i : 0x41 + i;
	io(GIO_UNISCRNMAP, (unsigned long) uni);
	io(PIO_UNISCRNMAP, (unsigned long) (uni + 240));

	struct kbentry *ent = (struct kbentry *) page_tail(sizeof(*ent));
	static const unsigned short keys[] = { K(KT_LATIN, 'a'), K(KT_FN, 3), K(KT_SPEC, 0x7f), K(KT_META, '\n'),
		K(KT_CUR, 2), K(KT_ASCII, 0xff), K(KT_LETTER, '\''), K(KT_SLOCK, 1), 0x1234 };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		ent->kb_table = i % 2 ? K_ALTTAB : 0x48;
		ent->kb_index = 10 + i;
		ent->kb_value = keys[i];
		io(i % 2 ? KDGKBENT : KDSKBENT, (unsigned long) ent);
	}
	io(KDSKBENT, (unsigned long) ent + 2);

	struct kbsentry *sent = (struct kbsentry *) page_tail(sizeof(*sent));
	sent->kb_func = 5;
	strcpy((char *) sent->kb_string, "\033[[E");
	io(KDSKBSENT, (unsigned long) sent);
	io(KDGKBSENT, (unsigned long) sent);
	memset(sent->kb_string, 'x', sizeof(sent->kb_string));
	sent->kb_func = 0xfe;
	io(KDSKBSENT, (unsigned long) sent);
	char *tail = page_tail(40);
	memset(tail, 'y', 40);
	io(KDSKBSENT, (unsigned long) tail);

	struct kbdiacrs *dia = (struct kbdiacrs *) page_tail(sizeof(*dia));
	dia->kb_cnt = 2;
	memcpy(dia->kbdiacr, "`a\340'e\351", 6);
	io(KDSKBDIACR, (unsigned long) dia);
	io(KDGKBDIACR, (unsigned long) dia);
	dia->kb_cnt = 300;
	io(KDSKBDIACR, (unsigned long) dia);
	struct kbdiacrsuc *diauc = (struct kbdiacrsuc *) page_tail(4 + 2 * 12);
	diauc->kb_cnt = 3;
	diauc->kbdiacruc[0] = (struct kbdiacruc) { 0x60, 0x61, 0xe0 };
	diauc->kbdiacruc[1] = (struct kbdiacruc) { 0x2c7, 0x7a, 0x17e };
	io(KDGKBDIACRUC, (unsigned long) diauc);

	struct kbkeycode *kc = (struct kbkeycode *) page_tail(sizeof(*kc));
	kc->scancode = 0xe05b;
	kc->keycode = 125;
	io(KDGETKEYCODE, (unsigned long) kc);
	io(KDSETKEYCODE, (unsigned long) kc);
	struct kbd_repeat *rep = (struct kbd_repeat *) page_tail(sizeof(*rep));
	rep->delay = 250;
	rep->period = -1;
	io(KDKBDREP, (unsigned long) rep);

	struct unipair *pairs = (struct unipair *) page_tail(3 * sizeof(*pairs));
	for (int i = 0; i < 3; i++)
		pairs[i] = (struct unipair) { 0x2500 + i, 0xc4 + i };
	struct unimapdesc *ud = (struct unimapdesc *) page_tail(sizeof(*ud));
	ud->entry_ct = 3;
	ud->entries = pairs;
	io(PIO_UNIMAP, (unsigned long) ud);
	io(GIO_UNIMAP, (unsigned long) ud);
	ud->entry_ct = 4;
	io(PIO_UNIMAP, (unsigned long) ud);
	struct unimapinit *ui = (struct unimapinit *) page_tail(sizeof(*ui));
	*ui = (struct unimapinit) { 256, 7, 3 };
	io(PIO_UNIMAPCLR, (unsigned long) ui);

	char *glyphs = page_tail(2 * 32);
	fill(glyphs, 64, 0xf0);
	struct consolefontdesc *cfd = (struct consolefontdesc *) page_tail(sizeof(*cfd));
	*cfd = (struct consolefontdesc) { 2, 16, glyphs };
	io(PIO_FONTX, (unsigned long) cfd);
	io(GIO_FONTX, (unsigned long) cfd);
	cfd->charcount = 3;
	io(PIO_FONTX, (unsigned long) cfd);

	struct console_font_op *op = (struct console_font_op *) page_tail(sizeof(*op));
	*op = (struct console_font_op) { KD_FONT_OP_SET, 1, 8, 16, 2, (unsigned char *) glyphs };
	io(KDFONTOP, (unsigned long) op);
	op->op = KD_FONT_OP_GET;
	io(KDFONTOP, (unsigned long) op);
	char *name = page_tail(8);
	memcpy(name, "default", 8);
	*op = (struct console_font_op) { KD_FONT_OP_SET_DEFAULT, 0, 8, 16, 0, (unsigned char *) name };
	io(KDFONTOP, (unsigned long) op);
	op->data = (unsigned char *) name + 4;
	memcpy(name, "defa\1\2\3\4", 8);
	io(KDFONTOP, (unsigned long) op);
	op->op = KD_FONT_OP_COPY;
	io(KDFONTOP, (unsigned long) op);
	op->op = 9;
	io(KDFONTOP, (unsigned long) op);
}

static void gpio(void)
{
	struct gpiochip_info *chip = (struct gpiochip_info *) page_tail(sizeof(*chip));
	strcpy(chip->name, "gpiochip0");
	memset(chip->label, 'L', sizeof(chip->label));
	chip->lines = 54;
	io(GPIO_GET_CHIPINFO_IOCTL, 0);
	io(GPIO_GET_CHIPINFO_IOCTL, (unsigned long) chip);
	io(GPIO_GET_CHIPINFO_IOCTL, (unsigned long) chip + 1);

	struct gpioline_info *li = (struct gpioline_info *) page_tail(sizeof(*li));
	li->line_offset = 17;
	li->flags = GPIOLINE_FLAG_IS_OUT | GPIOLINE_FLAG_ACTIVE_LOW | 0x100;
	strcpy(li->name, "led");
	strcpy(li->consumer, "kernel");
	io(GPIO_GET_LINEINFO_IOCTL, (unsigned long) li);
	io(GPIO_GET_LINEINFO_WATCH_IOCTL, (unsigned long) li);
	unsigned int *offset = (unsigned int *) page_tail(sizeof(*offset));
	*offset = 17;
	io(GPIO_GET_LINEINFO_UNWATCH_IOCTL, (unsigned long) offset);

	struct gpiohandle_request *hr = (struct gpiohandle_request *) page_tail(sizeof(*hr));
	memset(hr, 0, sizeof(*hr));
	for (int i = 0; i < 64; i++) {
		hr->lineoffsets[i] = 3 * i;
		hr->default_values[i] = i % 2;
	}
	hr->lines = 40;
	hr->flags = GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_BIAS_DISABLE;
	strcpy(hr->consumer_label, "blinker");
	hr->fd = 0;
	io(GPIO_GET_LINEHANDLE_IOCTL, (unsigned long) hr);
	hr->lines = 2;
	io(GPIO_GET_LINEHANDLE_IOCTL, (unsigned long) hr);

	struct gpioevent_request *er = (struct gpioevent_request *) page_tail(sizeof(*er));
	*er = (struct gpioevent_request) { 5, GPIOHANDLE_REQUEST_INPUT, GPIOEVENT_REQUEST_RISING_EDGE | 4, "button", 1 };
	io(GPIO_GET_LINEEVENT_IOCTL, (unsigned long) er);

	struct gpiohandle_data *data = (struct gpiohandle_data *) page_tail(sizeof(*data));
	for (int i = 0; i < 64; i++)
		data->values[i] = i;
	io(GPIOHANDLE_GET_LINE_VALUES_IOCTL, (unsigned long) data);
	io(GPIOHANDLE_SET_LINE_VALUES_IOCTL, (unsigned long) data);
	struct gpiohandle_config *hc = (struct gpiohandle_config *) page_tail(sizeof(*hc));
	memset(hc, 0, sizeof(*hc));
	hc->flags = GPIOHANDLE_REQUEST_ACTIVE_LOW;
	hc->default_values[1] = 1;
	io(GPIOHANDLE_SET_CONFIG_IOCTL, (unsigned long) hc);

	struct gpio_v2_line_info *v2i = (struct gpio_v2_line_info *) page_tail(sizeof(*v2i));
	memset(v2i, 0, sizeof(*v2i));
	strcpy(v2i->name, "sda");
	v2i->offset = 2;
	v2i->flags = GPIO_V2_LINE_FLAG_USED | GPIO_V2_LINE_FLAG_OUTPUT;
	v2i->num_attrs = 4;
	v2i->attrs[0] = (struct gpio_v2_line_attribute) { .id = GPIO_V2_LINE_ATTR_ID_FLAGS, .flags = GPIO_V2_LINE_FLAG_INPUT };
	v2i->attrs[1] = (struct gpio_v2_line_attribute) { .id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, .values = 0x5 };
	v2i->attrs[2] = (struct gpio_v2_line_attribute) { .id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE, .debounce_period_us = 1000 };
	v2i->attrs[3] = (struct gpio_v2_line_attribute) { .id = 9, .padding = 1, .values = 0x77 };
	io(GPIO_V2_GET_LINEINFO_IOCTL, (unsigned long) v2i);
	v2i->padding[2] = 3;
	io(GPIO_V2_GET_LINEINFO_WATCH_IOCTL, (unsigned long) v2i);

	struct gpio_v2_line_request *lr = (struct gpio_v2_line_request *) page_tail(sizeof(*lr));
	memset(lr, 0, sizeof(*lr));
	for (int i = 0; i < 64; i++)
		lr->offsets[i] = i + 100;
	lr->num_lines = 3;
	strcpy(lr->consumer, "spi");
	lr->config.flags = GPIO_V2_LINE_FLAG_OUTPUT;
	lr->config.num_attrs = 2;
	lr->config.attrs[0] = (struct gpio_v2_line_config_attribute) {
		{ .id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES, .values = 1 }, 0x3 };
	lr->config.attrs[1] = (struct gpio_v2_line_config_attribute) { { .id = 7, .values = 2 }, 0x4 };
	lr->event_buffer_size = 16;
	lr->fd = 2;
	io(GPIO_V2_GET_LINE_IOCTL, (unsigned long) lr);
	io(GPIO_V2_LINE_SET_CONFIG_IOCTL, (unsigned long) &lr->config);
	struct gpio_v2_line_values *vals = (struct gpio_v2_line_values *) page_tail(sizeof(*vals));
	*vals = (struct gpio_v2_line_values) { 0x5, 0xf };
	io(GPIO_V2_LINE_GET_VALUES_IOCTL, (unsigned long) vals);
	io(GPIO_V2_LINE_SET_VALUES_IOCTL, (unsigned long) vals);
	io(GPIO_V2_LINE_SET_VALUES_IOCTL, (unsigned long) vals + 8);
}

/* the structures of the older decoders that strace prints whole only under -v */
static void structures(void)
{
	struct rtc_time *tm = (struct rtc_time *) page_tail(sizeof(*tm));
	*tm = (struct rtc_time) { 1, 2, 3, 4, 5, 126, 6, 300, -1 };
	io(RTC_SET_TIME, (unsigned long) tm);
	io(RTC_RD_TIME, (unsigned long) tm);

	struct input_absinfo *abs = (struct input_absinfo *) page_tail(sizeof(*abs));
	*abs = (struct input_absinfo) { 10, -5, 1000, 4, 8, 12 };
	io(EVIOCGABS(ABS_Y), (unsigned long) abs);
	io(EVIOCSABS(ABS_X), (unsigned long) abs);
	struct input_keymap_entry *ke = (struct input_keymap_entry *) page_tail(sizeof(*ke));
	memset(ke, 0, sizeof(*ke));
	*ke = (struct input_keymap_entry) { .flags = 1, .len = 4, .index = 7, .keycode = KEY_A };
	fill(ke->scancode, 4, 0x70);
	io(EVIOCSKEYCODE_V2, (unsigned long) ke);
	struct ff_effect *ff = (struct ff_effect *) page_tail(sizeof(*ff));
	memset(ff, 0, sizeof(*ff));
	*ff = (struct ff_effect) { .type = FF_PERIODIC, .id = -1, .direction = 0x4000,
		.trigger = { 1, 2 }, .replay = { 500, 10 } };
	ff->u.periodic = (struct ff_periodic_effect) { FF_SINE, 100, -200, 3, 4, { 5, 6, 7, 8 }, 0, NULL };
	io(EVIOCSFF, (unsigned long) ff);
	ff->type = FF_RUMBLE;
	ff->u.rumble = (struct ff_rumble_effect) { 0x8000, 0x4000 };
	io(EVIOCSFF, (unsigned long) ff);
	unsigned char *bits = (unsigned char *) page_tail(16);
	memset(bits, 0, 16);
	bits[0] = 0x1e;
	bits[1] = 0x13;
	io(EVIOCGBIT(0, 0), (unsigned long) bits);

	struct loop_info *li = (struct loop_info *) page_tail(sizeof(*li));
	memset(li, 0, sizeof(*li));
	li->lo_number = 3;
	li->lo_device = 0x0701;
	li->lo_inode = 12345;
	li->lo_offset = 512;
	li->lo_flags = LO_FLAGS_READ_ONLY;
	strcpy(li->lo_name, "disk.img");
	io(LOOP_SET_STATUS, (unsigned long) li);
	struct loop_info64 *li64 = (struct loop_info64 *) page_tail(sizeof(*li64));
	memset(li64, 0, sizeof(*li64));
	li64->lo_device = 0x10300;
	li64->lo_sizelimit = 1 << 20;
	li64->lo_encrypt_type = LO_CRYPT_XOR;
	li64->lo_encrypt_key_size = 3;
	memcpy(li64->lo_encrypt_key, "key", 3);
	strcpy((char *) li64->lo_file_name, "/tmp/x");
	io(LOOP_SET_STATUS64, (unsigned long) li64);

	struct termios2 *t2 = (struct termios2 *) page_tail(sizeof(*t2));
	memset(t2, 0, sizeof(*t2));
	t2->c_cflag = B38400 | CS8 | CREAD;
	t2->c_line = N_PPP;
	fill(t2->c_cc, sizeof(t2->c_cc), 1);
	t2->c_ispeed = 38400;
	t2->c_ospeed = 38400;
	io(TCSETS2, (unsigned long) t2);
	io(TCSETS, (unsigned long) t2);
	io(TCGETA, (unsigned long) t2);

	struct fiemap *fm = (struct fiemap *) page_tail(sizeof(*fm) + 2 * sizeof(struct fiemap_extent));
	memset(fm, 0, sizeof(*fm) + 2 * sizeof(struct fiemap_extent));
	fm->fm_length = ~0ULL;
	fm->fm_extent_count = 2;
	fm->fm_mapped_extents = 2;
	fm->fm_extents[0] = (struct fiemap_extent) { .fe_logical = 0, .fe_physical = 4096, .fe_length = 8192 };
	fm->fm_extents[1] = (struct fiemap_extent) { .fe_logical = 8192, .fe_physical = 65536, .fe_length = 4096,
		.fe_flags = FIEMAP_EXTENT_LAST | FIEMAP_EXTENT_UNWRITTEN };
	io(FS_IOC_FIEMAP, (unsigned long) fm);
	fm->fm_mapped_extents = 3;
	io(FS_IOC_FIEMAP, (unsigned long) fm);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	write(-1, "jtrace-ioctl-families-begin", 27);
	if (!strcmp(argv[1], "hdio"))
		hdio();
	else if (!strcmp(argv[1], "kd"))
		kd();
	else if (!strcmp(argv[1], "gpio"))
		gpio();
	else if (!strcmp(argv[1], "structures"))
		structures();
	else
		return 2;
	return 0;
}
