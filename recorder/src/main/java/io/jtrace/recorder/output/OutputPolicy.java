package io.jtrace.recorder.output;

import io.jtrace.format.Codec;

/**
 * Where and how trace files are written: {@code -w}, {@code -G}, {@code -C}, {@code -W},
 * {@code -Z}. {@code rotateSeconds} only rotates with {@code maxFiles}; without it {@code -G}
 * is a duration and is handled by the recorder, not here.
 *
 * @param path          the -w argument; "-" is standard output (no rotation)
 * @param rotateSeconds rotate every so many seconds, 0 = never
 * @param rotateBytes   rotate when a file reaches this size, 0 = never
 * @param maxFiles      keep at most this many files, 0 = all
 * @param owner         USER[:GROUP] to hand files to, or null
 */
public record OutputPolicy(String path, Codec codec, long rotateSeconds, long rotateBytes, int maxFiles,
                           String owner) {
    public boolean toStdout() {
        return "-".equals(path);
    }

    public boolean rotates() {
        return !toStdout() && (rotateSeconds > 0 || rotateBytes > 0);
    }
}
