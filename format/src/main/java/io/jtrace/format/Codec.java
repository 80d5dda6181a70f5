package io.jtrace.format;

import java.util.Locale;

/** Compression of a trace file's frames. The reader detects it from the file's first bytes. */
public enum Codec {
    /** zstd frames with content checksums, each preceded by a skippable frame of metadata. */
    ZSTD(1),
    /** gzip members whose FEXTRA field carries the frame metadata. */
    GZIP(1),
    /** Uncompressed frames: metadata followed by the messages. */
    NONE(0);

    private final int defaultLevel;

    Codec(int defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    /** The compression level used when none is given: the fastest, as a recorder needs. */
    public int defaultLevel() {
        return defaultLevel;
    }

    /** The codec's name as used on command lines and in the header: "zstd", "gzip", "none". */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a codec name as a user types it.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Codec parse(String name) {
        for (Codec c : values()) {
            if (c.displayName().equalsIgnoreCase(name)) {
                return c;
            }
        }
        if ("gz".equalsIgnoreCase(name)) {
            return GZIP;
        }
        throw new IllegalArgumentException("unknown codec '" + name + "' (expected zstd, gzip or none)");
    }
}
