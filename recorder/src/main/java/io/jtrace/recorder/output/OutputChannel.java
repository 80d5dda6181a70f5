package io.jtrace.recorder.output;

import io.jtrace.recorder.ptrace.LibC;
import io.jtrace.recorder.ptrace.Native;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One output file (or standard output) as the kernel sees it: counts the bytes each write(2)
 * accepted, so the final line tells what reached the file even when a later write failed, and
 * can check before tracing starts that the output takes writes at all.
 */
public final class OutputChannel extends OutputStream {
    private static final int O_WRONLY = 01;
    private static final int O_NOCTTY = 0400;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    /** What the check writes to (and then truncates from) a regular file: one page. */
    private static final int PROBE_BYTES = 4096;
    private static final int SLICE = 1 << 20;

    private final FileChannel channel;
    private final String name;
    private final Path path;
    private final boolean regular;
    private volatile long written;

    /**
     * @param path    the file, or null for standard output
     * @param regular whether {@code path} is a regular file (not a device, FIFO or socket)
     */
    OutputChannel(FileChannel channel, Path path, boolean regular) {
        this.channel = channel;
        this.path = path;
        this.name = path == null ? "stdout" : path.toString();
        this.regular = regular;
    }

    /** The path, or "stdout": what messages name. */
    public String name() {
        return name;
    }

    /** Bytes the kernel accepted so far. */
    public long written() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        while (off < end) {
            // In slices: the JDK copies a heap array through a per-thread direct buffer as large as
            // the write and keeps that buffer cached, which a 31 MiB frame would leave behind for good.
            int n = channel.write(ByteBuffer.wrap(b, off, Math.min(end - off, SLICE)));
            written += n; // a short write counts what it wrote before the next one fails
            off += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Checks, before any process is touched, that the output takes writes: a regular file gets
     * a page written and truncated away again (a full disk or a /proc file fails here); anything
     * else gets a write(2) of zero bytes, which a device like /dev/full refuses and which writes
     * nothing to a terminal or pipe.
     */
    void check() throws IOException {
        if (regular) {
            channel.write(ByteBuffer.allocate(PROBE_BYTES)); // write(2), as the trace will: /proc refuses pwrite
            channel.truncate(0);
            channel.position(0);
            return;
        }
        LibC libc = Native.libc();
        int fd = path == null ? 1 : libc.open(path.toString(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException(libc.strerror(Native.errno()));
        }
        try {
            // the JDK skips the system call for an empty buffer: ask the kernel directly
            if (libc.write(fd, new byte[1], 0) < 0) {
                throw new IOException(libc.strerror(Native.errno()));
            }
        } finally {
            if (path != null) {
                libc.close(fd);
            }
        }
    }
}
