package io.jtrace.format.internal;

import io.jtrace.format.Codec;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

/** Compresses raw message bytes into frames of the chosen codec and writes them out. */
public final class FrameWriter implements Closeable, Flushable {
    private final OutputStream out;
    private final FrameCodec codec;
    private final int level;
    private long bytesWritten;
    private long frames;

    public FrameWriter(OutputStream out, Codec codec, int level) {
        this.out = out;
        this.codec = FrameCodec.of(codec);
        this.level = level;
    }

    /**
     * Writes {@code raw[0..len)} as one frame; the caller guarantees whole messages.
     *
     * @param index what the frame holds (format 1.5), its first message; null for none (the header frame)
     */
    public void writeFrame(byte[] raw, int len, FrameIndex index) throws IOException {
        byte[] message = index == null ? null : index.toMessage();
        if (len + (message == null ? 0 : message.length) > FrameMeta.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + len + " bytes exceeds the frame limit");
        }
        byte[] frame = codec.encode(message, raw, len, level);
        out.write(frame);
        bytesWritten += frame.length;
        frames++;
    }

    /** Bytes written to the file so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    public long frames() {
        return frames;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
