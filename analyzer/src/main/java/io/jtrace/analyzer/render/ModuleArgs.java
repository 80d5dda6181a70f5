package io.jtrace.analyzer.render;

import io.jtrace.format.RecordedBuffer;

/** Arguments of finit_module (strace 6.1's bjm.c) and kexec_file_load (kexec.c). */
final class ModuleArgs {
    static final Flags MODULE_INIT = Flags.of("MODULE_INIT_???", "MODULE_INIT_IGNORE_MODVERSIONS", 1,
            "MODULE_INIT_IGNORE_VERMAGIC", 2, "MODULE_INIT_COMPRESSED_FILE", 4);
    static final Flags KEXEC_FILE = Flags.of("KEXEC_FILE_???", "KEXEC_FILE_UNLOAD", 1, "KEXEC_FILE_ON_CRASH", 2,
            "KEXEC_FILE_NO_INITRAMFS", 4);

    private ModuleArgs() {
    }

    /**
     * strace's printstr of a NUL-terminated string: at most -s bytes, "..." when it is longer, the
     * address when the -s + 1 bytes strace reads end in unreadable memory before a NUL. The
     * recorder keeps what it could read of an unterminated string (its length then the most it reads).
     */
    static final Arg CSTRING = Arg.in((c, i, out) -> {
        RecordedBuffer b = c.atEntry(i);
        int limit = c.options.stringLimit;
        if (c.arg(i) == 0) {
            out.append("NULL");
        } else if (b == null || b.getError() != 0
                || b.getData().size() < b.getLength() && b.getData().size() <= limit) {
            Formats.pointer(out, c.arg(i));
        } else {
            byte[] bytes = b.getData().toByteArray();
            int n = Math.min(bytes.length, limit);
            Quote.append(out, bytes, 0, n, c.options.hex, true);
            if (b.getLength() > n) {
                out.append("...");
            }
        }
    });

    /** kexec_file_load's command line: strace's printstrn of cmdline_len bytes. */
    static final Arg CMDLINE = Arg.in((c, i, out) -> c.string(out, c.atEntry(i), c.arg(i), c.arg(i - 1), false));

    /** kexec_file_load's flags, a 64-bit printflags64. */
    static final Arg KEXEC_FLAGS = Arg.in((c, i, out) -> KEXEC_FILE.flags(out, c.arg(i)));
}
